package dev.sparksvm.explore;

import static dev.sparksvm.options.UsageException.require;

import dev.sparksvm.core.Precision;
import dev.sparksvm.core.Seeds;
import dev.sparksvm.core.Weights;
import dev.sparksvm.optim.LossLandscape;
import dev.sparksvm.options.AggregationDepth;
import dev.sparksvm.options.BatchSize;
import dev.sparksvm.options.LossOptions;
import dev.sparksvm.report.LineChart;
import dev.sparksvm.report.Pictures;
import dev.sparksvm.session.Workspace;
import dev.sparksvm.spark.SparkObjective;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code landscape}: CS231n's loss-landscape slices through a random W, along a random ray and over
 * a random plane, for one example, 100 examples and the whole training set; each grid is one pass
 * over the data. Writes {@code ray.csv}, {@code plane.csv}, {@code ray-*.png}, {@code plane-*.png}.
 */
public final class LandscapeRun {
  /** The three scopes: one example, 100, all of them; and their names. */
  private static final BatchSize[] SCOPES = {BatchSize.of(1), BatchSize.of(100), BatchSize.ALL};

  private static final String[] NAMES = {"1", "100", "all"};

  /**
   * The options of {@code landscape}.
   *
   * @param points points on the ray
   * @param grid points per side of the plane
   * @param extent a and b run over [-extent, extent]
   * @param scale std of W and of the directions W1, W2
   */
  public record Options(int points, int grid, double extent, double scale) {
    public Options {
      require(points >= 2, "--points", "an integer >= 2", points);
      require(grid >= 2, "--grid", "an integer >= 2", grid);
      require(extent > 0 && Double.isFinite(extent), "--extent", "a finite number > 0", extent);
      require(scale > 0 && Double.isFinite(scale), "--scale", "a finite number > 0", scale);
    }
  }

  private LandscapeRun() {}

  public static Map<String, Object> run(Workspace ws, LossOptions loss, Options o) {
    long seed = ws.data().seed();
    int c = ws.schema().classes();
    int d = ws.schema().features();
    Weights w = Weights.gaussian(c, d, o.scale(), Seeds.derive(seed, 1));
    Weights w1 = Weights.gaussian(c, d, o.scale(), Seeds.derive(seed, 2));
    Weights w2 = Weights.gaussian(c, d, o.scale(), Seeds.derive(seed, 3));
    double[] ray = LossLandscape.grid(o.points(), o.extent());
    double[] side = LossLandscape.grid(o.grid(), o.extent());
    double[][] rays = new double[SCOPES.length][];
    double[][] planes = new double[SCOPES.length][];
    long start = System.nanoTime();
    long jobsBefore = ws.jobs();
    for (int s = 0; s < SCOPES.length; s++) {
      BatchSize batch =
          SCOPES[s] instanceof BatchSize.Rows r && r.count() > ws.trainCount()
              ? BatchSize.ALL
              : SCOPES[s];
      try (SparkObjective objective =
          ws.objective(loss, batch, AggregationDepth.of(2), Precision.DOUBLE)) {
        rays[s] = LossLandscape.ray(objective, w, w1, ray);
        planes[s] = LossLandscape.plane(objective, w, w1, w2, side, side);
      }
      String scope =
          NAMES[s].equals("all")
              ? "all " + ws.trainCount() + " images"
              : NAMES[s] + (NAMES[s].equals("1") ? " example" : " examples");
      byte[] rayChart =
          LineChart.of(
                  loss.loss().label() + " loss along a random ray, " + scope, "a", "L(W + a W1)")
              .add(LineChart.Series.line(scope, ray, rays[s], 0))
              .png();
      byte[] planeChart =
          Pictures.heatMap(
              loss.loss().label() + " loss over a random plane, " + scope,
              "a",
              "b",
              "L(W + a W1 + b W2)",
              side,
              side,
              planes[s]);
      ws.out().write("ray-" + NAMES[s] + ".png", out -> out.write(rayChart));
      ws.out().write("plane-" + NAMES[s] + ".png", out -> out.write(planeChart));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    StringBuilder rayCsv = new StringBuilder("a,loss_1,loss_100,loss_all\n");
    for (int i = 0; i < ray.length; i++) {
      rayCsv.append(
          String.format(
              Locale.ROOT, "%.6g,%.10g,%.10g,%.10g%n", ray[i], rays[0][i], rays[1][i], rays[2][i]));
    }
    StringBuilder planeCsv = new StringBuilder("a,b,loss_1,loss_100,loss_all\n");
    for (int i = 0; i < side.length; i++) {
      for (int j = 0; j < side.length; j++) {
        int k = i * side.length + j;
        planeCsv.append(
            String.format(
                Locale.ROOT,
                "%.6g,%.6g,%.10g,%.10g,%.10g%n",
                side[i],
                side[j],
                planes[0][k],
                planes[1][k],
                planes[2][k]));
      }
    }
    ws.out().writeText("ray.csv", rayCsv.toString());
    ws.out().writeText("plane.csv", planeCsv.toString());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", "landscape");
    m.put("loss", loss.loss().label());
    m.put("reg", loss.reg());
    m.put("ray_points", o.points());
    m.put("plane_grid", o.grid());
    m.put("extent", o.extent());
    m.put("seconds", seconds);
    m.put("spark_jobs", ws.jobs() - jobsBefore);
    ws.finish(m);
    return m;
  }
}
