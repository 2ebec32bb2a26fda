package dev.sparksvm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.core.Precision;
import dev.sparksvm.evaluate.EvaluateRun;
import dev.sparksvm.model.LinearModel;
import dev.sparksvm.optim.DivergedException;
import dev.sparksvm.options.CheckpointOptions;
import dev.sparksvm.options.InitialRate;
import dev.sparksvm.options.LossKind;
import dev.sparksvm.options.StoppingOptions;
import dev.sparksvm.options.TrainOptions;
import dev.sparksvm.options.UsageException;
import dev.sparksvm.session.Workspace;
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
class TrainingRunTest {
  @TempDir static Path data;
  private static JavaSparkContext sc;
  @TempDir Path out;

  @BeforeAll
  static void setUp() throws Exception {
    sc = LocalSpark.get();
    CifarFixtures.batches(data, 100);
  }

  /** Trains with {@code options} in a workspace on their data, writing to {@code out/name}. */
  private TrainingResult train(String name, TrainOptions options) {
    try (Workspace ws = Workspace.on(sc, options.data(), out.resolve(name).toString())) {
      return TrainingRun.run(ws, options);
    }
  }

  /**
   * The SVM (reg 1e3) on the 500 images, 100 held out, in 2 partitions, from W ~ 1e-3 randn, on the
   * tree path, quiet.
   */
  private static TrainOptions options(int batch, long iterations, double lr, int evalEvery) {
    return TrainOptions.defaults()
        .withData(data.toString())
        .withValidation(100)
        .withPartitions(2)
        .withReg(1e3)
        .withBatch(batch)
        .withIterations(iterations)
        .withLearningRate(lr)
        .withInitScale(1e-3)
        .withEvalEvery(evalEvery)
        .withPrintEvery(1000)
        .withAggregationDepth(2);
  }

  @Test
  void writesModelHistoryAndMetricsAndLearns() throws Exception {
    long start = System.nanoTime();
    TrainingResult r = train("run", options(256, 60, 1e-6, 20));
    double wallSeconds = (System.nanoTime() - start) / 1e9;
    Path dir = out.resolve("run");
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(
          List.of(
              "checkpoint-000000000060.bin",
              "history.csv",
              "loss.png",
              "metrics.json",
              "model.bin",
              "templates.png"),
          files.map(p -> p.getFileName().toString()).sorted().toList(),
          "outputs, the last checkpoint, and no temporary, staging or checksum files");
    }
    Map<String, Object> m = r.metrics();
    for (String key :
        List.of(
            "train_accuracy",
            "val_accuracy",
            "test_accuracy",
            "iterations",
            "batch",
            "seconds",
            "ms_per_iteration",
            "examples_per_second",
            "cached_bytes",
            "blas",
            "weights_sha256")) {
      assertTrue(m.containsKey(key), "metrics lack " + key);
      assertTrue(Files.readString(dir.resolve("metrics.json")).contains("\"" + key + "\""), key);
    }
    assertEquals(null, m.get("test_accuracy"));
    assertTrue((double) m.get("val_accuracy") > 0.5, "synthetic classes are learnable: " + m);
    assertEquals(r.weights().sha256(), m.get("weights_sha256"));
    // What train adds to a step is measured, and is a part of the step, validations left out
    // (this run validates every 20 steps, which would dwarf it if they were counted).
    double bookkeeping = (double) m.get("bookkeeping_ms_per_iteration");
    assertTrue(
        bookkeeping > 0 && bookkeeping < (double) m.get("ms_per_iteration"),
        bookkeeping + " ms of bookkeeping a step in " + m);

