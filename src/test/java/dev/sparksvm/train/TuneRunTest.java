package dev.sparksvm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.core.Precision;
import dev.sparksvm.optim.UpdateRule;
import dev.sparksvm.options.TrainOptions;
import dev.sparksvm.options.TuneOptions;
import dev.sparksvm.options.UpdateOptions;
import dev.sparksvm.session.Workspace;
import dev.sparksvm.spark.CifarFixtures;
import dev.sparksvm.spark.LocalSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several models trained in one job per step, against the same models trained one by one. */
class TuneRunTest {
  @TempDir static Path data;
  private static JavaSparkContext sc;
  @TempDir Path out;

  @BeforeAll
  static void setUp() throws Exception {
    sc = LocalSpark.get();
    CifarFixtures.batches(data, 100);
  }

  /** 500 images, 100 held out by seed 7, in 2 partitions. */
  private Workspace workspace(String name) {
    return Workspace.on(sc, options().data(), out.resolve(name).toString());
  }

  /** The SVM, batch 64, 15 steps, decay 0.9, W ~ 1e-3 randn, validation every 5 steps. */
  private static TrainOptions options() {
    return TrainOptions.defaults()
        .withData(data.toString())
        .withValidation(100)
        .withPartitions(2)
        .withSeed(7)
        .withBatch(64)
        .withIterations(15)
        .withLrDecay(0.9)
        .withInitScale(1e-3)
        .withEvalEvery(5)
        .withPrintEvery(1000);
  }

  @Test
  void eachModelOfTheGridHasTheBitsOfItsOwnTrainRunAndADivergingOneIsDropped() throws Exception {
    List<TuneOptions.Candidate> grid =
        new java.util.ArrayList<>(TuneOptions.grid(List.of(1e-6, 3e-7), List.of(1e3, 0.0)));
    grid.add(2, new TuneOptions.Candidate(1e6, 1e6)); // W grows 2e12-fold a step: it overflows
    TuneRun.Result tuned;
    try (Workspace ws = workspace("tune")) {
      tuned = TuneRun.run(ws, new TuneOptions(grid, options()));
      assertEquals(5, tuned.outcomes().size());
      // The best model is saved as train saves one, before the runs below write into the folder.
      dev.sparksvm.model.LinearModel model =
          dev.sparksvm.model.LinearModel.load(
              out.resolve("tune").toString(), sc.hadoopConfiguration());
      assertEquals(tuned.weights().get(tuned.best()), model.weights());
      assertEquals(
          Double.toString(grid.get(tuned.best()).learningRate()),
          model.provenance().get("option.lr"));
      assertTrue(
          Files.readString(out.resolve("tune").resolve("metrics.json"))
              .contains("\"learning_rate\": " + grid.get(tuned.best()).learningRate()));
      for (int k = 0; k < grid.size(); k++) {
        TuneOptions.Candidate c = grid.get(k);
        TuneOutcome o = tuned.outcomes().get(k);
        if (k == 2) {
          assertTrue(o.diverged(), "a step of 1e6 at reg 1e6 explodes: " + o);
          assertEquals(null, o.valAccuracy());
          continue;
        }
        assertFalse(o.diverged(), c.toString());
        // The same model trained alone, on the same cached data and split.
        TrainingResult alone =
            TrainingRun.run(ws, options().withLearningRate(c.learningRate()).withReg(c.reg()));
        assertEquals(alone.weights().sha256(), tuned.weights().get(k).sha256(), c.toString());
        assertEquals((double) alone.metrics().get("val_accuracy"), o.valAccuracy(), 0.0);
      }
    }
    TuneOutcome best = tuned.outcomes().get(tuned.best());
    for (TuneOutcome o : tuned.outcomes()) {
      assertTrue(o.diverged() || o.valAccuracy() <= best.valAccuracy(), "best is the best");
    }

    Path dir = out.resolve("tune");
    List<String> csv = Files.readAllLines(dir.resolve("tune.csv"));
    assertEquals(
        "learning_rate,reg,final_loss,train_accuracy,val_accuracy,diverged," + "diverged_at_step",
        csv.get(0));
    assertEquals(6, csv.size());
    assertEquals(1, csv.stream().filter(l -> l.contains(",true,")).count(), csv.toString());
    assertNotNull(ImageIO.read(dir.resolve("tune.png").toFile()));
    assertNotNull(ImageIO.read(dir.resolve("curves.png").toFile()));
    // The train runs above wrote into the same folder; tune's own figures are in the CSV.
    assertTrue(
        csv.get(1 + tuned.best()).startsWith(best.candidate().learningRate() + ","),
        csv.toString());
  }

  @Test
  void inFloatEachModelStillHasTheBitsOfItsOwnFloatTrainRun() throws Exception {
    List<TuneOptions.Candidate> grid = TuneOptions.grid(List.of(1e-6, 3e-7), List.of(1e3));
    TrainOptions floats = options().withPrecision(Precision.FLOAT);
    try (Workspace ws = workspace("tune-float")) {
      TuneRun.Result tuned = TuneRun.run(ws, new TuneOptions(grid, floats));
      assertEquals("float", tuned.metrics().get("precision"));
      for (int k = 0; k < grid.size(); k++) {
        TuneOptions.Candidate c = grid.get(k);
        TrainingResult alone = TrainingRun.run(ws, new TuneOptions(grid, floats).model(k));
        assertEquals("float", alone.metrics().get("precision"));
        assertEquals(alone.weights().sha256(), tuned.weights().get(k).sha256(), c.toString());
      }
    }
  }

