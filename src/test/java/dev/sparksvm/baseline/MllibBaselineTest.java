package dev.sparksvm.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.core.Batch;
import dev.sparksvm.core.LinearBatch;
import dev.sparksvm.core.MulticlassHinge;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Cifar10;
import dev.sparksvm.data.ImageBlock;
import dev.sparksvm.input.ImageFiles;
import dev.sparksvm.input.RecordSelection;
import dev.sparksvm.spark.CifarFixtures;
import dev.sparksvm.spark.ImageData;
import dev.sparksvm.spark.ImageLoader;
import dev.sparksvm.spark.LocalSpark;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.Vector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Tuple2;

/**
 * MLlib's baseline on local[2]: its input is ours, its first step is our math, its steps are timed.
 */
class MllibBaselineTest {
  @TempDir static Path dir;
  private static JavaSparkContext sc;
  private static ImageData data;
  private static double[] mean;
  private static MllibBaseline baseline;

  @BeforeAll
  static void load() throws Exception {
    sc = LocalSpark.get();
    CifarFixtures.batches(dir, 40);
    ImageFiles files =
        ImageFiles.resolve(dir.toString(), ImageFiles.Request.training(), sc.hadoopConfiguration());
    data = ImageLoader.load(sc, files, RecordSelection.all(), 2, "mllib baseline test");
    mean = data.pixelMean();
    baseline = new MllibBaseline(sc, data, mean, Cifar10.CLASSES);
  }

  @AfterAll
  static void unpersist() {
    baseline.close();
    data.unpersist();
  }

  @Test
  void examplesArePreprocessedAsOursInTheSamePartitions() {
    assertEquals(200, baseline.count());
    assertTrue(
        baseline.cachedBytes() > 200L * Cifar10.FEATURES * Double.BYTES,
        "the cache holds 3073 doubles per example: " + baseline.cachedBytes());
    List<List<Tuple2<Object, Vector>>> partitions =
        JavaRDD.fromRDD(baseline.examples(), null).glom().collect();
    List<ImageBlock> blocks = data.blocks().collect();
    assertEquals(blocks.size(), partitions.size());
    Batch row = new Batch(1, Cifar10.FEATURES);
    for (int p = 0; p < blocks.size(); p++) {
      ImageBlock block = blocks.get(p);
      assertEquals(block.size(), partitions.get(p).size(), "partition " + p);
      for (int i = 0; i < block.size(); i++) {
        Tuple2<Object, Vector> example = partitions.get(p).get(i);
        assertEquals((double) block.label(i), (Double) example._1());
        double[] x = example._2().toArray();
        assertEquals(block.pixel(i, 5) - mean[5], x[5], 0.0);
        assertEquals(1.0, x[Cifar10.PIXELS], 0.0, "bias feature");
        block.centred(mean).fill(row, null, i, i + 1);
        assertArrayEquals(row.x(), x, 0.0);
      }
    }
  }

  @Test
  void aFullBatchStepIsOurGradientStepWithMllibsUpdater() {
    MllibBaseline.Options options = MllibBaseline.SVM_DEFAULTS;
    int n = (int) baseline.count();
    // batch = n: fraction 1, every example is sampled, so the step is deterministic.
    MllibBaseline.Run run = baseline.run(n, 0, 1, 7);

    Batch all = new Batch(n, Cifar10.FEATURES);
    Batch row = new Batch(1, Cifar10.FEATURES);
    int r = 0;
    for (ImageBlock block : data.blocks().collect()) {
      for (int i = 0; i < block.size(); i++, r++) {
        block.centred(mean).fill(row, null, i, i + 1);
        System.arraycopy(row.x(), 0, all.x(), r * Cifar10.FEATURES, Cifar10.FEATURES);
        all.labels()[r] = block.label(i);
      }
    }
    all.setRows(n);
    Weights w0 = new Weights(Cifar10.CLASSES, Cifar10.FEATURES, run.initialWeights());
    double[] g = new double[w0.values().length];
    double lossSum = LinearBatch.addLossAndGradient(w0, all, new MulticlassHinge(1), g);

    // MLlib's SquaredL2Updater at iteration 1: W1 = W0 (1 - step reg) - step * mean gradient.
    double step = options.stepSize();
    double[] expected = new double[g.length];
    double scale = 0;
    for (int k = 0; k < g.length; k++) {
      expected[k] = w0.values()[k] * (1 - step * options.regParam()) - step * g[k] / n;
      scale = Math.max(scale, Math.abs(expected[k]));
    }
    assertFalse(Arrays.equals(run.initialWeights(), run.finalWeights()), "W must change");
    for (int k = 0; k < g.length; k++) {
      assertEquals(expected[k], run.finalWeights()[k], 1e-12 * scale, "W[" + k + "]");
    }
    // Its loss: the mean data loss plus regParam / 2 |W0|^2 (then MLlib adds the loss at W1).
    assertEquals(2, run.losses().length);
    double expectedLoss = lossSum / n + options.regParam() / 2 * w0.squaredNorm();
    assertEquals(expectedLoss, run.losses()[0], 1e-12 * expectedLoss);
    assertEquals(1, run.stepMillis().length);
  }

  @Test
  void timesEachRequestedStep() {
    long start = System.nanoTime();
    MllibBaseline.Run run = baseline.run(50, 3, 5, 11);
    double wallMillis = (System.nanoTime() - start) / 1e6;
    assertEquals(5, run.stepMillis().length);
    double timed = 0;
    for (double ms : run.stepMillis()) {
      assertTrue(ms > 0 && Double.isFinite(ms), Arrays.toString(run.stepMillis()));
      timed += ms;
    }
    // Consecutive readings of one clock inside the call, after 3 untimed steps: in milliseconds,
    // they add up to less than the whole call.
    assertTrue(
        timed < wallMillis,
        timed + " ms in a call of " + wallMillis + " ms: " + Arrays.toString(run.stepMillis()));
    assertEquals(3 + 5 + 1, run.losses().length);
    assertFalse(Arrays.equals(run.initialWeights(), run.finalWeights()), "W must change");
    assertEquals(3, baseline.stepMillis(50, 0, 3, 11).length);
  }

  @Test
  void rejectsBadSettings() {
    assertThrows(IllegalArgumentException.class, () -> baseline.run(0, 0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> baseline.run(201, 0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> baseline.run(10, 0, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new MllibBaseline.Options(0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new MllibBaseline.Options(1, -1, 1));
    assertThrows(IllegalArgumentException.class, () -> new MllibBaseline.Options(1, 1, Double.NaN));
  }
}