    List<String> history = Files.readAllLines(dir.resolve("history.csv"));
    assertEquals("iteration,loss,seconds,learning_rate,val_accuracy", history.get(0));
    assertEquals(61, history.size());
    assertTrue(
        history.get(19).startsWith("19,") && history.get(19).endsWith(","),
        "no validation at iteration 19: " + history.get(19));
    assertTrue(
        history.get(40).startsWith("40,") && !history.get(40).endsWith(","),
        "validation at iteration 40: " + history.get(40));
    assertTrue(
        history.get(60).endsWith("," + m.get("val_accuracy")),
        "the final validation accuracy is the last row's: " + history.get(60));
    double first = Double.parseDouble(history.get(1).split(",", -1)[1]);
    double last = Double.parseDouble(history.get(60).split(",", -1)[1]);
    assertTrue(last < first, "loss fell from " + first + " to " + last);
    // The run's clock: training seconds never go back from row to row, the last row's are the
    // run's (to the CSV's 3 decimals), the run's fit inside the call, and the steps' phases inside
    // the run's.
    double previous = 0;
    for (String row : history.subList(1, history.size())) {
      double seconds = Double.parseDouble(row.split(",", -1)[2]);
      assertTrue(seconds >= previous, "the clock went back at " + row);
      previous = seconds;
    }
    double seconds = (double) m.get("seconds");
    assertTrue(previous <= seconds + 5e-4, previous + " s in history.csv, " + seconds + " s run");
    assertTrue(
        seconds > 0 && seconds < wallSeconds, seconds + " s of a " + wallSeconds + " s call");
    assertEquals(1000 * seconds / 60, (double) m.get("ms_per_iteration"), 1e-9 * seconds);
    @SuppressWarnings("unchecked")
    Map<String, Double> phaseMs = (Map<String, Double>) m.get("phase_ms_per_iteration");
    assertEquals(
        List.of("broadcast", "compute", "aggregation", "driver", "scheduling"),
        List.copyOf(phaseMs.keySet()));
    double phases = phaseMs.values().stream().mapToDouble(Double::doubleValue).sum();
    assertTrue(phases * 60 <= 1000 * seconds, phases + " ms per step of phases: " + phaseMs);

    java.awt.image.BufferedImage templates =
        javax.imageio.ImageIO.read(dir.resolve("templates.png").toFile());
    assertTrue(templates.getWidth() > 10 * 32 && templates.getHeight() > 32, "ten 32x32 templates");
    assertTrue(javax.imageio.ImageIO.read(dir.resolve("loss.png").toFile()) != null);

