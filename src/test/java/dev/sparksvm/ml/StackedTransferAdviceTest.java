package dev.sparksvm.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** The advice on a user's session for stacked models: given when it pays, silent otherwise. */
class StackedTransferAdviceTest {
  private static final int CLASSES = 10;
  private static final long FEATURES = 3073;

  @Test
  void sparksDefaultsWithSixteenModelsGetBothSettingsNamed() {
    String line =
        StackedTransferAdvice.advice(new SparkConf(false), 16, CLASSES, FEATURES, 4).get();
    assertTrue(line.contains("at least 2.0 MB a task"), line);
    assertTrue(line.contains("spark.task.maxDirectResultSize (1.0 MB)"), line);
    assertTrue(line.contains("spark.broadcast.compress compresses"), line);
    assertTrue(line.contains("spark.task.maxDirectResultSize=64m"), line);
  }

  @Test
  void aSessionWithBothSettingsOrOneModelHearsNothing() {
    SparkConf tuned =
        new SparkConf(false)
            .set("spark.task.maxDirectResultSize", "64m")
            .set("spark.broadcast.compress", "false");
    assertEquals(Optional.empty(), StackedTransferAdvice.advice(tuned, 16, CLASSES, FEATURES, 4));
    assertEquals(
        Optional.empty(),
        StackedTransferAdvice.advice(new SparkConf(false), 1, CLASSES, FEATURES, 4));
  }

  @Test
  void onlyWhatIsSlowIsNamedAsTheReason() {
    // Five double models' sums (1.2 MB) exceed 1 MB, five float ones (0.6 MB) do not.
    SparkConf uncompressed = new SparkConf(false).set("spark.broadcast.compress", "false");
    String line = StackedTransferAdvice.advice(uncompressed, 5, CLASSES, FEATURES, 8).get();
    assertTrue(line.contains("at least 1.2 MB a task"), line);
    assertEquals(
        Optional.empty(), StackedTransferAdvice.advice(uncompressed, 5, CLASSES, FEATURES, 4));
    assertTrue(!line.contains("compresses the stacked"), line);
    SparkConf roomy = new SparkConf(false).set("spark.task.maxDirectResultSize", "64m");
    line = StackedTransferAdvice.advice(roomy, 24, CLASSES, FEATURES, 4).get();
    assertTrue(!line.contains("round trip"), line);
    assertTrue(line.contains("spark.broadcast.compress compresses"), line);
    // Two small models under an uncompressed broadcast: nothing to say.
    assertEquals(
        Optional.empty(), StackedTransferAdvice.advice(uncompressed, 2, CLASSES, FEATURES, 4));
  }
}
