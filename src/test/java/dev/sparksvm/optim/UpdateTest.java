package dev.sparksvm.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
 * The updates against CS231n's formulas worked by hand on a 1 x 4 W over two steps, and a descent
 * with momentum resumed from W and the velocity of a step against the uninterrupted one.
 */
class UpdateTest {
  private static final double[] W0 = {1, 2, -1, 0.5};
  private static final double[] G1 = {0.5, -1, 2, 0};
  private static final double[] G2 = {1, 1, -1, 4};

  /** Two steps: lr 0.1 along G1, then lr 0.2 along G2; returns W after them. */
  private static Weights twoSteps(Update update) {
    Weights w = new Weights(1, 4, W0.clone());
    update.apply(w, new Weights(1, 4, G1.clone()), 0.1);
    update.apply(w, new Weights(1, 4, G2.clone()), 0.2);
    return w;
  }

  @Test
  void vanillaStepsAlongMinusTheGradient() {
    Update sgd = UpdateRule.SGD.start(0.9, 1, 4);
    // W - 0.1 * G1 = (0.95, 2.1, -1.2, 0.5); minus 0.2 * G2 = (0.75, 1.9, -1.0, -0.3).
    assertArrayEquals(new double[] {0.75, 1.9, -1.0, -0.3}, twoSteps(sgd).values(), 1e-14);
    assertNull(sgd.velocity(), "no state between steps");
  }

  @Test
  void momentumMatchesTheHandComputation() {
    Update momentum = UpdateRule.MOMENTUM.start(0.9, 1, 4);
    // v1 = -0.1 * G1 = (-0.05, 0.1, -0.2, 0); W1 = W0 + v1 = (0.95, 2.1, -1.2, 0.5).
    // v2 = 0.9 * v1 - 0.2 * G2 = (-0.245, -0.11, 0.02, -0.8); W2 = W1 + v2.
    assertArrayEquals(new double[] {0.705, 1.99, -1.18, -0.3}, twoSteps(momentum).values(), 1e-14);
    assertArrayEquals(
        new double[] {-0.245, -0.11, 0.02, -0.8}, momentum.velocity().values(), 1e-14);
  }

  @Test
  void nesterovMatchesTheHandComputation() {
    Update nesterov = UpdateRule.NESTEROV.start(0.9, 1, 4);
    // Step 1: v_prev = 0, v1 = (-0.05, 0.1, -0.2, 0); W1 = W0 + 1.9 * v1 = (0.905, 2.19, -1.38,
    // 0.5). Step 2: v2 = (-0.245, -0.11, 0.02, -0.8); W2 = W1 - 0.9 * v1 + 1.9 * v2 = W1 +
    // (-0.4205, -0.299, 0.218, -1.52).
    assertArrayEquals(
        new double[] {0.4845, 1.891, -1.162, -1.02}, twoSteps(nesterov).values(), 1e-14);
    assertArrayEquals(
        new double[] {-0.245, -0.11, 0.02, -0.8}, nesterov.velocity().values(), 1e-14);
  }

  @Test
  void momentumZeroIsTheVanillaUpdateAndTheVelocityIsUsedInPlace() {
    assertArrayEquals(
        twoSteps(new VanillaUpdate()).values(),
        twoSteps(UpdateRule.MOMENTUM.start(0, 1, 4)).values(),
        0.0);
    assertArrayEquals(
        twoSteps(new VanillaUpdate()).values(),
        twoSteps(UpdateRule.NESTEROV.start(0, 1, 4)).values(),
        0.0);
    // A resumed update goes on from the velocity it is given, and updates that very array.
    Weights velocity = new Weights(1, 4, new double[] {1, 0, 0, 0});
    Update resumed = UpdateRule.MOMENTUM.resume(0.5, velocity);
    Weights w = Weights.zeros(1, 4);
    resumed.apply(w, Weights.zeros(1, 4), 0.1);
    assertArrayEquals(new double[] {0.5, 0, 0, 0}, w.values(), 0.0);
    assertArrayEquals(new double[] {0.5, 0, 0, 0}, velocity.values(), 0.0);
  }

