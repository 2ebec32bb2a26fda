package dev.sparksvm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.data.Cifar100;
import dev.sparksvm.data.DataFormat;
import dev.sparksvm.data.InvalidDataException;
import dev.sparksvm.data.SyntheticImages;
import dev.sparksvm.evaluate.EvaluateRun;
import dev.sparksvm.model.LinearModel;
import dev.sparksvm.options.DataOptions;
import dev.sparksvm.options.Inputs;
import dev.sparksvm.options.TrainOptions;
import dev.sparksvm.session.Workspace;
import dev.sparksvm.spark.CifarFixtures;
import dev.sparksvm.spark.LocalSpark;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short training run per data format on local[2], the classes and image shape taken from the
 * data: it learns (validation and test accuracy well above chance), the model and its templates
 * have the data's shape, and {@code evaluate} refuses a model of another shape or class count.
 */
class FormatTrainingRunTest {
  @TempDir static Path data;
  private static JavaSparkContext sc;
  @TempDir Path out;

  @BeforeAll
  static void setUp() throws Exception {
    sc = LocalSpark.get();
    SyntheticImages.idx(data.resolve("mnist"), "train", 1500, 10, true, 1);
    SyntheticImages.idx(data.resolve("mnist"), "t10k", 300, 10, true, 2);
    SyntheticImages.cifar100(data.resolve("cifar-100").resolve("train.bin"), 2500, 3);
    SyntheticImages.cifar100(data.resolve("cifar-100").resolve("test.bin"), 400, 4);
    CifarFixtures.batches(data.resolve("cifar-10"), 60);
  }

  private Map<String, Object> train(
      String name, String dir, DataFormat format, Cifar100.Labels labels) {
    TrainOptions options =
        TrainOptions.defaults()
            .withData(
                DataOptions.defaults()
                    .withData(data.resolve(dir).toString())
                    .withValidation(300)
                    .withPartitions(2)
                    .withFormat(format)
                    .withLabels(labels))
            .withReg(1e3)
            .withBatch(256)
            .withIterations(40)
            .withLearningRate(1e-6)
            .withInitScale(1e-3)
            .withEvalEvery(0)
            .withPrintEvery(1000)
            .withAggregationDepth(2);
    try (Workspace ws = Workspace.on(sc, options.data(), out.resolve(name).toString())) {
      return TrainingRun.run(ws, options).metrics();
    }
  }

  private static double accuracy(Map<String, Object> metrics) {
    return (double) metrics.get("val_accuracy");
  }

  /** Evaluates the model of run {@code name} on the test files of {@code dir}. */
  private double evaluate(String name, String dir) {
    EvaluateRun.Inputs inputs =
        EvaluateRun.Inputs.resolve(
            out.resolve(name).toString(), data.resolve(dir).toString(), sc.hadoopConfiguration());
    return (double) EvaluateRun.evaluate(sc, inputs, 2).get("accuracy");
  }

  @Test
  void idxDigitsGzipped() throws Exception {
    Map<String, Object> m = train("idx", "mnist", null, null);
    assertEquals("idx", m.get("data_format"));
    assertEquals(10, m.get("classes"));
    assertEquals("28x28x1", m.get("image_shape"));
    assertTrue(accuracy(m) > 0.8, "10 classes, chance 0.1: " + m);
    assertTrue(evaluate("idx", "mnist") > 0.8, "the t10k files");
    LinearModel model = LinearModel.load(out.resolve("idx").toString(), sc.hadoopConfiguration());
    assertEquals(785, model.weights().features());
    assertTrue(
        model
            .provenance()
            .get("data.file.2")
            .contains("train-labels-idx1-ubyte.gz " + "records=1500 crc32c="),
        model.provenance().toString());
    BufferedImage templates = ImageIO.read(out.resolve("idx").resolve("templates.png").toFile());
    assertEquals(10 * (4 * 28 + 10) + 10, templates.getWidth(), "ten 28x28 templates, zoomed 4x");

    InvalidDataException refused =
        assertThrows(
            InvalidDataException.class,
            () ->
                EvaluateRun.Inputs.resolve(
                    out.resolve("idx").toString(),
                    data.resolve("cifar-100").toString(),
                    sc.hadoopConfiguration()));
    assertTrue(
        refused
            .getMessage()
            .endsWith(
                "the model takes 10 classes of 28x28x1 images, the "
                    + "data has 100 classes of 32x32x3 images"),
        refused.getMessage());
  }

  @Test
  void cifar100FineAndCoarse() throws Exception {
    Map<String, Object> fine = train("fine", "cifar-100", null, null);
    assertEquals("cifar100", fine.get("data_format"));
    assertEquals(100, fine.get("classes"));
    assertTrue(accuracy(fine) > 0.5, "100 classes, chance 0.01: " + fine);
    assertTrue(evaluate("fine", "cifar-100") > 0.5, "test.bin");
    BufferedImage templates = ImageIO.read(out.resolve("fine").resolve("templates.png").toFile());
    assertEquals(10 * (4 * 32 + 10 + 22) + 10, templates.getHeight(), "a 10 x 10 grid");

    Map<String, Object> coarse =
        train("coarse", "cifar-100", DataFormat.CIFAR100, Cifar100.Labels.COARSE);
    assertEquals(20, coarse.get("classes"));
    assertTrue(accuracy(coarse) > 0.35, "20 classes, chance 0.05: " + coarse);
    // evaluate reads the coarse labels for a 20-class model without being told.
    assertTrue(evaluate("coarse", "cifar-100") > 0.35, "test.bin, coarse labels");
    InvalidDataException refused =
        assertThrows(
            InvalidDataException.class,
            () ->
                EvaluateRun.Inputs.resolve(
                    out.resolve("coarse").toString(),
                    DataOptions.defaults()
                        .withData(data.resolve("cifar-100").toString())
                        .withFormat(DataFormat.CIFAR100)
                        .withLabels(Cifar100.Labels.FINE),
                    sc.hadoopConfiguration()));
    assertTrue(
        refused
            .getMessage()
            .endsWith(
                "the model takes 20 classes of 32x32x3 images, the "
                    + "data has 100 classes of 32x32x3 images"),
        refused.getMessage());
  }

  @Test
  void aTestSetOfAnotherShapeIsRefusedBeforeTraining() {
    DataOptions options =
        DataOptions.defaults()
            .withData(data.resolve("cifar-10").toString())
            .withTest(data.resolve("mnist").toString())
            .withValidation(50)
            .withPartitions(2);
    InvalidDataException e =
        assertThrows(
            InvalidDataException.class, () -> Inputs.resolve(options, sc.hadoopConfiguration()));
    assertTrue(
        e.getMessage()
            .contains(
                "--format cifar10 does not match the files: the directory "
                    + "holds idx files (t10k-*-idx3-ubyte[.gz]), no test_batch.bin files"),
        e.getMessage());
  }
}
