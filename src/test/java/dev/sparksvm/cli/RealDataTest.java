package dev.sparksvm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.data.Cifar10;
import dev.sparksvm.data.ImageBlock;
import dev.sparksvm.input.ImageFiles;
import dev.sparksvm.input.RecordSelection;
import dev.sparksvm.spark.CifarFixtures;
import dev.sparksvm.spark.ImageData;
import dev.sparksvm.spark.ImageLoader;
import dev.sparksvm.spark.LocalSpark;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real CIFAR-10 training set in {@code ../shared/data/cifar-10-batches-bin}: read whole, and
 * trained with the default options to CS231n's accuracies. Skipped, with the reason printed, when
 * the data is not there.
 */
@Tag("realdata")
class RealDataTest {
  private static Path real;
  private static JavaSparkContext sc;
  @TempDir Path out;

  @BeforeEach
  void findData() {
    real = CifarFixtures.realData();
    // An assumption in each test (not in @BeforeAll), so every test shows as skipped, not as
    // absent.
    Assumptions.assumeTrue(
        real != null, "no ../shared/data/cifar-10-batches-bin/data_batch_1.bin beside the project");
    sc = LocalSpark.get();
  }

  @Test
  void readsAllFiftyThousandImagesCompactly() {
    ImageFiles files =
        ImageFiles.resolve(
            real.toString(), ImageFiles.Request.training(), sc.hadoopConfiguration());
    assertEquals(5, files.paths().size());
    ImageData data = ImageLoader.load(sc, files, RecordSelection.all(), 2, "real");
    try {
      assertEquals(50_000, data.count());
      long[] perClass = new long[Cifar10.CLASSES];
      for (ImageBlock block : data.blocks().collect()) {
        for (int i = 0; i < block.size(); i++) {
          perClass[block.label(i)]++;
        }
      }
      long[] expected = new long[Cifar10.CLASSES];
      java.util.Arrays.fill(expected, 5_000);
      assertArrayEquals(expected, perClass);
      double perImage = data.cachedBytes() / 50_000.0;
      System.out.printf(
          "real data: %d cached bytes, %.2f per image%n", data.cachedBytes(), perImage);
      assertTrue(
          perImage >= Cifar10.RECORD_BYTES && perImage <= 1.1 * Cifar10.RECORD_BYTES,
          "cached bytes per image " + perImage);
    } finally {
      data.unpersist();
    }
  }

  // The defaults were chosen with tune on 5,000 images of data_batch_1..4; data_batch_5 took no
  // part
  // in training or in that choice (the README has the figures).

  @Test
  void svmWithDefaultOptionsReaches39PercentOnImagesThatTookNoPart() {
    double accuracy = trainWithDefaults("svm");
    assertTrue(accuracy >= 0.39, "SVM accuracy on data_batch_5 " + accuracy);
  }

  @Test
  void softmaxWithDefaultOptionsReaches40PercentOnImagesThatTookNoPart() {
    double accuracy = trainWithDefaults("softmax");
    assertTrue(accuracy >= 0.40, "softmax accuracy on data_batch_5 " + accuracy);
  }

  private double trainWithDefaults(String loss) {
    Map<String, Object> m =
        TrainCommandRunner.train(
            sc,
            real.resolve("data_batch_[1-4].bin").toString(),
            out.resolve(loss).toString(),
            "--test",
            real.resolve("data_batch_5.bin").toString(),
            "--loss",
            loss,
            "--print-every",
            "400");
    double accuracy = (double) m.get("test_accuracy");
    System.out.printf(
        "real data, %s, defaults, data_batch_1..4: accuracy on data_batch_5 %.4f, "
            + "validation %.4f, train %.4f, %.1f ms per iteration%n",
        loss,
        accuracy,
        (double) m.get("val_accuracy"),
        (double) m.get("train_accuracy"),
        (double) m.get("ms_per_iteration"));
    return accuracy;
  }
}
