package dev.sparksvm.cli;

import dev.sparksvm.explore.SweepRun;
import dev.sparksvm.optim.StepSizeSweep;
import dev.sparksvm.options.BatchSize;
import dev.sparksvm.session.Workspace;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sweep}: CS231n's step-size table. */
@Command(
    name = "sweep",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Loss after one step W - step * grad for step sizes 1e-10 .. 1e-1 (sweep.csv, "
            + "sweep.png).")
final class SweepCommand implements Callable<Integer> {
  @Option(
      names = "--numerical",
      description =
          "Use the numerical gradient (centered differences " + "over all coordinates; slow).")
  boolean numerical;

  @Option(
      names = "--batch",
      paramLabel = "N",
      description =
          "Examples the objective averages over; 0: all (default 0, or 500 with " + "--numerical).")
  Integer batch;

  @Option(
      names = "--scale",
      paramLabel = "X",
      defaultValue = "1e-3",
      description = "Std of the random W (default ${DEFAULT-VALUE}).")
  double scale;

  @Mixin Mixins.Experiment experiment;

  @Override
  public Integer call() {
    SweepRun.Options options =
        new SweepRun.Options(
            numerical, BatchSize.of(batch != null ? batch : numerical ? 500 : 0), scale);
    var lossOptions = experiment.lossOptions(0);
    try (Workspace ws = experiment.open("sweep", options.batch())) {
      SweepRun.Result r = SweepRun.run(ws, lossOptions, options);
      System.out.printf(
          Locale.ROOT,
          "original loss: %.6f (%s gradient)%n",
          r.original(),
          numerical ? "numerical" : "analytic");
      for (StepSizeSweep.Row row : r.rows()) {
        System.out.printf(
            Locale.ROOT, "for step size %.0e new loss: %.6f%n", row.stepSize(), row.loss());
      }
    }
    return 0;
  }
}
