package dev.sparksvm.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.scaling.CostModel;
import dev.sparksvm.scaling.DataPoint;
import dev.sparksvm.scaling.ScalingPoint;
import dev.sparksvm.spark.CifarFixtures;
import dev.sparksvm.spark.LocalSpark;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scale --images} at tiny sizes on local[2]: a generated set, both paths at two partition
 * counts, MLlib beside them; its CSV, charts and data model; then a prediction from the CSVs alone.
 */
class DataScaleRunTest {
  @TempDir Path tmp;

  private static int run(PrintStream err, String... argv) {
    return dev.sparksvm.cli.Main.run(argv, err);
  }

  @Test
  void sweepsSizesAndPartitionsAgainstMllibThenPredictsFromTheCsvs() throws Exception {
    LocalSpark.stop(); // scale opens its own context: one per JVM
    Path sweep = tmp.resolve("sweep");
    Path work = tmp.resolve("work");
    long start = System.nanoTime();
    assertEquals(
        0,
        run(
            System.err,
            "scale",
            "--images",
            "500,1000",
            "--partitions-list",
            "1,2",
            "--paths",
            "direct,tree",
            "--batches",
            "64",
            "--iters",
            "3",
            "--warmup",
            "1",
            "--context-warmup",
            "3",
            "--master",
            "local[2]",
            "--work",
            work.toString(),
            "--out",
            sweep.toString()));
    double wallMillis = (System.nanoTime() - start) / 1e6;
    assertTrue(
        Files.isRegularFile(work.resolve("cifar10-1000-seed42").resolve("data_batch_1.bin")),
        "the largest size generated once, the smaller one is its prefix");

    List<DataPoint> points = DataPoint.fromCsv(Files.readString(sweep.resolve("data-scaling.csv")));
    assertEquals(2 * 2 * (2 + 1), points.size(), "sizes x partitions x (two paths and MLlib)");
    for (DataPoint p : points) {
      assertTrue(p.measured() && p.medianMs() > 0 && p.loadSeconds() > 0, p.toString());
      assertTrue(p.q1Ms() <= p.medianMs() && p.medianMs() <= p.q3Ms(), "quartiles: " + p);
      // Seconds and milliseconds, measured inside this call: one load and three timed steps took
      // less than all of it.
      assertTrue(
          p.loadSeconds() * 1000 + p.q3Ms() * p.iterations() < wallMillis,
          wallMillis + " ms in all: " + p);
      assertEquals("", p.note(), p.toString());
      if (p.system().equals("ours")) {
        assertEquals(3073, p.cachedBytesPerImage(), 1, "raw uint8 blocks: " + p);
        assertEquals(p.images() * 3073L, p.dataBytes(), "the prefix is read, not the whole set");
        assertTrue(p.phasesMs()[1] > 0 && p.phasesMs()[1] < p.medianMs(), p.toString());
      } else {
        assertTrue(p.cachedBytesPerImage() > 8 * 3073, "one DenseVector per image: " + p);
      }
    }
    assertEquals(
        4,
        points.stream().filter(p -> p.system().equals("ours") && p.path().equals("tree")).count());

    String model = Files.readString(sweep.resolve("data-model-local.json"));
    for (String key :
        List.of(
            "\"l1 s per MB per slot\"",
            "\"ours_cached_bytes_per_image\"",
            "\"step_against_images\"",
            "\"mllib/",
            "\"tree_faster_from_partitions\"")) {
      assertTrue(model.contains(key), key + " in " + model);
    }
    for (String png : List.of("data-scaling.png", "partitions.png")) {
      BufferedImage image = ImageIO.read(sweep.resolve(png).toFile());
      assertNotNull(image, png + " is a PNG");
      assertEquals(1000, image.getWidth(), png);
    }

    // A prediction from an executor sweep's CSV (made from known constants here) and this one.
    Path scaling = tmp.resolve("scaling.csv");
    Files.writeString(scaling, ScalingPoint.toCsv(executorSweep()));
    Path prediction = tmp.resolve("prediction");
    assertEquals(
        0,
        run(
            System.err,
            "scale",
            "--from-csv",
            scaling + "," + sweep.resolve("data-scaling.csv"),
            "--predict-data",
            "imagenet32",
            "--predict-tasks",
            "8,64,512",
            "--out",
            prediction.toString()));
    List<String> rows = Files.readAllLines(prediction.resolve("prediction-imagenet32-local.csv"));
    assertEquals(1 + 3 * 2, rows.size(), "3 executor counts x 2 batches: " + rows);
    assertTrue(rows.get(1).startsWith("imagenet32,1281167,1000,3073,8,256,direct,"), rows.get(1));
    assertTrue(rows.get(5).startsWith("imagenet32,1281167,1000,3073,512,256,tree,"), rows.get(5));
    String text = Files.readString(prediction.resolve("prediction-imagenet32-local.txt"));
    assertTrue(text.startsWith("PREDICTION (not a measurement)"), text);
    assertTrue(text.contains("two-byte label"), text);
    assertTrue(text.contains("spark.driver.maxResultSize"), text);
  }

