package dev.sparksvm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.evaluate.EvaluateRun;
import dev.sparksvm.options.TrainOptions;
import dev.sparksvm.session.Workspace;
import dev.sparksvm.spark.CifarFixtures;
import dev.sparksvm.spark.LocalSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} on local[2] whose storage memory ({@code spark.memory.fraction}) holds about a
 * third of the training set: the rest stays on local disk, and W has the bits of the same run with
 * the set all in memory. When the run ends, and when {@code evaluate} on the same context ends, no
 * file of the disk part is left in {@code spark.local.dir} (this test's folder).
 */
class SmallStorageTrainingTest {
  @TempDir static Path data;
  @TempDir Path out;
  @TempDir Path localDir;

  @AfterAll
  static void restore() {
    LocalSpark.stop(); // the next test class gets the usual context
  }

  private TrainingResult train(JavaSparkContext sc, String name) {
    TrainOptions options =
        TrainOptions.defaults()
            .withData(data.toString())
            .withValidation(50)
            .withPartitions(2)
            .withReg(1e3)
            .withBatch(64)
            .withIterations(12)
            .withLearningRate(1e-7)
            .withInitScale(1e-3)
            .withEvalEvery(6)
            .withPrintEvery(1000)
            .withAggregationDepth(1);
    try (Workspace ws = Workspace.on(sc, options.data(), out.resolve(name).toString())) {
      return TrainingRun.run(ws, options);
    }
  }

  @Test
  void aSetLargerThanStorageMemoryTrainsToTheBitsOfTheSetInMemory() throws Exception {
    CifarFixtures.batches(data, 120); // 600 images, 1.84 MB
    TrainingResult inMemory = train(LocalSpark.get(), "memory");
    assertEquals(0L, inMemory.metrics().get("train_bytes_on_disk"));
    LocalSpark.stop();
    // A unified pool of about 1.2 MB: its storage half takes about 0.6 MB of the 1.7 MB set.
    double fraction = 1.2e6 / (Runtime.getRuntime().maxMemory() - (300L << 20));
    SparkConf conf =
        new SparkConf()
            .setMaster("local[2]")
            .setAppName("sparksvm-small-storage")
            .set("spark.ui.enabled", "false")
            .set("spark.driver.host", "127.0.0.1")
            .set("spark.driver.bindAddress", "127.0.0.1")
            .set("spark.ui.showConsoleProgress", "false")
            .set("spark.memory.fraction", Double.toString(fraction))
            .set("spark.local.dir", localDir.toString());
    JavaSparkContext small = new JavaSparkContext(conf);
    try {
      TrainingResult r = train(small, "small");
      long onDisk = (Long) r.metrics().get("train_bytes_on_disk");
      long inMem = (Long) r.metrics().get("train_bytes_in_memory");
      assertTrue(onDisk > 1_000_000 && inMem < 700_000, onDisk + " on disk, " + inMem);
      assertEquals(inMemory.metrics().get("weights_sha256"), r.metrics().get("weights_sha256"));
      assertArrayEquals(inMemory.weights().values(), r.weights().values(), 0.0);
      assertEquals(inMemory.metrics().get("val_accuracy"), r.metrics().get("val_accuracy"));
      assertNoDiskPartLeft("train");
      // evaluate streams the whole set through the same path: most of it on disk here too.
      Map<String, Object> m =
          EvaluateRun.evaluate(
              small,
              EvaluateRun.Inputs.resolve(
                  out.resolve("small").toString(), data.toString(), small.hadoopConfiguration()),
              2);
      assertTrue(((Number) m.get("accuracy")).doubleValue() > 0, m.toString());
      assertNoDiskPartLeft("evaluate");
    } finally {
      small.stop();
    }
  }

  /**
   * The disk parts' files (Spark's temporary local blocks) are gone from spark.local.dir: a run
   * unpersists its sets without waiting, so Spark deletes them moments after it ends.
   */
  private void assertNoDiskPartLeft(String after) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    long left = diskParts();
    while (left > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
      left = diskParts();
    }
    assertEquals(0, left, "disk-part files left after " + after);
  }

  private long diskParts() throws IOException {
    try (Stream<Path> all = Files.walk(localDir)) {
      return all.filter(p -> p.getFileName().toString().startsWith("temp_local_")).count();
    }
  }
}
