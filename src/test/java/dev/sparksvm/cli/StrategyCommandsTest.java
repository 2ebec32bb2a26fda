package dev.sparksvm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.check.GradientCheck;
import dev.sparksvm.core.Candidates;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Cifar10;
import dev.sparksvm.data.ImageBlock;
import dev.sparksvm.optim.LocalObjective;
import dev.sparksvm.optim.MiniBatchGradient;
import dev.sparksvm.optim.Plane;
import dev.sparksvm.optim.RandomLocalSearch;
import dev.sparksvm.optim.RandomSearch;
import dev.sparksvm.optim.StepSizeSweep;
import dev.sparksvm.spark.CifarFixtures;
import dev.sparksvm.spark.LocalSpark;
import dev.sparksvm.spark.SparkObjective;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** search, gradcheck, sweep and landscape on local[2] over small synthetic files. */
class StrategyCommandsTest {
  @TempDir
  static Path data;
  private static JavaSparkContext sc;
  @TempDir
  Path out;

  @BeforeAll
  static void setUp() throws Exception {
    sc = LocalSpark.get();
    CifarFixtures.batches(data, 60);
  }

  private Session session(String name, String... extra) {
    String[] base = {"x", "--data", data.toString(), "--out", out.resolve(name).toString(), "--val",
        "50", "--partitions", "2"};
    String[] argv = java.util.stream.Stream.concat(java.util.Arrays.stream(base),
        java.util.Arrays.stream(extra)).toArray(String[]::new);
    Args a = Args.parse(name, argv, 1, CommonOptions.VALUED, Main.FLAGS);
    return Session.on(sc, CommonOptions.from(name, a, extra.length == 0 ? 0.0 : null));
  }

  @Test
  void sparkLossesOfCandidatesAndPlanesAreBitIdenticalToTheInMemoryObjective() {
    try (Session s = session("same");
        SparkObjective spark = s.objective(40)) {
      List<ImageBlock> blocks = s.set.train().blocks().collect();
      LocalObjective local = new LocalObjective(blocks, s.set.mean(), new MiniBatchGradient(
          s.options.lossFunction(), 40, s.options.seed(), s.set.train().partitionSizes()),
          s.options.regularizer());
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
    try (Session s = session("random")) {
      m = SearchCommand.search(s, new RandomSearch(50, 1e-4, 1), null);
    }
    assertEquals(1L, m.get("spark_jobs"), "all 50 tries in one pass: " + m);
    assertEquals("random", m.get("strategy"));
    assertEquals(50, m.get("tries"));
    String json = Files.readString(out.resolve("random").resolve("metrics.json"));
    for (String key : List.of("strategy", "tries", "best_loss", "val_accuracy", "test_accuracy",
        "seconds", "spark_jobs")) {
      assertTrue(json.contains("\"" + key + "\""), key);
    }
    assertTrue(Files.size(out.resolve("random").resolve("model.bin")) > 0);
  }

  @Test
  void randomLocalSearchPaysOnePassPerStepAndImproves() throws Exception {
    Map<String, Object> m;
    try (Session s = session("local")) {
      m = SearchCommand.search(s, null, new RandomLocalSearch(12, 1e-4, 1e-3, 2));
    }
    assertEquals(13L, m.get("spark_jobs"), "one pass for the start and one per step: " + m);
    assertTrue((int) m.get("accepted") > 0);
    assertTrue(ImageIO.read(out.resolve("local").resolve("loss.png").toFile()).getWidth() > 100);
  }

  @Test
  void gradcheckOnSparkAgreesAndWritesTheTable() throws Exception {
    GradientCheck.Report softmax;
    try (Session s = session("gc-softmax", "--loss", "softmax")) {
      softmax = GradcheckCommand.check(s, 12, 1e-5, 100, 1e-3);
    }
    assertTrue(softmax.maxCenteredError() < 1e-7, "softmax " + softmax.maxCenteredError());
    assertTrue(softmax.maxForwardError() > softmax.maxCenteredError());
    List<String> csv = Files.readAllLines(out.resolve("gc-softmax").resolve("gradcheck.csv"));
    assertEquals(13, csv.size());
    assertTrue(Files.readString(out.resolve("gc-softmax").resolve("metrics.json"))
        .contains("\"max_rel_error\""));
    try (Session s = session("gc-svm", "--loss", "svm")) {
      GradientCheck.Report svm = GradcheckCommand.check(s, 12, 1e-5, 100, 1e-3);
      assertTrue(svm.maxCenteredErrorAwayFromKinks() < 1e-5, "svm " + svm);
    }
  }

  @Test
  void sweepAndLandscapeWriteTablesAndPictures() throws Exception {
    List<StepSizeSweep.Row> rows;
    try (Session s = session("sweep")) {
      rows = SweepCommand.sweep(s, false, 0, 1e-3);
    }
    assertEquals(10, rows.size());
    assertTrue(rows.get(9).loss() > rows.get(0).loss());
    assertTrue(Files.exists(out.resolve("sweep").resolve("sweep.png")));
    try (Session s = session("landscape")) {
      Map<String, Object> m = LandscapeCommand.landscape(s, 21, 11, 1, 1e-3);
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

  @Test
  void badStrategyOptionsAreOneLineErrors() {
    for (String[] argv : List.of(
        new String[] {"search", "--strategy", "genetic"},
        new String[] {"search", "--tries", "0"},
        new String[] {"search", "--strategy", "local", "--step", "-1"},
        new String[] {"gradcheck", "--coords", "0"},
        new String[] {"gradcheck", "--h", "0"},
        new String[] {"sweep", "--batch", "-3"},
        new String[] {"landscape", "--grid", "1"})) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = Main.run(argv, new PrintStream(err, true, StandardCharsets.UTF_8));
      String text = err.toString(StandardCharsets.UTF_8);
      assertEquals(2, code, String.join(" ", argv) + ": " + text);
      assertEquals(1, text.lines().count(), text);
    }
  }
}
