package dev.sparksvm.cli;

import dev.sparksvm.explore.LandscapeRun;
import dev.sparksvm.session.Workspace;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code landscape}: CS231n's loss-landscape slices. */
@Command(
    name = "landscape",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Loss along a random ray and over a random plane through a random W, for one "
            + "example, 100 examples and the whole training set (ray.csv, plane.csv, PNGs).")
final class LandscapeCommand implements Callable<Integer> {
  @Option(
      names = "--points",
      paramLabel = "N",
      defaultValue = "201",
      description = "Points on the ray (default ${DEFAULT-VALUE}).")
  int points;

  @Option(
      names = "--grid",
      paramLabel = "N",
      defaultValue = "61",
      description = "Points per side of the plane (default ${DEFAULT-VALUE}).")
  int grid;

  @Option(
      names = "--extent",
      paramLabel = "X",
      defaultValue = "3",
      description = "a and b run over [-X, X] (default ${DEFAULT-VALUE}).")
  double extent;

  @Option(
      names = "--scale",
      paramLabel = "X",
      defaultValue = "1e-3",
      description = "Std of W and of the directions W1, W2 (default ${DEFAULT-VALUE}).")
  double scale;

  @Mixin Mixins.Experiment experiment;

  @Override
  public Integer call() {
    LandscapeRun.Options options = new LandscapeRun.Options(points, grid, extent, scale);
    var lossOptions = experiment.lossOptions(0);
    try (Workspace ws = experiment.open("landscape")) {
      Map<String, Object> m = LandscapeRun.run(ws, lossOptions, options);
      System.out.printf(
          "landscape: %d ray points and %d x %d plane points for 3 scopes in %.1f s, "
              + "%d Spark jobs; wrote %s%n",
          points,
          grid,
          grid,
          (double) m.get("seconds"),
          (long) m.get("spark_jobs"),
          ws.out().path());
    }
    return 0;
  }
}
