package dev.sparksvm.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The data-size axis on numbers alone: CSV, fits, crossovers and a prediction worked by hand. */
class DataModelTest {
  private static final double[] NO_PHASES = {
    Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN
  };

  /**
   * A point of ours: loads as l0 = 0.5 s + 0.004 s per MB per slot (250 MB/s), 3073.5 bytes each.
   */
  private static DataPoint ours(long images, int partitions, String path, int batch, double ms) {
    long bytes = images * 3073;
    double load = 0.5 + 0.004 * bytes / 1e6 / Math.min(partitions, 2);
    return new DataPoint(
        "local",
        "ours",
        images,
        partitions,
        2,
        3073,
        3073,
        10,
        load,
        bytes,
        (long) (images * 3073.5),
        path,
        batch,
        30,
        ms,
        ms - 1,
        ms + 1,
        new double[] {1, ms / 2, 1, 1, ms / 2 - 3},
        "");
  }

  private static DataPoint mllib(long images, int batch, double ms) {
    return new DataPoint(
        "local",
        "mllib",
        images,
        2,
        2,
        3073,
        3073,
        10,
        3,
        0,
        images * 24_680,
        "",
        batch,
        30,
        ms,
        ms,
        ms,
        NO_PHASES,
        "");
  }

  @Test
  void csvRoundTripAndBadPoints() {
    List<DataPoint> points =
        List.of(
            ours(50_000, 2, "direct", 256, 20.5),
            mllib(50_000, 256, 95),
            new DataPoint(
                "local",
                "mllib",
                1_000_000,
                2,
                2,
                3073,
                3073,
                10,
                Double.NaN,
                0,
                0,
                "",
                256,
                0,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                NO_PHASES,
                "skipped: needs 24.7 GB"));
    String csv = DataPoint.toCsv(points);
    assertTrue(DataPoint.isCsv(csv));
    assertEquals(points, DataPoint.fromCsv(csv));
    assertEquals(3073.5, points.get(0).cachedBytesPerImage(), 1e-9);
    assertEquals(
        50_000 * 3073 / 1e6 / points.get(0).loadSeconds(), points.get(0).loadMbPerSecond(), 1e-9);
    assertTrue(Double.isNaN(points.get(1).loadMbPerSecond()), "MLlib reads no files");
    assertThrows(IllegalArgumentException.class, () -> DataPoint.fromCsv("environment,mode\n"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new DataPoint(
                "local", "spark", 1, 1, 1, 1, 1, 2, 1, 1, 1, "", 1, 1, 1, 1, 1, NO_PHASES, ""));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new DataPoint(
                "local", "ours", 1, 1, 1, 1, 1, 2, 1, 1, 1, "", 1, 1, 1, 1, 1, NO_PHASES, "a, b"));
  }

  @Test
  void fitsLoadMemoryAndTheStepAgainstImages() {
    List<DataPoint> points = new ArrayList<>();
    for (long n : new long[] {50_000, 250_000, 1_000_000}) {
      points.add(ours(n, 2, "direct", 256, 20));
      points.add(ours(n, 2, "direct", 8192, 90));
      // MLlib's sample visits every image: 40 ms per million images in a block.
      points.add(mllib(n, 256, 30 + 40.0 * n / 2 / 1e6));
    }
    points.add(ours(1_000_000, 8, "tree", 256, 25)); // another partition count for the load fit
    DataModel m = DataModel.fit(points);
    assertEquals(0.5, m.load()[0], 1e-6);
    assertEquals(0.004, m.load()[1], 1e-9);
    assertEquals(3073.5, m.oursBytesPerImage(), 1e-9);
    assertEquals(0.5, m.oursOverhead(), 1e-9, "bytes beyond the pixels and one label byte");
    assertEquals(24_680 - 8 * 3073, m.mllibOverhead(), 1e-9);
    assertEquals(0, m.worstSlope("ours", 256), 1e-9, "a flat line");
    assertEquals(40, m.worstSlope("mllib", 256), 1e-9);
    assertTrue(Double.isNaN(m.worstSlope("mllib", 8192)), "never measured");
    assertEquals(0.5 + 0.004 * 1000, m.loadSeconds(8_000_000_000L, 8, 8), 1e-9);
    assertTrue(m.describe().contains("mllib//B=256/P=2"), m.describe());
  }

