package dev.sparksvm.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.check.GradientCheck;
import dev.sparksvm.core.Candidates;
import dev.sparksvm.core.Plane;
import dev.sparksvm.core.Precision;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Cifar10;
import dev.sparksvm.data.ImageBlock;
import dev.sparksvm.optim.LocalObjective;
import dev.sparksvm.optim.MiniBatchPlan;
import dev.sparksvm.options.AggregationDepth;
import dev.sparksvm.options.BatchSize;
import dev.sparksvm.options.DataOptions;
import dev.sparksvm.options.LossKind;
import dev.sparksvm.options.LossOptions;
import dev.sparksvm.session.Workspace;
import dev.sparksvm.spark.CifarFixtures;
import dev.sparksvm.spark.LocalSpark;
import dev.sparksvm.spark.SparkObjective;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import javax.imageio.ImageIO;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** search, gradcheck, sweep and landscape on local[2] over small synthetic files. */
class StrategyRunsTest {
  @TempDir static Path data;
  private static JavaSparkContext sc;
  @TempDir Path out;

  @BeforeAll
  static void setUp() throws Exception {
    sc = LocalSpark.get();
    CifarFixtures.batches(data, 60);
  }

  private Workspace workspace(String name) {
    return Workspace.on(
        sc,
        DataOptions.defaults().withData(data.toString()).withValidation(50).withPartitions(2),
        out.resolve(name).toString());
  }

  private static LossOptions loss(LossKind kind, double reg) {
    return LossOptions.defaults(kind).withReg(reg);
  }

  @Test
  void sparkLossesOfCandidatesAndPlanesAreBitIdenticalToTheInMemoryObjective() {
    LossOptions loss = loss(LossKind.SVM, 0);
    try (Workspace ws = workspace("same");
        SparkObjective spark =
            ws.objective(loss, BatchSize.of(40), AggregationDepth.of(2), Precision.DOUBLE)) {
      List<ImageBlock> blocks = ws.set().train().blocks().collect();
      LocalObjective local =
          new LocalObjective(
              blocks,
              ws.set().mean(),
              Cifar10.CLASSES,
              new MiniBatchPlan(40, 42, ws.set().train().partitionSizes()),
              loss.function(),
              loss.regularizer());
      var set = Candidates.gaussian(Cifar10.CLASSES, Cifar10.FEATURES, 1e-4, 3, 12);
      assertArrayEquals(local.losses(set, 2), spark.losses(set, 2), 0.0);
      Weights w = Weights.gaussian(Cifar10.CLASSES, Cifar10.FEATURES, 1e-3, 1);
      Weights w1 = Weights.gaussian(Cifar10.CLASSES, Cifar10.FEATURES, 1e-3, 2);
      Plane plane = Plane.line(w, w1, new double[] {-1, 0, 0.5});
      assertArrayEquals(local.losses(plane, 0), spark.losses(plane, 0), 0.0);
    }
  }

  @Test
  void randomSearchScoresEveryTryInOneSparkJobAndWritesItsFigures() throws Exception {
    Map<String, Object> m;
    try (Workspace ws = workspace("random")) {
      m =
          SearchRun.run(
              ws,
              loss(LossKind.SVM, 0),
              new SearchRun.Options(SearchRun.Strategy.RANDOM, 50, 1e-4, 1e-4));
    }
    assertEquals(1L, m.get("spark_jobs"), "all 50 tries in one pass: " + m);
    assertEquals("random", m.get("strategy"));
    assertEquals(50, m.get("tries"));
    String json = Files.readString(out.resolve("random").resolve("metrics.json"));
    for (String key :
        List.of(
            "strategy",
            "tries",
            "best_loss",
            "val_accuracy",
            "test_accuracy",
            "seconds",
            "spark_jobs")) {
      assertTrue(json.contains("\"" + key + "\""), key);
    }
    var model =
        dev.sparksvm.model.LinearModel.load(
            out.resolve("random").toString(), sc.hadoopConfiguration());
    assertEquals(m.get("weights_sha256"), model.weights().sha256());
    assertEquals("search", model.provenance().get("command"));
  }

