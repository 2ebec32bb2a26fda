package dev.sparksvm.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.scaling.ScalingPoint;
import dev.sparksvm.spark.CifarFixtures;
import dev.sparksvm.spark.LocalSpark;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small real sweep on local[1] and local[2]: CSV, cost model, predictions and charts. */
class ScaleRunTest {
  @TempDir static Path data;
  @TempDir Path out;

  private static int run(PrintStream err, String... argv) {
    return dev.sparksvm.cli.Main.run(argv, err);
  }

  @Test
  void sweepsLocalExecutorsAndWritesCsvModelAndCharts() throws Exception {
    LocalSpark.stop(); // scale opens local[1] and local[2] itself: one context per JVM
    CifarFixtures.batches(data, 200);
    Path sweep = out.resolve("sweep");
    long start = System.nanoTime();
    assertEquals(
        0,
        run(
            System.err,
            "scale",
            "--master",
            "local",
            "--executors",
            "1..2",
            "--data",
            data.toString(),
            "--batches",
            "64,512",
            "--weak-batch",
            "64",
            "--models",
            "20x64",
            "--iters",
            "3",
            "--warmup",
            "1",
            "--context-warmup",
            "3",
            "--out",
            sweep.toString()));
    double wallMillis = (System.nanoTime() - start) / 1e6;

    List<ScalingPoint> points =
        ScalingPoint.fromCsv(Files.readString(sweep.resolve("scaling.csv")));
    assertEquals(8, points.size(), "2 executor counts x (2 strong, 1 weak, 1 model)");
    for (ScalingPoint p : points) {
      assertEquals("local", p.environment());
      assertEquals(p.executors(), p.partitions());
      assertEquals(3, p.iterations(), p.toString());
      assertTrue(p.q1Ms() <= p.medianMs() && p.medianMs() <= p.q3Ms(), "quartiles: " + p);
      assertTrue(
          p.computeMs() > 0
              && p.broadcastMs() >= 0
              && p.aggregationMs() >= 0
              && p.driverMs() > 0
              && p.schedulingMs() >= 0,
          p.toString());
      // Scheduling is what the median leaves over once the measured phases are taken out, so the
      // five add up to the median (to the CSV's four decimals) unless the measured ones alone
      // exceed it.
      double phases =
          p.broadcastMs() + p.computeMs() + p.aggregationMs() + p.driverMs() + p.schedulingMs();
      assertTrue(phases >= p.medianMs() - 1e-3, "phases " + phases + " ms: " + p);
      assertTrue(p.computeMs() < p.medianMs(), "a part of the step: " + p);
      // Milliseconds, measured inside this call: three timed steps took less than all of it.
      assertTrue(p.q3Ms() * p.iterations() < wallMillis, wallMillis + " ms in all: " + p);
      if (p.partitions() == 1) {
        assertEquals(1.0, p.speedup(), 0.0);
      }
    }
    for (int e = 1; e <= 2; e++) {
      int tasks = e;
      double small =
          points.stream()
              .filter(p -> p.mode().equals("strong") && p.batch() == 64 && p.partitions() == tasks)
              .findFirst()
              .orElseThrow()
              .computeMs();
      double large =
          points.stream()
              .filter(p -> p.mode().equals("strong") && p.batch() == 512 && p.partitions() == tasks)
              .findFirst()
              .orElseThrow()
              .computeMs();
      assertTrue(
          large > small,
          "8 times the rows take longer to compute: "
              + small
              + " ms at "
              + "batch 64, "
              + large
              + " ms at 512, "
              + tasks
              + " tasks");
    }
    assertEquals(
        128,
        points.stream()
            .filter(p -> p.mode().equals("weak") && p.partitions() == 2)
            .findFirst()
            .orElseThrow()
            .batch(),
        "weak: 64 per task");
    assertEquals(
        20,
        points.stream().filter(p -> p.mode().equals("model")).findFirst().orElseThrow().classes());

    String model = Files.readString(sweep.resolve("cost-model-local.json"));
    for (String key : List.of("\"constants\"", "\"critical_batch\"", "\"fastest\"", "\"fit\"")) {
      assertTrue(model.contains(key), key + " in " + model);
    }
    List<String> predictions = Files.readAllLines(sweep.resolve("predictions-local.csv"));
    assertTrue(predictions.get(0).startsWith("tasks,batch,classes,"));
    assertEquals(1 + 6 * 2 * 2, predictions.size(), "6 task counts x 2 batches x 2 model sizes");
    for (String png :
        List.of(
            "strong.png",
            "speedup.png",
            "weak.png",
            "phases.png",
            "model-local.png",
            "model-speedup-local.png")) {
      BufferedImage image = ImageIO.read(sweep.resolve(png).toFile());
      assertNotNull(image, png + " is a PNG");
      assertEquals(1000, image.getWidth(), png);
    }

    // The same outputs again from the CSV alone, without Spark.
    Path refit = out.resolve("refit");
    assertEquals(
        0,
        run(
            System.err,
            "scale",
            "--from-csv",
            sweep.resolve("scaling.csv").toString(),
            "--out",
            refit.toString()));
    assertEquals(
        Files.readString(sweep.resolve("scaling.csv")),
        Files.readString(refit.resolve("scaling.csv")));
    // The fit is the same; only the executors' BLAS is unknown to a refit from CSV.
    assertTrue(
        model.contains("\"executor_blas\": \"" + dev.sparksvm.core.LinearBatch.blasName()), model);
    assertEquals(
        withoutBlas(model), withoutBlas(Files.readString(refit.resolve("cost-model-local.json"))));
  }

  private static String withoutBlas(String json) {
    return json.lines().filter(l -> !l.contains("\"executor_blas\"")).reduce("", String::concat);
  }

  @Test
  void badOptionsAreOneLineAndExitCode2() {
    for (String[] bad :
        List.of(
            new String[] {"scale", "--vary", "sideways"},
            new String[] {"scale", "--executors", "0,1"},
            new String[] {"scale", "--executors", "x"},
            new String[] {"scale", "--models", "1000"},
            new String[] {"scale", "--iters", "0"},
            new String[] {"scale", "--predict-classes", "1"},
            new String[] {"scale", "--from-csv", out.resolve("missing.csv").toString()})) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      int code = run(new PrintStream(bytes, true, StandardCharsets.UTF_8), bad);
      String err = bytes.toString(StandardCharsets.UTF_8);
      assertEquals(2, code, String.join(" ", bad) + ": " + err);
      assertEquals(1, err.lines().count(), err);
      assertTrue(err.contains(bad[1]), "names " + bad[1] + ": " + err);
    }
  }
}