  /** With momentum each model carries its own velocity and still has its train run's bits. */
  @Test
  void withMomentumEachModelStillHasTheBitsOfItsOwnTrainRun() throws Exception {
    List<TuneOptions.Candidate> grid = TuneOptions.grid(List.of(1e-7, 3e-8), List.of(1e3, 0.0));
    TrainOptions nesterov = options().withUpdate(new UpdateOptions(UpdateRule.NESTEROV, 0.9));
    try (Workspace ws = workspace("tune-nesterov")) {
      TuneRun.Result tuned = TuneRun.run(ws, new TuneOptions(grid, nesterov));
      assertEquals("nesterov", tuned.metrics().get("update"));
      assertEquals(0.9, tuned.metrics().get("momentum"));
      for (int k = 0; k < grid.size(); k++) {
        TuneOptions.Candidate c = grid.get(k);
        TrainingResult alone = TrainingRun.run(ws, new TuneOptions(grid, nesterov).model(k));
        assertEquals("nesterov", alone.metrics().get("update"));
        assertEquals(alone.weights().sha256(), tuned.weights().get(k).sha256(), c.toString());
      }
    }
  }

  /**
   * Learning rates that round alike are two models all the same: both are trained and reported, and
   * the loss curves tell them apart (the chart once refused the second as a duplicate key, after
   * all the training, and nothing reached --out).
   */
  @Test
  void modelsWhoseValuesRoundAlikeAreBothTrainedDrawnAndWritten() throws Exception {
    List<TuneOptions.Candidate> close = TuneOptions.grid(List.of(1e-7, 1.01e-7), List.of(0.0));
    try (Workspace ws = workspace("close")) {
      TuneRun.Result tuned = TuneRun.run(ws, new TuneOptions(close, options().withIterations(3)));
      assertEquals(2, tuned.outcomes().size());
      assertFalse(
          tuned.weights().get(0).sha256().equals(tuned.weights().get(1).sha256()),
          "two models, two trajectories");
    }
    Path dir = out.resolve("close");
    assertEquals(3, Files.readAllLines(dir.resolve("tune.csv")).size());
    assertNotNull(ImageIO.read(dir.resolve("curves.png").toFile()));
    assertNotNull(ImageIO.read(dir.resolve("tune.png").toFile()));
    assertTrue(Files.exists(dir.resolve("model.bin")));
    assertTrue(Files.exists(dir.resolve("metrics.json")));
    List<TuneOutcome> outcomes =
        List.of(
            new TuneOutcome(close.get(0), 1, null, null, -1, new double[] {1}),
            new TuneOutcome(close.get(1), 1, null, null, -1, new double[] {1}));
    assertEquals(
        List.of("lr 1.00e-07 reg 0.00", "lr 1.01e-07 reg 0.00"),
        TuneReport.curves(outcomes).stream().map(c -> c.name()).toList(),
        "labels as short as tell the models apart");
  }

  @Test
  void aModelGivenTwiceIsRefusedNamingIt() {
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            dev.sparksvm.options.UsageException.class,
            () ->
                new TuneOptions(
                    TuneOptions.grid(List.of(1e-7, 3e-7, 1e-7), List.of(0.0)), options()));
    assertEquals(
        "--lr and --reg give the model lr 1.0E-7 reg 0.0 twice (models 1 and 3): each (lr, reg)"
            + " pair is trained once; remove the repeated value (a random search repeats a pair"
            + " only when --lr-range and --reg-range are single points)",
        e.getMessage());
    // -0.0 is no regularization, as 0 is.
    org.junit.jupiter.api.Assertions.assertThrows(
        dev.sparksvm.options.UsageException.class,
        () -> new TuneOptions(TuneOptions.grid(List.of(1e-7), List.of(0.0, -0.0)), options()));
  }

  @Test
  void randomSearchDrawsLogUniformlyInsideTheRangesAndReproducibly() {
    List<TuneOptions.Candidate> a =
        TuneOptions.random(new double[] {1e-7, 1e-5}, new double[] {1e2, 1e5}, 200, 3);
    assertEquals(a, TuneOptions.random(new double[] {1e-7, 1e-5}, new double[] {1e2, 1e5}, 200, 3));
    long lowDecade = a.stream().filter(c -> c.learningRate() < 1e-6).count();
    assertTrue(
        a.stream()
            .allMatch(
                c ->
                    c.learningRate() >= 1e-7
                        && c.learningRate() <= 1e-5
                        && c.reg() >= 1e2
                        && c.reg() <= 1e5),
        a.toString());
    assertEquals(100, (double) lowDecade, 30, "log-uniform: half the draws in the lower decade");
  }
}
