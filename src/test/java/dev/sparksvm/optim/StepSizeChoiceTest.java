package dev.sparksvm.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.core.L2Regularizer;
import dev.sparksvm.core.Softmax;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Cifar10;
import dev.sparksvm.data.ImageBlock;
import dev.sparksvm.data.PixelSums;
import dev.sparksvm.data.SyntheticBlocks;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --lr auto}'s choice: the best one-step size of the sweep, and the fraction of it that
 * training takes ({@code train}'s half, or the estimator's own).
 */
class StepSizeChoiceTest {
  private static final List<ImageBlock> BLOCKS = SyntheticBlocks.partitions(300, 3, 5);
  private static final double[] MEAN = PixelSums.meanOf(BLOCKS, Cifar10.PIXELS);
  private static final long[] SIZES = BLOCKS.stream().mapToLong(ImageBlock::size).toArray();

  private static LocalObjective objective() {
    return new LocalObjective(
        BLOCKS,
        MEAN,
        Cifar10.CLASSES,
        new MiniBatchPlan(64, 3, SIZES),
        new Softmax(),
        new L2Regularizer(0));
  }

  private static Weights start() {
    return Weights.gaussian(Cifar10.CLASSES, Cifar10.FEATURES, 1e-4, 2);
  }

  @Test
  void theChoiceIsAFractionOfTheStepThatLowersTheHeldOutBatchMost() {
    StepSizeChoice half = StepSizeChoice.sweep(objective(), start());
    StepSizeChoice whole = StepSizeChoice.sweep(objective(), start(), 1.0);
    assertEquals(half.bestStep(), whole.bestStep(), 0.0, "one sweep, whatever is taken of it");
    assertEquals(StepSizeChoice.SAFETY * half.bestStep(), half.learningRate(), 0.0);
    assertEquals(whole.bestStep(), whole.learningRate(), 0.0);
    assertTrue(half.lossAfter() < half.lossBefore());
    // The best step is the lowest loss of the sweep, and a step a decade either side does worse.
    int best = 0;
    for (int i = 0; i < whole.steps().length; i++) {
      best = whole.losses()[i] < whole.losses()[best] ? i : best;
    }
    assertEquals(whole.steps()[best], whole.bestStep(), 0.0);
    assertTrue(best >= 4 && best + 4 < whole.steps().length, "an interior minimum: " + best);
    assertTrue(whole.losses()[best - 4] > whole.lossAfter());
    assertTrue(whole.losses()[best + 4] > whole.lossAfter());
  }

  @Test
  void aFractionOutsideZeroToOneIsRefused() {
    for (double bad : new double[] {0, -0.5, 1.5, Double.NaN}) {
      assertThrows(
          IllegalArgumentException.class,
          () -> StepSizeChoice.sweep(objective(), start(), bad),
          "fraction " + bad);
    }
  }
}
