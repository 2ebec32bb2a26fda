package dev.sparksvm.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.spark.CifarFixtures;
import dev.sparksvm.spark.LocalSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ml-bench} end to end on a few synthetic CIFAR-10 images, through the command line. */
class MlBenchTest {
  @TempDir Path tmp;

  @Test
  void measuresTheFitsTheGridAndTheSteps() throws Exception {
    LocalSpark.stop(); // ml-bench opens its own context: one per JVM
    Path data = CifarFixtures.batches(tmp.resolve("cifar"), 100);
    Path out = tmp.resolve("out");
    int code =
        dev.sparksvm.cli.Main.run(
            new String[] {
              "ml-bench",
              "--data",
              data.toString(),
              "--images",
              "300",
              "--test-images",
              "100",
              "--iters",
              "5",
              "--grid-iters",
              "3",
              "--grid-steps",
              "0.01,0.1",
              "--grid-regs",
              "0,0.1",
              "--baselines",
              "lr",
              "--batches",
              "32,1000",
              "--warmup",
              "1",
              "--timed",
              "2",
              "--master",
              "local[2]",
              "--work",
              tmp.resolve("work").toString(),
              "--out",
              out.toString()
            },
            System.err);
    assertEquals(0, code);
    String metrics = Files.readString(out.resolve("metrics.json"));
    assertTrue(metrics.contains("\"train_images\": 300"), metrics);
    assertTrue(metrics.contains("\"test_images\": 100"), metrics);
    assertTrue(metrics.contains("the last 100 training images, left out of training"), metrics);
    assertTrue(metrics.contains("\"estimator\": \"LinearClassifier svm\""), metrics);
    assertTrue(metrics.contains("\"estimator\": \"LogisticRegression (multinomial)\""), metrics);
    assertTrue(metrics.contains("\"bit_identical\": true"), metrics);
    assertTrue(metrics.contains("\"batch\": 300"), "a batch beyond the images takes them all");
    assertTrue(
        Files.isDirectory(tmp.resolve("work").resolve("train-300.parquet")), "the Parquet copy");
  }

  @Test
  void aBadPartIsTheUsersMistake() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        dev.sparksvm.cli.Main.run(
            new String[] {"ml-bench", "--parts", "fits,nope"},
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, code);
    String message = err.toString(StandardCharsets.UTF_8);
    assertTrue(message.contains("--parts"), message);
  }
}