    LinearModel model = LinearModel.load(dir.toString(), sc.hadoopConfiguration());
    assertEquals(r.weights(), model.weights());
    Map<String, String> provenance = model.provenance();
    assertEquals("train", provenance.get("command"));
    assertEquals("0.001", provenance.get("option.init-scale"));
    assertEquals("1.0", provenance.get("option.delta"));
    assertTrue(
        provenance
            .get("data.file.1")
            .matches(".*data_batch_1\\.bin records=100 " + "crc32c=[0-9a-f]{8}"),
        provenance.get("data.file.1"));
    assertTrue(provenance.get("spark").startsWith(sc.version()), provenance.toString());
    // evaluate on all 500 images agrees with train and validation accuracy combined.
    EvaluateRun.Inputs inputs =
        EvaluateRun.Inputs.resolve(dir.toString(), data.toString(), sc.hadoopConfiguration());
    Map<String, Object> e = EvaluateRun.evaluate(sc, inputs, 2);
    double combined =
        ((double) m.get("train_accuracy") * 400 + (double) m.get("val_accuracy") * 100) / 500;
    assertEquals(combined, (double) e.get("accuracy"), 1e-12);
  }

  @Test
  void theSameSeedGivesBitIdenticalWeightsAndAnotherSeedDoesNot() {
    TrainOptions o = options(64, 15, 1e-7, 100);
    String a = train("a", o).weights().sha256();
    String b = train("b", o).weights().sha256();
    String c = train("c", o.withSeed(7)).weights().sha256();
    assertEquals(a, b);
    assertNotEquals(a, c);
  }

  @Test
  void aFloatRunLearnsAsTheDoubleRunDoesIsDeterministicAndSaysSo() throws Exception {
    TrainOptions floats = options(256, 60, 1e-6, 60).withPrecision(Precision.FLOAT);
    Map<String, Object> f = train("float", floats).metrics();
    Map<String, Object> again = train("float-again", floats).metrics();
    Map<String, Object> d = train("double", options(256, 60, 1e-6, 60)).metrics();
    assertEquals("float", f.get("precision"));
    assertEquals("double", d.get("precision"));
    assertTrue((double) f.get("val_accuracy") > 0.5, "synthetic classes are learnable: " + f);
    assertEquals(
        (double) d.get("val_accuracy"),
        (double) f.get("val_accuracy"),
        0.05,
        "float learns as double does: " + f + " against " + d);
    assertEquals(f.get("weights_sha256"), again.get("weights_sha256"), "same inputs, same bits");
    assertNotEquals(d.get("weights_sha256"), f.get("weights_sha256"), "float ran, not double");
    Path dir = out.resolve("float");
    assertTrue(Files.readString(dir.resolve("metrics.json")).contains("\"precision\": \"float\""));
    assertEquals(
        "float",
        LinearModel.load(dir.toString(), sc.hadoopConfiguration())
            .provenance()
            .get("option.precision"));
    // Its checkpoint continues in float only.
    TrainOptions resumed =
        options(256, 80, 1e-6, 60)
            .withCheckpoints(CheckpointOptions.off().withResume(dir.toString()));
    try (Workspace ws = Workspace.on(sc, resumed.data(), out.resolve("resumed").toString())) {
      UsageException e = assertThrows(UsageException.class, () -> TrainingRun.run(ws, resumed));
      assertTrue(e.getMessage().contains("--precision was float"), e.getMessage());
    }
  }

  @Test
  void fullBatchDescentLowersTheLossEveryStep() throws Exception {
    train("full", options(400, 8, 1e-7, 100));
    List<String> history = Files.readAllLines(out.resolve("full").resolve("history.csv"));
    double previous = Double.POSITIVE_INFINITY;
    for (String line : history.subList(1, history.size())) {
      double loss = Double.parseDouble(line.split(",", -1)[1]);
      assertTrue(loss < previous, "full-batch loss must fall monotonically: " + history);
      previous = loss;
    }
  }

  @Test
  void stochasticGradientDescentWithBatchOneLowersTheLoss() throws Exception {
    TrainingResult r = train("sgd", options(1, 400, 1e-6, 100).withLoss(LossKind.SOFTMAX));
    assertEquals(1, r.metrics().get("batch"));
    List<String> history = Files.readAllLines(out.resolve("sgd").resolve("history.csv"));
    // One example per step is noisy: compare the mean loss of the first and last 100 steps.
    double first =
        history.subList(1, 101).stream()
            .mapToDouble(l -> Double.parseDouble(l.split(",", -1)[1]))
            .average()
            .orElseThrow();
    double last =
        history.subList(301, 401).stream()
            .mapToDouble(l -> Double.parseDouble(l.split(",", -1)[1]))
            .average()
            .orElseThrow();
    assertTrue(last < 0.9 * first, "SGD loss " + first + " -> " + last);
  }

  @Test
  void withoutAValidationSplitTheAccuracyIsNullNotNaN() throws Exception {
    TrainingResult r = train("noval", options(64, 5, 1e-7, 2).withValidation(0));
    assertEquals(null, r.metrics().get("val_accuracy"));
    assertTrue(
        Files.readString(out.resolve("noval").resolve("metrics.json"))
            .contains("\"val_accuracy\": null"));
  }

  @Test
  void earlyStoppingKeepsTheBestWeightsAndSaysWhyItStopped() throws Exception {
    TrainingResult r =
        train(
            "early",
            options(64, 200, 1e-6, 5)
                .withStopping(
                    StoppingOptions.defaults().withKeep(StoppingOptions.Keep.BEST).withStopAt(0.6))
                .withCheckpoints(CheckpointOptions.off()));
    Map<String, Object> m = r.metrics();
    assertEquals("stop-at", m.get("stopped"), m.toString());
    long steps = (long) m.get("iterations");
    assertTrue(steps < 200 && steps % 5 == 0, "stopped at an evaluation: " + steps);
    assertTrue((double) m.get("val_accuracy") >= 0.6, m.toString());
    assertEquals(steps + 1, Files.readAllLines(out.resolve("early").resolve("history.csv")).size());
  }

  @Test
  void anAutomaticLearningRateComesFromTheSweepAndLearns() {
    TrainingResult r = train("auto", options(64, 40, 1, 40).withLearningRate(InitialRate.AUTO));
    Map<String, Object> m = r.metrics();
    double lr = (double) m.get("learning_rate");
    assertTrue(lr > 1e-12 && lr < 1, "a learning rate was chosen: " + lr);
    assertTrue(((String) m.get("learning_rate_chosen_by")).startsWith("--lr auto"), m.toString());
    assertTrue((double) m.get("val_accuracy") > 0.5, "it learns: " + m);
  }

  @Test
  void aDivergingRunStopsAndNamesTheLearningRate() {
    DivergedException e =
        assertThrows(
            DivergedException.class,
            () ->
                train(
                    "nan",
                    options(256, 200, 1e5, 100)
                        .withLoss(LossKind.SOFTMAX)
                        .withReg(5e3)
                        .withLrDecay(1)));
    assertTrue(e.getMessage().contains("learning rate 100000.0"), e.getMessage());
    assertTrue(e.getMessage().contains("--lr"), e.getMessage());
  }

  @Test
  void aBatchLargerThanTheTrainingSetIsAUsageError() {
    UsageException e =
        assertThrows(UsageException.class, () -> train("big", options(401, 5, 1e-7, 100)));
    assertTrue(e.getMessage().contains("--batch 401"), e.getMessage());
  }
}
