package dev.sparksvm.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.check.NumericalGradient;
import dev.sparksvm.core.L2Regularizer;
import dev.sparksvm.core.Loss;
import dev.sparksvm.core.MulticlassHinge;
import dev.sparksvm.core.Softmax;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Cifar10;
import dev.sparksvm.data.ImageBlock;
import dev.sparksvm.data.PixelSums;
import dev.sparksvm.data.SyntheticBlocks;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalObjectiveTest {
  private static final double REG = 500;
  private static List<ImageBlock> blocks;
  private static double[] mean;
  private static long[] sizes;
  private static int total;

  @BeforeAll
  static void data() {
    blocks = SyntheticBlocks.partitions(103, 4, 9); // sizes 26, 26, 26, 25
    mean = SyntheticBlocks.mean(blocks);
    sizes = blocks.stream().mapToLong(ImageBlock::size).toArray();
    total = 103;
  }

  private static LocalObjective objective(Loss loss, int batch) {
    return new LocalObjective(
        blocks,
        mean,
        Cifar10.CLASSES,
        new MiniBatchPlan(batch, 17, sizes),
        loss,
        new L2Regularizer(REG));
  }

  private static Weights w() {
    return Weights.gaussian(Cifar10.CLASSES, Cifar10.FEATURES, 1e-3, 4);
  }

  @Test
  void pixelMeanOfInMemoryBlocksIsThePlainMean() {
    assertArrayEquals(mean, PixelSums.meanOf(blocks, Cifar10.PIXELS), 1e-12);
  }

  @Test
  void fullBatchUsesEveryRowAtEveryStep() {
    Loss loss = new Softmax();
    LocalObjective objective = objective(loss, total);
    Weights w = w();
    Objective.Evaluation e = objective.evaluate(w, 0);
    assertEquals(total, e.examples());

    // Reference: every image, one at a time, with plain loops (no BLAS, no kernel, no batches).
    int c = Cifar10.CLASSES;
    int d = Cifar10.FEATURES;
    double lossSum = 0;
    double[] gradient = new double[w.values().length];
    // The sum of the terms' sizes: a sum's rounding error scales with it, not with the sum, which
    // cancels (each BLAS adds the terms in its own order, with or without fused multiply-adds).
    double[] magnitude = new double[w.values().length];
    for (ImageBlock b : blocks) {
      for (int i = 0; i < b.size(); i++) {
        double[] x = new double[d];
        for (int j = 0; j < Cifar10.PIXELS; j++) {
          x[j] = b.pixel(i, j) - mean[j];
        }
        x[d - 1] = 1;
        double[] scores = new double[c];
        for (int k = 0; k < c; k++) {
          for (int j = 0; j < d; j++) {
            scores[k] += w.get(k, j) * x[j];
          }
        }
        double[] ds = new double[c];
        lossSum += loss.lossAndGradient(scores, new int[] {b.label(i)}, 1, c, ds);
        for (int k = 0; k < c; k++) {
          for (int j = 0; j < d; j++) {
            gradient[k * d + j] += ds[k] * x[j];
            magnitude[k * d + j] += Math.abs(ds[k] * x[j]);
          }
        }
      }
    }
    double expectedLoss = lossSum / total + REG * w.squaredNorm();
    assertEquals(expectedLoss, e.loss(), 1e-12 * expectedLoss);
    for (int k = 0; k < gradient.length; k++) {
      double expected = gradient[k] / total + 2 * REG * w.values()[k];
      assertEquals(
          expected,
          e.gradient().values()[k],
          1e-10 * Math.abs(expected) + 1e-13 * magnitude[k] / total + 1e-15,
          "coordinate " + k);
    }

    // The full batch does not depend on the step.
    Objective.Evaluation later = objective.evaluate(w, 5);
    assertEquals(e.loss(), later.loss(), 0.0);
    assertEquals(e.gradient(), later.gradient());
  }

  @Test
  void miniBatchIsDeterministicPerStepAndChangesAcrossSteps() {
    LocalObjective objective = objective(new MulticlassHinge(1), 10);
    Weights w = w();
    Weights before = w.copy();
    Objective.Evaluation a = objective.evaluate(w, 3);
    assertEquals(10, a.examples());
    assertEquals(before, w, "evaluate must not modify W");
    Objective.Evaluation again = objective(new MulticlassHinge(1), 10).evaluate(w, 3);
    assertEquals(a.loss(), again.loss(), 0.0);
    assertEquals(a.gradient(), again.gradient());
    assertNotEquals(a.loss(), objective.evaluate(w, 4).loss());
  }

  @Test
  void gradientMatchesCenteredDifferencesOnTheWholePipeline() {
    // Sampling, mean subtraction, bias feature, chunked GEMMs, exact merge and the L2 term
    // together.
    LocalObjective objective = objective(new Softmax(), 40);
    Weights w = w();
    long step = 2;
    Weights analytic = objective.evaluate(w, step).gradient();
    SplittableRandom random = new SplittableRandom(1);
    for (int trial = 0; trial < 12; trial++) {
      int c = random.nextInt(Cifar10.CLASSES);
      // Include the bias column now and then.
      int j = trial % 4 == 0 ? Cifar10.PIXELS : random.nextInt(Cifar10.PIXELS);
      int k = c * Cifar10.FEATURES + j;
      double numerical =
          NumericalGradient.at(
              x -> objective.evaluate(x, step).loss(),
              w,
              k,
              1e-5,
              NumericalGradient.Method.CENTERED);
      double err = NumericalGradient.relativeError(analytic.values()[k], numerical);
      assertTrue(
          err < 1e-6,
          "dL/dW["
              + c
              + "]["
              + j
              + "]: analytic "
              + analytic.values()[k]
              + ", numerical "
              + numerical
              + ", relative error "
              + err);
    }
  }

  @Test
  void constructorChecksMeanAndPartitions() {
    MiniBatchPlan g = new MiniBatchPlan(5, 1, sizes);
    Loss svm = new MulticlassHinge(1);
    L2Regularizer reg = new L2Regularizer(1);
    assertThrows(
        IllegalArgumentException.class,
        () -> new LocalObjective(blocks, new double[10], Cifar10.CLASSES, g, svm, reg));
    assertThrows(
        IllegalArgumentException.class,
        () -> new LocalObjective(blocks.subList(0, 3), mean, Cifar10.CLASSES, g, svm, reg));
    LocalObjective o = new LocalObjective(blocks, mean, Cifar10.CLASSES, g, svm, reg);
    assertEquals(Cifar10.CLASSES, o.classes());
    assertEquals(Cifar10.FEATURES, o.features());
  }
}