  /**
   * An executor sweep of 1 and 2 tasks at two class counts, timed exactly as known constants say.
   */
  private static List<ScalingPoint> executorSweep() {
    Map<CostModel.Phase, double[]> c = new EnumMap<>(CostModel.Phase.class);
    c.put(CostModel.Phase.BROADCAST, new double[] {1, 1.2, 0.5, 0.1});
    c.put(CostModel.Phase.COMPUTE, new double[] {0.1, 12, 4, 0.12});
    c.put(CostModel.Phase.AGGREGATION, new double[] {1, 3.4, 0.2, 0.5});
    c.put(CostModel.Phase.DRIVER, new double[] {0.5, 6.5});
    c.put(CostModel.Phase.SCHEDULING, new double[] {7, 2.5});
    CostModel m = new CostModel(2, c);
    List<ScalingPoint> points = new ArrayList<>();
    for (int n : new int[] {1, 2}) {
      for (int[] cb : new int[][] {{10, 256}, {10, 8192}, {100, 256}, {1000, 256}}) {
        CostModel.Prediction p = m.predict(n, cb[1], cb[0], 3073);
        points.add(
            new ScalingPoint(
                "local",
                cb[0] == 10 ? "strong" : "model",
                cb[0],
                3073,
                n,
                n,
                cb[1],
                30,
                p.totalMs(),
                p.totalMs(),
                p.totalMs(),
                p.broadcastMs(),
                p.computeMs(),
                p.aggregationMs(),
                p.driverMs(),
                p.schedulingMs(),
                Double.NaN,
                Double.NaN,
                2));
      }
    }
    return points;
  }

  @Test
  void badOptionsAreOneLineAndExitCode2() throws Exception {
    Path data = tmp.resolve("data");
    CifarFixtures.batches(data, 60);
    String out = tmp.resolve("out").toString();
    for (String[] bad :
        List.of(
            new String[] {"scale", "--images", "0", "--out", out},
            new String[] {"scale", "--paths", "sideways", "--images", "100", "--out", out},
            new String[] {"scale", "--compare", "spark", "--images", "100", "--out", out},
            new String[] {"scale", "--partitions-list", "0", "--images", "100", "--out", out},
            new String[] {"scale", "--images", "100000", "--data", data.toString(), "--out", out},
            new String[] {"scale", "--predict-data", "imagenet32", "--out", out},
            new String[] {
              "scale", "--predict-data", "imagenet", "--from-csv", out, "--out", out
            })) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      int code = run(new PrintStream(bytes, true, StandardCharsets.UTF_8), bad);
      String err = bytes.toString(StandardCharsets.UTF_8);
      assertEquals(2, code, String.join(" ", bad) + ": " + err);
      assertEquals(1, err.lines().count(), err);
      assertTrue(err.contains(bad[1]), "names " + bad[1] + ": " + err);
    }
  }
}
