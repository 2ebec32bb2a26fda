package dev.sparksvm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.data.Cifar10;
import dev.sparksvm.data.ImageBlock;
import dev.sparksvm.spark.ImageFiles;
import dev.sparksvm.spark.CifarFixtures;
import dev.sparksvm.spark.ImageLoader;
import dev.sparksvm.spark.ImageData;
import dev.sparksvm.spark.LocalSpark;
import dev.sparksvm.spark.RecordSelection;
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
 * trained with the default options to CS231n's accuracies. Skipped, with the reason printed, when the
 * data is not there.
 */
@Tag("realdata")
class RealDataTest {
  private static Path real;
  private static JavaSparkContext sc;
  @TempDir
  Path out;

  @BeforeEach
  void findData() {
    real = CifarFixtures.realData();
    // An assumption in each test (not in @BeforeAll), so every test shows as skipped, not as absent.
    Assumptions.assumeTrue(real != null,
        "no ../shared/data/cifar-10-batches-bin/data_batch_1.bin beside the project");
    sc = LocalSpark.get();
  }

  @Test
  void readsAllFiftyThousandImagesCompactly() {
    ImageFiles files = ImageFiles.resolve(real.toString(), ImageFiles.Request.training(),
        sc.hadoopConfiguration());
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
      System.out.printf("real data: %d cached bytes, %.2f per image%n", data.cachedBytes(), perImage);
      assertTrue(perImage >= Cifar10.RECORD_BYTES && perImage <= 1.1 * Cifar10.RECORD_BYTES,
          "cached bytes per image " + perImage);
    } finally {
      data.unpersist();
    }
  }

  @Test
  void svmWithDefaultOptionsReaches38PercentOnHeldOutImages() {
    double accuracy = trainWithDefaults("svm");
    assertTrue(accuracy >= 0.38, "SVM validation accuracy " + accuracy);
  }

  @Test
  void softmaxWithDefaultOptionsReaches35PercentOnHeldOutImages() {
    double accuracy = trainWithDefaults("softmax");
    assertTrue(accuracy >= 0.35, "softmax validation accuracy " + accuracy);
  }

  private double trainWithDefaults(String loss) {
    Map<String, Object> m = TrainCommandRunner.train(sc, real.toString(),
        out.resolve(loss).toString(), "--loss", loss, "--print-every", "500");
    double accuracy = (double) m.get("val_accuracy");
    System.out.printf("real data, %s, defaults: validation accuracy %.4f, train accuracy %.4f, %.1f ms"
        + " per iteration%n", loss, accuracy, (double) m.get("train_accuracy"),
        (double) m.get("ms_per_iteration"));
    return accuracy;
  }
}
