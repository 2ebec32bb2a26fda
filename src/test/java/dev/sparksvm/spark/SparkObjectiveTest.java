package dev.sparksvm.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.core.Batch;
import dev.sparksvm.core.L2Regularizer;
import dev.sparksvm.core.LinearBatch;
import dev.sparksvm.core.Loss;
import dev.sparksvm.core.MulticlassHinge;
import dev.sparksvm.core.Softmax;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Cifar10;
import dev.sparksvm.data.ImageBlock;
import dev.sparksvm.optim.LocalObjective;
import dev.sparksvm.optim.MiniBatchGradient;
import dev.sparksvm.optim.Objective.Evaluation;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distributed objective against single-process references, on local[2]. */
class SparkObjectiveTest {
  @TempDir
  static Path dir;
  private static JavaSparkContext sc;
  private static ImageData data;
  private static double[] mean;
  private static final L2Regularizer REG = new L2Regularizer(0.7);

  @BeforeAll
  static void load() throws Exception {
    sc = LocalSpark.get();
    CifarFixtures.batches(dir, 60);
    CifarFiles files = CifarFiles.resolve(dir.toString(), sc.hadoopConfiguration(),
        Cifar10.TRAIN_PATTERN);
    data = CifarLoader.load(sc, files, RecordSelection.all(), 3, "objective test");
    mean = PixelMean.of(data);
  }

  @AfterAll
  static void unpersist() {
    data.unpersist();
  }

  private static Weights weights(long seed) {
    return Weights.gaussian(Cifar10.CLASSES, Cifar10.FEATURES, 1e-3, seed);
  }

  @Test
  void fullBatchGradientEqualsTheSingleProcessOneGemmGradient() {
    for (Loss loss : List.of(new MulticlassHinge(1), new Softmax())) {
      Weights w = weights(3);
      int n = (int) data.count();
      MiniBatchGradient math = new MiniBatchGradient(loss, n, 11, data.partitionSizes());
      Evaluation distributed;
      try (SparkObjective objective = new SparkObjective(sc, data, mean, math, REG, 2)) {
        distributed = objective.evaluate(w, 0);
      }

      // Reference: every image as one batch matrix, one GEMM for scores, one for the gradient.
      List<ImageBlock> blocks = data.blocks().collect();
      Batch all = new Batch(n, Cifar10.FEATURES);
      double[] x = all.x();
      int[] y = all.labels();
      int row = 0;
      for (ImageBlock b : blocks) {
        for (int i = 0; i < b.size(); i++, row++) {
          for (int j = 0; j < Cifar10.PIXELS; j++) {
            x[row * Cifar10.FEATURES + j] = b.pixel(i, j) - mean[j];
          }
          x[row * Cifar10.FEATURES + Cifar10.PIXELS] = 1;
          y[row] = b.label(i);
        }
      }
      all.setRows(n);
      double[] gradient = new double[w.values().length];
      double lossSum = LinearBatch.addLossAndGradient(w, all, loss, gradient);
      Weights expected = new Weights(w.classes(), w.features(), gradient);
      for (int i = 0; i < gradient.length; i++) {
        gradient[i] /= n;
      }
      REG.addGradient(w, expected);

      assertEquals(n, distributed.examples());
      assertEquals(lossSum / n + REG.loss(w), distributed.loss(), 1e-12 * distributed.loss());
      double maxAbs = 0;
      double maxDiff = 0;
      for (int i = 0; i < gradient.length; i++) {
        maxAbs = Math.max(maxAbs, Math.abs(gradient[i]));
        maxDiff = Math.max(maxDiff, Math.abs(gradient[i] - distributed.gradient().values()[i]));
      }
      assertTrue(maxDiff <= 1e-12 * maxAbs, loss.name() + ": max difference " + maxDiff
          + " against max |gradient| " + maxAbs);
    }
  }

  @Test
  void miniBatchGradientIsBitIdenticalToTheInMemoryObjective() {
    List<ImageBlock> blocks = data.blocks().collect();
    MiniBatchGradient math = new MiniBatchGradient(new MulticlassHinge(1), 37, 5,
        data.partitionSizes());
    LocalObjective local = new LocalObjective(blocks, mean, math, REG);
    Weights w = weights(4);
    try (SparkObjective objective = new SparkObjective(sc, data, mean, math, REG, 2)) {
      for (long step = 0; step < 4; step++) {
        Evaluation d = objective.evaluate(w, step);
        Evaluation l = local.evaluate(w, step);
        assertEquals(37, d.examples());
        assertEquals(l.loss(), d.loss(), 0.0);
        assertArrayEquals(l.gradient().values(), d.gradient().values(), 0.0);
      }
      assertNotEquals(objective.evaluate(w, 0).loss(), objective.evaluate(w, 1).loss(),
          "different steps must draw different batches");
    }
  }

  @Test
  void aggregationDepthDoesNotChangeABit() {
    MiniBatchGradient math = new MiniBatchGradient(new Softmax(), 100, 9, data.partitionSizes());
    Weights w = weights(5);
    Evaluation depth1;
    Evaluation depth3;
    try (SparkObjective a = new SparkObjective(sc, data, mean, math, REG, 1);
        SparkObjective b = new SparkObjective(sc, data, mean, math, REG, 3)) {
      depth1 = a.evaluate(w, 2);
      depth3 = b.evaluate(w, 2);
    }
    assertEquals(depth1.loss(), depth3.loss(), 0.0);
    assertArrayEquals(depth1.gradient().values(), depth3.gradient().values(), 0.0);
  }

  @Test
  void evaluationLeavesTheWeightsAloneAndDestroysItsBroadcasts() {
    Weights w = weights(6);
    Weights before = w.copy();
    MiniBatchGradient math = new MiniBatchGradient(new MulticlassHinge(1), 20, 1,
        data.partitionSizes());
    try (SparkObjective objective = new SparkObjective(sc, data, mean, math, REG, 2)) {
      objective.evaluate(w, 0);
      assertEquals(1, objective.timings().evaluations());
    }
    assertEquals(before, w);
  }

  @Test
  void accuracyCountsEveryImageOnce() {
    Weights w = weights(8);
    double accuracy = DistributedAccuracy.of(sc, data, w, mean);
    long correct = 0;
    for (ImageBlock b : data.blocks().collect()) {
      correct += dev.sparksvm.data.BlockScoring.countCorrect(b, w, mean);
    }
    assertEquals(correct / (double) data.count(), accuracy, 0.0);
  }
}
