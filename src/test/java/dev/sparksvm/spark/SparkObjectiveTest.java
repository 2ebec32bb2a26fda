package dev.sparksvm.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.core.Batch;
import dev.sparksvm.core.L2Regularizer;
import dev.sparksvm.core.LinearBatch;
import dev.sparksvm.core.Loss;
import dev.sparksvm.core.MulticlassHinge;
import dev.sparksvm.core.Precision;
import dev.sparksvm.core.Softmax;
import dev.sparksvm.core.StackedWeights;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Cifar10;
import dev.sparksvm.data.ImageBlock;
import dev.sparksvm.data.Preprocessing;
import dev.sparksvm.input.ImageFiles;
import dev.sparksvm.input.RecordSelection;
import dev.sparksvm.optim.LocalObjective;
import dev.sparksvm.optim.MiniBatchPlan;
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
  @TempDir static Path dir;
  private static JavaSparkContext sc;
  private static ImageData data;
  private static double[] mean;
  private static final L2Regularizer REG = new L2Regularizer(0.7);

  @BeforeAll
  static void load() throws Exception {
    sc = LocalSpark.get();
    CifarFixtures.batches(dir, 60);
    ImageFiles files =
        ImageFiles.resolve(dir.toString(), ImageFiles.Request.training(), sc.hadoopConfiguration());
    data = ImageLoader.load(sc, files, RecordSelection.all(), 3, "objective test");
    mean = data.pixelMean();
  }

  @AfterAll
  static void unpersist() {
    data.unpersist();
  }

  private static Weights weights(long seed) {
    return Weights.gaussian(Cifar10.CLASSES, Cifar10.FEATURES, 1e-3, seed);
  }

  private static SparkObjective objective(int batch, long seed, Loss loss, int depth) {
    return new SparkObjective(
        sc,
        data,
        mean,
        new MiniBatchPlan(batch, seed, data.partitionSizes()),
        loss,
        REG,
        depth,
        Precision.DOUBLE);
  }

  @Test
  void fullBatchGradientEqualsTheSingleProcessOneGemmGradient() {
    for (Loss loss : List.of(new MulticlassHinge(1), new Softmax())) {
      Weights w = weights(3);
      int n = (int) data.count();
      Evaluation distributed;
      try (SparkObjective objective = objective(n, 11, loss, 2)) {
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
      assertTrue(
          maxDiff <= 1e-12 * maxAbs,
          loss.name() + ": max difference " + maxDiff + " against max |gradient| " + maxAbs);
    }
  }

  @Test
  void miniBatchGradientIsBitIdenticalToTheInMemoryObjective() {
    List<ImageBlock> blocks = data.blocks().collect();
    MiniBatchPlan plan = new MiniBatchPlan(37, 5, data.partitionSizes());
    Loss loss = new MulticlassHinge(1);
    LocalObjective local = new LocalObjective(blocks, mean, Cifar10.CLASSES, plan, loss, REG);
    Weights w = weights(4);
    try (SparkObjective objective = objective(37, 5, loss, 1)) {
      for (long step = 0; step < 4; step++) {
        Evaluation d = objective.evaluate(w, step);
        Evaluation l = local.evaluate(w, step);
        assertEquals(37, d.examples());
        assertEquals(l.loss(), d.loss(), 0.0);
        assertArrayEquals(l.gradient().values(), d.gradient().values(), 0.0);
      }
      assertNotEquals(
          objective.evaluate(w, 0).loss(),
          objective.evaluate(w, 1).loss(),
          "different steps must draw different batches");
    }
  }

  @Test
  void floatStackedGradientsAreBitIdenticalToTheInMemoryObjectiveAndNearDouble() {
    List<ImageBlock> blocks = data.blocks().collect();
    MiniBatchPlan plan = new MiniBatchPlan(41, 6, data.partitionSizes());
    Loss loss = new Softmax();
    LocalObjective local =
        new LocalObjective(blocks, mean, Cifar10.CLASSES, plan, loss, REG, Precision.FLOAT);
    StackedWeights w = StackedWeights.of(List.of(weights(7), weights(8), weights(9)));
    L2Regularizer[] regs = {REG, REG, REG};
    try (SparkObjective floats =
            new SparkObjective(sc, data, mean, plan, loss, REG, 1, Precision.FLOAT);
        SparkObjective doubles =
            new SparkObjective(sc, data, mean, plan, loss, REG, 1, Precision.DOUBLE)) {
      for (long step = 0; step < 2; step++) {
        Evaluation[] f = floats.evaluate(w, regs, step);
        Evaluation[] l = local.evaluate(w, regs, step);
        Evaluation[] d = doubles.evaluate(w, regs, step);
        for (int k = 0; k < 3; k++) {
          assertEquals(l[k].loss(), f[k].loss(), 0.0);
          assertArrayEquals(l[k].gradient().values(), f[k].gradient().values(), 0.0);
          assertEquals(d[k].loss(), f[k].loss(), 1e-6 * d[k].loss());
          assertNotEquals(d[k].gradient(), f[k].gradient(), "float ran, not double");
        }
      }
    }
  }

  @Test
  void bothWaysOfMergingAreDeterministicAndAgreeToRounding() {
    Weights w = weights(5);
    Evaluation[] direct = new Evaluation[2];
    Evaluation[] tree = new Evaluation[2];
    for (int run = 0; run < 2; run++) {
      try (SparkObjective a = objective(100, 9, new Softmax(), 1);
          SparkObjective b = objective(100, 9, new Softmax(), 3)) {
        direct[run] = a.evaluate(w, 2);
        tree[run] = b.evaluate(w, 2);
      }
    }
    assertEquals(direct[0].loss(), direct[1].loss(), 0.0);
    assertArrayEquals(direct[0].gradient().values(), direct[1].gradient().values(), 0.0);
    assertEquals(tree[0].loss(), tree[1].loss(), 0.0);
    assertArrayEquals(tree[0].gradient().values(), tree[1].gradient().values(), 0.0);
    assertEquals(direct[0].loss(), tree[0].loss(), 1e-12 * direct[0].loss());
    double[] g = direct[0].gradient().values();
    double[] h = tree[0].gradient().values();
    // Rounding relative to the gradient's scale: a coordinate that cancels to near 0 keeps the
    // absolute error of its terms (OpenBLAS's fused multiply-adds round otherwise than VectorBLAS).
    double scale = java.util.Arrays.stream(g).map(Math::abs).max().orElse(0);
    for (int i = 0; i < g.length; i++) {
      assertEquals(g[i], h[i], 1e-12 * (Math.abs(g[i]) + scale), "coordinate " + i);
    }
  }

  /**
   * Each step's phases are its own and fit inside the wall time around it; the objective's totals
   * are the sum of its evaluations'. {@code lastPhases()} once returned the phases recorded by the
   * last {@code evaluate}, so a step of {@code gradientSums} alone reported an older step's (or
   * none).
   */
  @Test
  void eachStepsPhasesAreItsOwnFitItsWallTimeAndAddUpToTheTotal() {
    Weights w = weights(4);
    for (int depth : new int[] {1, 2}) {
      try (SparkObjective objective = objective(20, 5, new MulticlassHinge(1), depth)) {
        assertNull(objective.lastPhases(), "no step yet");
        long start = System.nanoTime();
        objective.gradientSums(StackedWeights.of(w), 0);
        long wall = System.nanoTime() - start;
        IterationPhases alone = objective.lastPhases();
        assertNotNull(alone, "gradientSums is a step too (depth " + depth + ")");
        assertTrue(alone.totalNanos() <= wall, alone + " within " + wall + " ns");
        assertEquals(0, objective.totalPhases().totalNanos(), "only evaluations are totalled");

        long sum = 0;
        IterationPhases previous = alone;
        for (long step = 1; step <= 4; step++) {
          start = System.nanoTime();
          objective.evaluate(w, step);
          wall = System.nanoTime() - start;
          IterationPhases p = objective.lastPhases();
          assertNotSame(previous, p, "step " + step + " has phases of its own");
          assertEquals(3, p.tasks(), p.toString());
          assertTrue(
              p.computeNanos() > 0
                  && p.broadcastNanos() >= 0
                  && p.aggregationNanos() >= 0
                  && p.driverNanos() >= 0
                  && p.schedulingNanos() >= 0,
              p.toString());
          assertTrue(p.totalNanos() <= wall, p + " within " + wall + " ns");
          sum += p.totalNanos();
          previous = p;
        }
        assertEquals(sum, objective.totalPhases().totalNanos(), "the sum of the four steps");

        objective.gradientSums(StackedWeights.of(w), 5);
        assertNotSame(previous, objective.lastPhases(), "the last step's, not the last evaluate's");
        assertEquals(sum, objective.totalPhases().totalNanos(), "still the four evaluations");
      }
    }
  }

  @Test
  void a100StepsAndAFailedJobLeaveNoBroadcastBehindAndWAlone() {
    long before = LiveBroadcasts.settledNotTaskBinaries();
    Weights w = weights(6);
    Weights copy = w.copy();
    try (SparkObjective objective = objective(20, 1, new MulticlassHinge(1), 2)) {
      for (long step = 0; step < 100; step++) {
        objective.evaluate(w, step);
      }
      assertEquals(copy, w, "evaluate must not change W");
      assertEquals(
          before + 2,
          LiveBroadcasts.awaitNotTaskBinaries(before + 2),
          "only the mean and the steps' lineage stay while open");
      // A W of the wrong shape fails inside the tasks: the job fails, the broadcast must still go.
      Weights wrong = Weights.zeros(Cifar10.CLASSES, 7);
      assertThrows(Exception.class, () -> objective.evaluate(wrong, 0));
      assertEquals(
          before + 2, LiveBroadcasts.awaitNotTaskBinaries(before + 2), "after a failed job");
      objective.losses(dev.sparksvm.core.Candidates.of(List.of(w, copy)), 0);
      assertEquals(
          before + 2, LiveBroadcasts.awaitNotTaskBinaries(before + 2), "after a loss pass");
    }
    assertEquals(before, LiveBroadcasts.awaitNotTaskBinaries(before), "closing drops both");
  }

  /**
   * Spark ML's test: W travels by broadcast, never inside the task closure, so the serialized task
   * (Spark's task binary: the RDD and the function) stays small however large W grows. A W of 500
   * classes is 12 MB of doubles.
   */
  @Test
  void weightsTravelByBroadcastNotInsideTheTask() {
    Weights big = Weights.gaussian(500, Cifar10.FEATURES, 1e-3, 9);
    long largest = 0;
    try (SparkObjective objective = objective(20, 1, new MulticlassHinge(1), 2)) {
      // Task binaries live until the garbage collector takes their stage: look right after the job.
      for (int attempt = 0; attempt < 5 && largest == 0; attempt++) {
        objective.evaluate(big, attempt);
        largest = LiveBroadcasts.largestTaskBinary();
      }
    }
    assertTrue(largest > 0, "no task binary was seen");
    assertTrue(largest < 1 << 20, "a task binary of " + largest + " bytes holds W");

    // The check can fail: a closure that captures a 12 MB array makes a task binary that large.
    double[] captured = big.values();
    long seen = 0;
    for (int attempt = 0; attempt < 5 && seen < captured.length; attempt++) {
      data.blocks().map(block -> captured.length).count();
      seen = LiveBroadcasts.largestTaskBinary();
    }
    assertTrue(seen > 8L * captured.length, "a captured W shows: " + seen + " bytes");
  }

  @Test
  void accuracyCountsEveryImageOnce() {
    Weights w = weights(8);
    double accuracy = DistributedAccuracy.of(sc, data, w, mean);
    // Reference: every image scored by a plain loop (no BLAS, no kernel).
    long correct = 0;
    for (ImageBlock b : data.blocks().collect()) {
      for (int i = 0; i < b.size(); i++) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < Cifar10.CLASSES; c++) {
          double s = w.get(c, Cifar10.PIXELS);
          for (int j = 0; j < Cifar10.PIXELS; j++) {
            s += w.get(c, j) * (b.pixel(i, j) - mean[j]);
          }
          if (s > bestScore) {
            bestScore = s;
            best = c;
          }
        }
        correct += best == b.label(i) ? 1 : 0;
      }
    }
    assertEquals(correct / (double) data.count(), accuracy, 0.0);
    assertTrue(correct > 0, "some image must be right for the comparison to mean something");
  }

  @Test
  void liveModelsAccuracyIsEachModelsOwnAndNaNForTheRest() {
    List<Weights> models = List.of(weights(11), weights(12), weights(13));
    double[] accuracy =
        DistributedAccuracy.ofLive(
            sc,
            data,
            models,
            new boolean[] {true, false, true},
            Preprocessing.centring(mean.clone()));
    assertEquals(DistributedAccuracy.of(sc, data, models.get(0), mean), accuracy[0], 0.0);
    assertTrue(Double.isNaN(accuracy[1]), "a model that is not live gets no accuracy");
    assertEquals(DistributedAccuracy.of(sc, data, models.get(2), mean), accuracy[2], 0.0);
    double[] none =
        DistributedAccuracy.ofLive(
            sc, data, models, new boolean[3], Preprocessing.centring(mean.clone()));
    assertTrue(Double.isNaN(none[0]) && Double.isNaN(none[1]) && Double.isNaN(none[2]));
  }
}
