package dev.sparksvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.data.Cifar10;
import dev.sparksvm.model.LinearModel;
import dev.sparksvm.optim.DivergedException;
import dev.sparksvm.spark.CifarFiles;
import dev.sparksvm.spark.CifarFixtures;
import dev.sparksvm.spark.LocalSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end training runs on local[2] over small synthetic files. */
class TrainCommandTest {
  @TempDir
  static Path data;
  private static JavaSparkContext sc;
  private static TrainCommand.Inputs inputs;
  @TempDir
  Path out;

  @BeforeAll
  static void setUp() throws Exception {
    sc = LocalSpark.get();
    CifarFixtures.batches(data, 100);
    inputs = new TrainCommand.Inputs(
        CifarFiles.resolve(data.toString(), sc.hadoopConfiguration(), Cifar10.TRAIN_PATTERN), null,
        true, data.toString());
  }

  private TrainOptions options(String name, String... extra) {
    String[] argv = Stream.concat(Stream.of("train", "--out", out.resolve(name).toString(),
        "--val", "100", "--partitions", "2", "--print-every", "1000"), Stream.of(extra))
        .toArray(String[]::new);
    return TrainOptions.from(Args.parse("train", argv, 1, TrainOptions.VALUED, Main.FLAGS));
  }

  @Test
  void writesModelHistoryAndMetricsAndLearns() throws Exception {
    TrainCommand.Result r = TrainCommand.train(sc,
        options("run", "--iters", "60", "--lr", "1e-6", "--reg", "1e3", "--eval-every", "20"), inputs);
    Path dir = out.resolve("run");
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of("history.csv", "loss.png", "metrics.json", "model.bin", "templates.png"),
          files.map(p -> p.getFileName().toString()).sorted().toList(),
          "outputs, and no temporary or checksum files");
    }
    Map<String, Object> m = r.metrics();
    for (String key : List.of("train_accuracy", "val_accuracy", "test_accuracy", "iterations",
        "batch", "seconds", "ms_per_iteration", "examples_per_second", "cached_bytes", "blas",
        "weights_sha256")) {
      assertTrue(m.containsKey(key), "metrics lack " + key);
      assertTrue(Files.readString(dir.resolve("metrics.json")).contains("\"" + key + "\""), key);
    }
    assertEquals(null, m.get("test_accuracy"));
    assertTrue((double) m.get("val_accuracy") > 0.5, "synthetic classes are learnable: " + m);
    assertEquals(r.weights().sha256(), m.get("weights_sha256"));

    List<String> history = Files.readAllLines(dir.resolve("history.csv"));
    assertEquals("iteration,loss,seconds,learning_rate,val_accuracy", history.get(0));
    assertEquals(61, history.size());
    assertTrue(history.get(19).startsWith("19,") && history.get(19).endsWith(","),
        "no validation at iteration 19: " + history.get(19));
    assertTrue(history.get(40).startsWith("40,") && !history.get(40).endsWith(","),
        "validation at iteration 40: " + history.get(40));
    double first = Double.parseDouble(history.get(1).split(",")[1]);
    double last = Double.parseDouble(history.get(60).split(",")[1]);
    assertTrue(last < first, "loss fell from " + first + " to " + last);

    java.awt.image.BufferedImage templates = javax.imageio.ImageIO.read(
        dir.resolve("templates.png").toFile());
    assertTrue(templates.getWidth() > 10 * 32 && templates.getHeight() > 32, "ten 32x32 templates");
    assertTrue(javax.imageio.ImageIO.read(dir.resolve("loss.png").toFile()) != null);

    LinearModel model = LinearModel.load(dir.toString(), sc.hadoopConfiguration());
    assertEquals(r.weights(), model.weights());
    // evaluate on all 500 images agrees with train and validation accuracy combined.
    Map<String, Object> e = EvaluateCommand.evaluate(sc, model, inputs.data(), 2);
    double combined = ((double) m.get("train_accuracy") * 400 + (double) m.get("val_accuracy") * 100)
        / 500;
    assertEquals(combined, (double) e.get("accuracy"), 1e-12);
  }

  @Test
  void theSameSeedGivesBitIdenticalWeightsAndAnotherSeedDoesNot() {
    String[] common = {"--iters", "15", "--batch", "64"};
    String a = TrainCommand.train(sc, options("a", common), inputs).weights().sha256();
    String b = TrainCommand.train(sc, options("b", common), inputs).weights().sha256();
    String c = TrainCommand.train(sc, options("c", "--iters", "15", "--batch", "64", "--seed", "7"),
        inputs).weights().sha256();
    assertEquals(a, b);
    assertNotEquals(a, c);
  }

  @Test
  void fullBatchDescentLowersTheLossEveryStep() throws Exception {
    TrainCommand.train(sc, options("full", "--batch", "400", "--iters", "8", "--lr", "1e-7"), inputs);
    List<String> history = Files.readAllLines(out.resolve("full").resolve("history.csv"));
    double previous = Double.POSITIVE_INFINITY;
    for (String line : history.subList(1, history.size())) {
      double loss = Double.parseDouble(line.split(",")[1]);
      assertTrue(loss < previous, "full-batch loss must fall monotonically: " + history);
      previous = loss;
    }
  }

  @Test
  void stochasticGradientDescentWithBatchOneRuns() throws Exception {
    TrainCommand.Result r = TrainCommand.train(sc,
        options("sgd", "--batch", "1", "--iters", "30", "--loss", "softmax"), inputs);
    assertTrue(r.weights().isFinite());
    assertEquals(1, r.metrics().get("batch"));
  }

  @Test
  void aDivergingRunStopsAndNamesTheLearningRate() {
    DivergedException e = assertThrows(DivergedException.class, () -> TrainCommand.train(sc,
        options("nan", "--iters", "200", "--lr", "1e5", "--lr-decay", "1", "--loss", "softmax"),
        inputs));
    assertTrue(e.getMessage().contains("learning rate 100000.0"), e.getMessage());
    assertTrue(e.getMessage().contains("--lr"), e.getMessage());
  }

  @Test
  void aBatchLargerThanTheTrainingSetIsAUsageError() {
    UsageException e = assertThrows(UsageException.class,
        () -> TrainCommand.train(sc, options("big", "--batch", "401"), inputs));
    assertTrue(e.getMessage().contains("--batch 401"), e.getMessage());
  }
}
