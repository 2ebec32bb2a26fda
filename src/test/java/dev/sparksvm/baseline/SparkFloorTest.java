package dev.sparksvm.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.baseline.SparkFloor.Variant;
import dev.sparksvm.data.Cifar10;
import dev.sparksvm.input.ImageFiles;
import dev.sparksvm.input.RecordSelection;
import dev.sparksvm.spark.CifarFixtures;
import dev.sparksvm.spark.ImageData;
import dev.sparksvm.spark.ImageLoader;
import dev.sparksvm.spark.LocalSpark;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The floor's variants on local[2]: they run, and the driver adds the tasks' arrays in order. */
class SparkFloorTest {
  // Three partitions: with two, a + b == b + a and the order of the sum could not show.
  private static final int PARTITIONS = 3;
  private static final int CLASSES = Cifar10.CLASSES;
  private static final int FEATURES = Cifar10.FEATURES;
  @TempDir static Path dir;
  private static JavaSparkContext sc;
  private static ImageData data;

  @BeforeAll
  static void load() throws Exception {
    sc = LocalSpark.get();
    CifarFixtures.batches(dir, 20);
    ImageFiles files =
        ImageFiles.resolve(dir.toString(), ImageFiles.Request.training(), sc.hadoopConfiguration());
    data = ImageLoader.load(sc, files, RecordSelection.all(), PARTITIONS, "floor test");
  }

  @AfterAll
  static void unpersist() {
    data.unpersist();
  }

  /**
   * What the driver must compute: partition 0's array, plus partition 1's, plus ..., in that order.
   */
  private static double[] inPartitionOrder(int[] order) {
    double[] sum = new double[CLASSES * FEATURES];
    for (int p : order) {
      double[] v = FloorTaskResult.checkValues(p, sum.length);
      for (int i = 0; i < sum.length; i++) {
        sum[i] += v[i];
      }
    }
    return sum;
  }

  @Test
  void everyVariantTimesItsSteps() {
    SparkFloor floor = new SparkFloor(sc, data, CLASSES, FEATURES, 1);
    List<Variant> all = List.of(Variant.values());
    long start = System.nanoTime();
    Map<Variant, double[]> millis = floor.interleavedMillis(all, 1, 3);
    double wallMillis = (System.nanoTime() - start) / 1e6;
    assertEquals(all.size(), millis.size());
    double timed = 0;
    for (Variant v : all) {
      double[] m = millis.get(v);
      assertEquals(3, m.length, v.name());
      for (double t : m) {
        assertTrue(t > 0 && Double.isFinite(t), v + ": " + Arrays.toString(m));
        timed += t;
      }
    }
    // The timed steps ran one after another inside the call, beside untimed warm-up steps: their
    // times (in milliseconds, not nanoseconds or seconds) add up to less than the call's.
    assertTrue(timed < wallMillis, timed + " ms of timed steps in a call of " + wallMillis + " ms");
    assertEquals(2, floor.stepMillis(SparkFloor.CHEAPEST, 0, 2).length);
  }

  @Test
  void runJobVariantsAddTheTasksArraysInPartitionOrder() {
    SparkFloor floor = new SparkFloor(sc, data, CLASSES, FEATURES, 2, FloorTaskResult.CHECK_VALUES);
    assertEquals(PARTITIONS, floor.partitions());
    double[] expected = inPartitionOrder(new int[] {0, 1, 2});
    // The check can fail: another order gives other bits.
    assertFalse(Arrays.equals(expected, inPartitionOrder(new int[] {2, 1, 0})));
    for (Variant v :
        List.of(
            Variant.RUN_JOB_DOUBLES,
            Variant.RUN_JOB_BYTES,
            Variant.RUN_JOB_BYTES_CALL_SITE,
            Variant.W_IN_TASK)) {
      for (int repeat = 0; repeat < 3; repeat++) {
        assertArrayEquals(expected, floor.step(v), 0.0, v.name());
      }
    }
    // treeAggregate merges in the order tasks finish: equal up to rounding only.
    double[] tree = floor.step(Variant.TREE_AGGREGATE);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], tree[i], 1e-12 * (1 << 20), "slot " + i);
    }
  }

  @Test
  void tasksReturnTheWeightsTheyWereSent() {
    SparkFloor floor = new SparkFloor(sc, data, CLASSES, FEATURES, 3);
    double[] w = floor.weights();
    double[] expected = new double[w.length];
    for (int p = 0; p < PARTITIONS; p++) {
      for (int i = 0; i < w.length; i++) {
        expected[i] += w[i];
      }
    }
    for (Variant v : Variant.values()) {
      if (v.shipsWeights()) {
        double[] sum = floor.step(v);
        for (int i = 0; i < w.length; i++) {
          assertEquals(expected[i], sum[i], 0.0, v + " slot " + i);
        }
      } else {
        assertEquals(0, floor.step(v).length, v.name());
      }
    }
  }

  @Test
  void rejectsEmptyOrRepeatedVariantLists() {
    SparkFloor floor = new SparkFloor(sc, data, CLASSES, FEATURES, 4);
    assertThrows(IllegalArgumentException.class, () -> floor.interleavedMillis(List.of(), 0, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> floor.interleavedMillis(List.of(Variant.COUNT, Variant.COUNT), 0, 1));
    assertThrows(IllegalArgumentException.class, () -> floor.stepMillis(Variant.COUNT, 0, 0));
  }
}