  @Test
  void badMomentaShapesAndStatesAreRefused() {
    for (double mu : new double[] {1, -0.1, 1.5, Double.NaN}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> UpdateRule.MOMENTUM.start(mu, 1, 4), "" + mu);
      assertEquals("--momentum must be in [0, 1), got " + mu, e.getMessage());
    }
    Update momentum = UpdateRule.NESTEROV.start(0.9, 2, 2);
    assertThrows(
        IllegalArgumentException.class,
        () -> momentum.apply(Weights.zeros(1, 4), Weights.zeros(1, 4), 0.1));
    assertThrows(IllegalArgumentException.class, () -> UpdateRule.MOMENTUM.resume(0.9, null));
    assertThrows(
        IllegalArgumentException.class, () -> UpdateRule.SGD.resume(0.9, Weights.zeros(1, 4)));
  }

  @Test
  void theRulesAreNamedAndAutoTakesOneMinusMuOfTheVanillaRate() {
    assertEquals(UpdateRule.NESTEROV, UpdateRule.named("Nesterov"));
    assertEquals("momentum", UpdateRule.MOMENTUM.toString());
    assertNull(UpdateRule.named("adam"));
    assertEquals(1e-6, UpdateRule.SGD.rateFor(1e-6, 0.9), 0.0);
    assertEquals(1e-7, UpdateRule.MOMENTUM.rateFor(1e-6, 0.9), 1e-22);
    assertEquals(2.5e-7, UpdateRule.NESTEROV.rateFor(1e-6, 0.75), 1e-22);
  }

  @Test
  void aDescentWithMomentumResumedFromWAndTheVelocityOfAStepHasTheUninterruptedBits() {
    List<ImageBlock> blocks = SyntheticBlocks.partitions(300, 3, 5);
    double[] mean = PixelSums.meanOf(blocks, Cifar10.PIXELS);
    long[] sizes = blocks.stream().mapToLong(ImageBlock::size).toArray();
    MiniBatchPlan plan = new MiniBatchPlan(40, 11, sizes);
    LocalObjective objective =
        new LocalObjective(
            blocks, mean, Cifar10.CLASSES, plan, new Softmax(), new L2Regularizer(10));
    LearningRate rate = new LearningRate(1e-6, 0.9, plan.iterationsPerEpoch());
    for (UpdateRule rule : List.of(UpdateRule.MOMENTUM, UpdateRule.NESTEROV)) {
      Weights start = Weights.gaussian(Cifar10.CLASSES, Cifar10.FEATURES, 1e-3, 2);
      Update whole = rule.start(0.9, Cifar10.CLASSES, Cifar10.FEATURES);
      Weights uninterrupted =
          new GradientDescent(rate, whole)
              .minimise(objective, start.copy(), 0, 20, (s, l, r, w) -> {});
      Update first = rule.start(0.9, Cifar10.CLASSES, Cifar10.FEATURES);
      Weights half =
          new GradientDescent(rate, first)
              .minimise(objective, start.copy(), 0, 8, (s, l, r, w) -> {});
      // What a checkpoint holds: copies of W and the velocity after step 8.
      Update resumed = rule.resume(0.9, first.velocity().copy());
      Weights resumedW =
          new GradientDescent(rate, resumed)
              .minimise(objective, half.copy(), 8, 20, (s, l, r, w) -> {});
      assertArrayEquals(uninterrupted.values(), resumedW.values(), 0.0, rule.toString());
      assertArrayEquals(whole.velocity().values(), resumed.velocity().values(), 0.0);
      // Resumed with a zero velocity instead, it is another trajectory: the velocity matters.
      Weights forgetful =
          new GradientDescent(rate, rule.start(0.9, Cifar10.CLASSES, Cifar10.FEATURES))
              .minimise(objective, half.copy(), 8, 20, (s, l, r, w) -> {});
      assertNotEquals(uninterrupted, forgetful);
      Weights vanilla =
          new GradientDescent(rate).minimise(objective, start.copy(), 0, 20, (s, l, r, w) -> {});
      assertTrue(!vanilla.equals(uninterrupted), rule + " is not the vanilla update");
    }
  }
}