  @Test
  void randomLocalSearchPaysOnePassPerStepAndImproves() throws Exception {
    Map<String, Object> m;
    try (Workspace ws = workspace("local")) {
      m =
          SearchRun.run(
              ws,
              loss(LossKind.SVM, 0),
              new SearchRun.Options(SearchRun.Strategy.LOCAL, 12, 1e-3, 1e-4));
    }
    assertEquals(13L, m.get("spark_jobs"), "one pass for the start and one per step: " + m);
    assertTrue((int) m.get("accepted") > 0);
    assertTrue(ImageIO.read(out.resolve("local").resolve("loss.png").toFile()).getWidth() > 100);
  }

  /** 12 coordinates, h 1e-5, 100 examples, W ~ 1e-3 randn, tolerance 1e-7. */
  private static GradcheckRun.Options gradcheck() {
    return GradcheckRun.Options.defaults()
        .withCoords(OptionalInt.of(12))
        .withBatch(BatchSize.of(100));
  }

  @Test
  void gradcheckOnSparkAgreesAndWritesTheTable() throws Exception {
    GradientCheck.Report softmax;
    try (Workspace ws = workspace("gc-softmax")) {
      softmax = GradcheckRun.run(ws, loss(LossKind.SOFTMAX, 5e3), gradcheck()).report();
    }
    assertTrue(softmax.maxCenteredError() < 1e-7, "softmax " + softmax.maxCenteredError());
    assertTrue(softmax.maxForwardError() > softmax.maxCenteredError());
    List<String> csv = Files.readAllLines(out.resolve("gc-softmax").resolve("gradcheck.csv"));
    assertEquals(13, csv.size());
    assertTrue(
        Files.readString(out.resolve("gc-softmax").resolve("metrics.json"))
            .contains("\"max_rel_error\""));
    try (Workspace ws = workspace("gc-svm")) {
      GradientCheck.Report svm =
          GradcheckRun.run(ws, loss(LossKind.SVM, 2.5e4), gradcheck()).report();
      assertTrue(svm.maxCenteredErrorAwayFromKinks() < 1e-7, "svm " + svm);
    }
  }

  @Test
  void sweepAndLandscapeWriteTablesAndPictures() throws Exception {
    SweepRun.Result sweep;
    try (Workspace ws = workspace("sweep")) {
      sweep =
          SweepRun.run(ws, loss(LossKind.SVM, 0), new SweepRun.Options(false, BatchSize.ALL, 1e-3));
    }
    assertEquals(10, sweep.rows().size());
    assertTrue(sweep.rows().get(9).loss() > sweep.rows().get(0).loss());
    assertTrue(
        sweep.rows().stream().anyMatch(r -> r.loss() < sweep.original()),
        "some step size lowers the loss");
    assertTrue(Files.exists(out.resolve("sweep").resolve("sweep.png")));
    try (Workspace ws = workspace("landscape")) {
      Map<String, Object> m =
          LandscapeRun.run(ws, loss(LossKind.SVM, 0), new LandscapeRun.Options(21, 11, 1, 1e-3));
      assertEquals(6L, m.get("spark_jobs"), "a ray and a plane per scope, one pass each");
    }
    Path dir = out.resolve("landscape");
    for (String scope : List.of("1", "100", "all")) {
      assertTrue(ImageIO.read(dir.resolve("ray-" + scope + ".png").toFile()).getHeight() > 100);
      assertTrue(ImageIO.read(dir.resolve("plane-" + scope + ".png").toFile()).getHeight() > 100);
    }
    assertEquals(1 + 11 * 11, Files.readAllLines(dir.resolve("plane.csv")).size());
    assertEquals(1 + 21, Files.readAllLines(dir.resolve("ray.csv")).size());
  }
}