  @Test
  void crossoverIsTheFirstPartitionCountWhereTheTreeWins() {
    List<DataPoint> points = new ArrayList<>();
    double[][] ms = {{2, 20, 25}, {32, 40, 42}, {128, 90, 70}, {256, 160, 95}};
    for (double[] p : ms) {
      points.add(ours(1_000_000, (int) p[0], "direct", 256, p[1]));
      points.add(ours(1_000_000, (int) p[0], "tree", 256, p[2]));
      points.add(ours(1_000_000, (int) p[0], "direct", 8192, 100));
      points.add(ours(1_000_000, (int) p[0], "tree", 8192, 101));
    }
    Map<String, Integer> cross = DataModel.crossovers(points);
    assertEquals(128, cross.get("local N=1000000 B=256"));
    assertEquals(0, cross.get("local N=1000000 B=8192"), "direct never slower");
  }

  @Test
  void imagenet32OnEightToFiveHundredTwelveExecutors() {
    Map<CostModel.Phase, double[]> c = new EnumMap<>(CostModel.Phase.class);
    c.put(CostModel.Phase.BROADCAST, new double[] {1, 1, 0, 0});
    c.put(CostModel.Phase.COMPUTE, new double[] {0, 10, 4, 0.1});
    c.put(CostModel.Phase.AGGREGATION, new double[] {1, 3, 0, 0.5});
    c.put(CostModel.Phase.DRIVER, new double[] {0.5, 6});
    c.put(CostModel.Phase.SCHEDULING, new double[] {7, 2});
    CostModel iteration = new CostModel(2, c);
    List<DataPoint> points = new ArrayList<>();
    for (long n : new long[] {50_000, 1_000_000}) {
      points.add(ours(n, 2, "direct", 256, 20));
      points.add(mllib(n, 256, 30 + 40.0 * n / 2 / 1e6));
    }
    DataModel data = DataModel.fit(points);
    DataSetPrediction.Target t = DataSetPrediction.Target.IMAGENET32;
    List<DataSetPrediction.Row> rows =
        DataSetPrediction.predict(t, iteration, data, List.of(8, 64, 512), List.of(256), 64);
    assertEquals(3, rows.size());
    DataSetPrediction.Row eight = rows.get(0);
    assertEquals("direct", eight.path());
    // Two label bytes and the measured half byte of overhead per image, an eighth each.
    assertEquals(1_281_167 * (3072 + 2 + 0.5) / 8 / 1e6, eight.cachedMbPerExecutor(), 1e-9);
    assertEquals(300 + eight.cachedMbPerExecutor() / 0.6, eight.executorHeapMb(), 1e-9);
    assertEquals(8 * 8.0 * 1000 * 3073 / 1e6, eight.driverResultMb(), 1e-9, "8 results of C x D");
    assertEquals(
        iteration.withAggregationDepth(1).predict(8, 256, 1000, 3073).totalMs(),
        eight.stepMs(),
        1e-9,
        "no cost per image held");
    assertEquals(Math.ceil(1_281_167 / 256.0) * eight.stepMs() / 1000, eight.epochSeconds(), 1e-9);
    assertEquals(40 * 1_281_167 / 8 / 1e6, eight.mllibDataMs(), 1e-9);
    assertEquals(0.5 + 0.004 * 1_281_167 * 3074 / 8 / 1e6, eight.loadSeconds(), 1e-9);
    DataSetPrediction.Row many = rows.get(2);
    assertEquals("tree", many.path());
    assertEquals(
        22 * 16.0 * (1000 * 3073 + 1) / 1e6,
        many.driverResultMb(),
        1e-9,
        "treeAggregate's last level of 22 exact sums");
    String text = PredictionReport.describe(t, "local", rows);
    assertTrue(text.contains("n = 64 (direct): the driver collects 1573 MB"), text);
    assertTrue(text.contains("n = 512 (tree): the driver collects 1082 MB"), text);
    assertTrue(!text.contains("n = 8 ("), "8 results fit: " + text);
    assertEquals(
        new DataSetPrediction.Target("1000x300x784", 1000, 300, 784, 2),
        DataSetPrediction.Target.parse("1000x300x784"));
    assertThrows(IllegalArgumentException.class, () -> DataSetPrediction.Target.parse("imagenet"));
  }
}
