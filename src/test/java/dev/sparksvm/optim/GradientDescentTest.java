package dev.sparksvm.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.core.BatchKernel;
import dev.sparksvm.core.L2Regularizer;
import dev.sparksvm.core.Loss;
import dev.sparksvm.core.MulticlassHinge;
import dev.sparksvm.core.Softmax;
import dev.sparksvm.core.StackedWeights;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Cifar10;
import dev.sparksvm.data.ImageBlock;
import dev.sparksvm.data.SyntheticBlocks;
import dev.sparksvm.data.SyntheticCifar10;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Gradient descent on the in-memory objective over synthetic CIFAR-10 blocks. */
class GradientDescentTest {
  private static List<ImageBlock> train;
  private static ImageBlock heldOut;
  private static double[] mean;
  private static long[] sizes;

  @BeforeAll
  static void data() {
    train = SyntheticBlocks.partitions(500, 3, 1);
    heldOut = SyntheticBlocks.of(SyntheticCifar10.records(500, 2));
    mean = SyntheticBlocks.mean(train);
    sizes = train.stream().mapToLong(ImageBlock::size).toArray();
  }

  private static LocalObjective objective(Loss loss, int batch, long seed, double reg) {
    return new LocalObjective(
        train,
        mean,
        Cifar10.CLASSES,
        new MiniBatchPlan(batch, seed, sizes),
        loss,
        new L2Regularizer(reg));
  }

  private static Weights start() {
    return Weights.gaussian(Cifar10.CLASSES, Cifar10.FEATURES, 1e-3, 3);
  }

  private static double accuracy(Weights w) {
    return BatchKernel.current().countCorrect(heldOut.centred(mean), StackedWeights.of(w))[0]
        / (double) heldOut.size();
  }

  private static double average(List<Double> values, int from, int to) {
    return values.subList(from, to).stream()
        .mapToDouble(Double::doubleValue)
        .average()
        .orElseThrow();
  }

  @ParameterizedTest
  @ValueSource(strings = {"svm", "softmax"})
  void miniBatchDescentLearnsTheSyntheticClasses(String lossName) {
    LocalObjective objective =
        objective(lossName.equals("svm") ? new MulticlassHinge(1) : new Softmax(), 50, 7, 1e3);
    List<Double> losses = new ArrayList<>();
    List<Long> steps = new ArrayList<>();
    int iterations = 200;
    Weights w =
        new GradientDescent(LearningRate.constant(1e-6))
            .minimise(
                objective,
                start(),
                iterations,
                (step, loss, rate, weights) -> {
                  steps.add(step);
                  losses.add(loss);
                  assertEquals(1e-6, rate, 0.0);
                });
    assertEquals(iterations, steps.size());
    assertEquals(0L, steps.get(0));
    assertEquals(iterations - 1L, steps.get(iterations - 1));
    double first = average(losses, 0, 10);
    double last = average(losses, iterations - 10, iterations);
    assertTrue(last < 0.5 * first, lossName + ": loss " + first + " -> " + last);

    double accuracy = accuracy(w);
    assertTrue(accuracy > 0.6, lossName + ": held-out accuracy " + accuracy);
    double before = accuracy(start());
    assertTrue(before < 0.3, "the initial weights already score " + before);
  }

  @Test
  void sameSeedGivesBitIdenticalWeights() {
    Weights a =
        new GradientDescent(LearningRate.constant(1e-6))
            .minimise(
                objective(new MulticlassHinge(1), 20, 5, 1e3), start(), 15, (s, l, r, w) -> {});
    Weights b =
        new GradientDescent(LearningRate.constant(1e-6))
            .minimise(
                objective(new MulticlassHinge(1), 20, 5, 1e3), start(), 15, (s, l, r, w) -> {});
    assertEquals(a, b);
    assertEquals(a.sha256(), b.sha256());
    Weights other =
        new GradientDescent(LearningRate.constant(1e-6))
            .minimise(
                objective(new MulticlassHinge(1), 20, 6, 1e3), start(), 15, (s, l, r, w) -> {});
    assertNotEquals(a, other, "another batch seed should draw other batches");
  }

  @Test
  void hugeLearningRateDivergesWithAMessageNamingTheRate() {
    DivergedException e =
        assertThrows(
            DivergedException.class,
            () ->
                new GradientDescent(LearningRate.constant(1e20))
                    .minimise(
                        objective(new MulticlassHinge(1), 50, 5, 1e3),
                        start(),
                        50,
                        (s, l, r, w) -> {}));
    assertTrue(e.getMessage().contains("learning rate 1.0E20"), e.getMessage());
    assertTrue(e.getMessage().contains("--lr"), e.getMessage());
  }

  /**
   * L(W) = 0.5 |W - target|^2: a problem with a known gradient, to pin the update rule down. All
   * gradient descent asks of it is the loss and the gradient.
   */
  private record Quadratic(Weights target) implements Objective {
    @Override
    public int classes() {
      return target.classes();
    }

    @Override
    public int features() {
      return target.features();
    }

    @Override
    public Evaluation evaluate(Weights w, long step) {
      Weights g = w.copy();
      g.addScaled(-1, target);
      return new Evaluation(0.5 * g.squaredNorm(), g, 1);
    }
  }

  @Test
  void updateSubtractsTheRateTimesTheGradient() {
    Weights target = new Weights(1, 2, new double[] {4, -2});
    Weights w = Weights.zeros(1, 2);
    List<double[]> seen = new ArrayList<>();
    List<Double> losses = new ArrayList<>();
    List<Double> rates = new ArrayList<>();
    Weights result =
        new GradientDescent(new LearningRate(0.5, 0.5, 2))
            .minimise(
                new Quadratic(target),
                w,
                3,
                (step, loss, rate, weights) -> {
                  seen.add(weights.values().clone());
                  losses.add(loss);
                  rates.add(rate);
                });
    assertSame(w, result, "updated in place");
    assertEquals(List.of(0.5, 0.5, 0.25), rates);
    // W1 = 0 - 0.5 (0 - t) = t/2; W2 = t/2 - 0.5 (t/2 - t) = 3t/4; W3 = 3t/4 + 0.25 t/4 = 13t/16.
    assertArrayEquals(new double[] {2, -1}, seen.get(0), 1e-15);
    assertArrayEquals(new double[] {3, -1.5}, seen.get(1), 1e-15);
    assertArrayEquals(new double[] {3.25, -1.625}, seen.get(2), 1e-15);
    // The reported loss is the one before the update.
    assertEquals(0.5 * (16 + 4), losses.get(0), 1e-15);
    assertEquals(0.5 * (4 + 1), losses.get(1), 1e-15);
  }

  @Test
  void zeroIterationsChangeNothingAndNegativeThrows() {
    Weights w = start();
    Weights copy = w.copy();
    GradientDescent gd = new GradientDescent(LearningRate.constant(1));
    gd.minimise(
        new Quadratic(Weights.zeros(w.classes(), w.features())),
        w,
        0,
        (s, l, r, x) -> {
          throw new AssertionError("no step expected");
        });
    assertEquals(copy, w);
    assertThrows(
        IllegalArgumentException.class,
        () -> gd.minimise(new Quadratic(copy), w, -1, (s, l, r, x) -> {}));
  }
}
