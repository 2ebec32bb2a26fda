package dev.sparksvm.cli;

import dev.sparksvm.core.Seeds;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Cifar10;
import dev.sparksvm.optim.LossLandscape;
import dev.sparksvm.report.Charts;
import dev.sparksvm.spark.SparkObjective;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code landscape}: the loss along a random ray {@code L(W + a W1)} and over a random plane {@code
 * L(W + a W1 + b W2)}, for one example, for 100 examples and for the whole training set; CSVs and PNGs.
 * Each grid is one pass over the data.
 */
final class LandscapeCommand {

  private LandscapeCommand() {}

  static String usage() {
    return """
        landscape: loss along a random ray and over a random plane through a random W, for one
        example, 100 examples and the whole training set (ray.csv, plane.csv, ray-*.png, plane-*.png).
          --points N         points on the ray (default 201)
          --grid N           points per side of the plane (default 61)
          --extent X         a and b run over [-X, X] (default 3)
          --scale X          std of W and of the directions W1, W2 (default 1e-3)
          --loss svm|softmax (default svm);  --reg X (default 0: the notes' pictures)
          --data, --val, --partitions, --seed, --out, --master as in train
        """;
  }

  static int run(String[] argv) {
    Args a = Args.parse("landscape", argv, 1, CommonOptions.with("points", "grid", "extent",
        "scale"), Main.FLAGS);
    CommonOptions common = CommonOptions.from("landscape", a, 0.0);
    int points = a.integer("points", 201);
    int grid = a.integer("grid", 61);
    double extent = a.real("extent", 3);
    double scale = a.real("scale", 1e-3);
    if (points < 2 || grid < 2 || !(extent > 0) || !(scale > 0)) {
      throw new UsageException("landscape: --points and --grid must be >= 2, --extent and --scale > 0");
    }
    try (Session session = Session.open("landscape", common)) {
      landscape(session, points, grid, extent, scale);
    }
    return 0;
  }

  /** The three scopes: batch sizes and their names. */
  private static final int[] SCOPES = {1, 100, 0};
  private static final String[] NAMES = {"1", "100", "all"};

  static Map<String, Object> landscape(Session session, int points, int grid, double extent,
      double scale) {
    long seed = session.options.seed();
    Weights w = Weights.gaussian(Cifar10.CLASSES, Cifar10.FEATURES, scale, Seeds.derive(seed, 1));
    Weights w1 = Weights.gaussian(Cifar10.CLASSES, Cifar10.FEATURES, scale, Seeds.derive(seed, 2));
    Weights w2 = Weights.gaussian(Cifar10.CLASSES, Cifar10.FEATURES, scale, Seeds.derive(seed, 3));
    double[] ray = LossLandscape.grid(points, extent);
    double[] side = LossLandscape.grid(grid, extent);
    double[][] rays = new double[SCOPES.length][];
    double[][] planes = new double[SCOPES.length][];
    long start = System.nanoTime();
    long jobsBefore = session.jobs.jobs();
    String loss = session.options.loss();
    for (int s = 0; s < SCOPES.length; s++) {
      int batch = (int) Math.min(SCOPES[s], session.set.train().count());
      try (SparkObjective objective = session.objective(batch)) {
        rays[s] = LossLandscape.ray(objective, w, w1, ray);
        planes[s] = LossLandscape.plane(objective, w, w1, w2, side, side);
      }
      String scope = NAMES[s].equals("all") ? "all " + session.set.train().count() + " images"
          : NAMES[s] + (NAMES[s].equals("1") ? " example" : " examples");
      double[] values = rays[s];
      double[] planeValues = planes[s];
      session.out.write("ray-" + NAMES[s] + ".png", o -> o.write(Charts.lines(
          loss + " loss along a random ray, " + scope, "a", "L(W + a W1)",
          List.of(new Charts.Series(scope, ray, values)), false, false)));
      session.out.write("plane-" + NAMES[s] + ".png", o -> o.write(Charts.heatMap(
          loss + " loss over a random plane, " + scope, "a", "b", "L(W + a W1 + b W2)", side, side,
          planeValues)));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    StringBuilder rayCsv = new StringBuilder("a,loss_1,loss_100,loss_all\n");
    for (int i = 0; i < ray.length; i++) {
      rayCsv.append(String.format(Locale.ROOT, "%.6g,%.10g,%.10g,%.10g%n", ray[i], rays[0][i],
          rays[1][i], rays[2][i]));
    }
    StringBuilder planeCsv = new StringBuilder("a,b,loss_1,loss_100,loss_all\n");
    for (int i = 0; i < side.length; i++) {
      for (int j = 0; j < side.length; j++) {
        int k = i * side.length + j;
        planeCsv.append(String.format(Locale.ROOT, "%.6g,%.6g,%.10g,%.10g,%.10g%n", side[i], side[j],
            planes[0][k], planes[1][k], planes[2][k]));
      }
    }
    session.out.writeText("ray.csv", rayCsv.toString());
    session.out.writeText("plane.csv", planeCsv.toString());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", "landscape");
    m.put("loss", loss);
    m.put("reg", session.options.reg());
    m.put("ray_points", points);
    m.put("plane_grid", grid);
    m.put("extent", extent);
    m.put("seconds", seconds);
    m.put("spark_jobs", session.jobs.jobs() - jobsBefore);
    session.writeMetrics(m);
    System.out.printf(Locale.ROOT, "landscape: %d ray points and %d x %d plane points for 3 scopes in "
        + "%.1f s, %d Spark jobs; wrote %s%n", points, grid, grid, seconds,
        (long) m.get("spark_jobs"), session.out.path());
    return m;
  }
}
