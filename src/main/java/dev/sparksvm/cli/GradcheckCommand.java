package dev.sparksvm.cli;

import dev.sparksvm.check.GradientCheck;
import dev.sparksvm.explore.GradcheckRun;
import dev.sparksvm.options.BatchSize;
import dev.sparksvm.options.LossOptions;
import dev.sparksvm.options.UsageException;
import dev.sparksvm.report.GradcheckTable;
import dev.sparksvm.session.Workspace;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gradcheck}: analytic against numerical gradients; exit 1 above {@code --tol}. */
@Command(
    name = "gradcheck",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Analytic vs numerical gradient (forward and centered differences) of the "
            + "objective; exit code 1 when the centered error exceeds --tol.")
final class GradcheckCommand implements Callable<Integer> {
  @Option(
      names = "--coords",
      paramLabel = "K|all",
      defaultValue = "20",
      description = "Coordinates of W checked, sampled (default ${DEFAULT-VALUE}), or all.")
  String coords;

  @Option(
      names = "--h",
      paramLabel = "X",
      defaultValue = "1e-5",
      description = "Finite-difference step (default ${DEFAULT-VALUE}).")
  double h;

  @Option(
      names = "--batch",
      paramLabel = "N",
      defaultValue = "500",
      description = "Examples the objective averages over; 0: all (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--scale",
      paramLabel = "X",
      defaultValue = "1e-3",
      description = "Std of the random W checked at (default ${DEFAULT-VALUE}).")
  double scale;

  @Option(
      names = "--tol",
      paramLabel = "X",
      description =
          "Largest centered relative error that passes (default 1e-7; for the SVM, coordinates"
              + " whose step crosses a kink of the hinge are flagged and left out).")
  Double tol;

  @Mixin Mixins.Experiment experiment;

  @Override
  public Integer call() {
    GradcheckRun.Options defaults = GradcheckRun.Options.defaults();
    GradcheckRun.Options options =
        defaults
            .withCoords(coordinates())
            .withH(h)
            .withBatch(BatchSize.of(batch))
            .withScale(scale)
            .withTol(tol != null ? tol : defaults.tol());
    LossOptions lossOptions = experiment.lossOptions(experiment.loss.loss.cs231nReg());
    try (Workspace ws = experiment.open("gradcheck", options.batch())) {
      GradcheckRun.Result r = GradcheckRun.run(ws, lossOptions, options);
      GradientCheck.Report report = r.report();
      System.out.print(GradcheckTable.table(report, 50));
      System.out.printf(
          Locale.ROOT,
          "max relative error: forward %.3e, centered %.3e (%s, %d "
              + "coordinates, h %.0e, %s examples, %.1f s)%n",
          report.maxForwardError(),
          report.maxCenteredError(),
          lossOptions.loss().label(),
          report.rows().size(),
          h,
          r.metrics().get("batch"),
          (double) r.metrics().get("seconds"));
      if (report.kinks() > 0) {
        System.out.printf(
            Locale.ROOT,
            "%d of %d coordinates cross a kink within h; centered error "
                + "away from kinks: %.3e%n",
            report.kinks(),
            report.rows().size(),
            report.maxCenteredErrorAwayFromKinks());
      }
      return Boolean.TRUE.equals(r.metrics().get("passed")) ? 0 : ExitCodes.FAILED;
    }
  }

  /** {@code --coords}: a count of coordinates, or all of them (empty). */
  private OptionalInt coordinates() {
    if (coords.equals("all")) {
      return OptionalInt.empty();
    }
    int count;
    try {
      count = Integer.parseInt(coords);
    } catch (NumberFormatException e) {
      count = -1;
    }
    if (count < 1) {
      throw new UsageException("--coords must be an integer >= 1 or all, got '" + coords + "'");
    }
    return OptionalInt.of(count);
  }
}
