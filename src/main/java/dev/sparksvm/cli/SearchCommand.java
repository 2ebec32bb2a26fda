package dev.sparksvm.cli;

import dev.sparksvm.explore.SearchRun;
import dev.sparksvm.session.Workspace;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code search}: CS231n's random search and random local search. */
@Command(
    name = "search",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Random search or random local search for W (CS231n), loss on the whole training "
            + "set; writes the best W as model.bin and metrics.json.")
final class SearchCommand implements Callable<Integer> {
  @Option(
      names = "--strategy",
      paramLabel = "random|local",
      defaultValue = "random",
      description =
          "Random search or random local search: ${COMPLETION-CANDIDATES} (default"
              + " ${DEFAULT-VALUE}).")
  SearchRun.Strategy strategy;

  @Option(
      names = "--tries",
      paramLabel = "N",
      defaultValue = "1000",
      description = "Random W tried, or local steps taken (default ${DEFAULT-VALUE}).")
  int tries;

  @Option(
      names = "--scale",
      paramLabel = "X",
      description =
          "Std of each random W (random, " + "default 1e-4) or of the start (local, default 1e-3).")
  Double scale;

  @Option(
      names = "--step",
      paramLabel = "X",
      defaultValue = "1e-4",
      description = "Std of a local move (default ${DEFAULT-VALUE}).")
  double step;

  @Mixin Mixins.Experiment experiment;

  @Override
  public Integer call() {
    SearchRun.Options options =
        new SearchRun.Options(
            strategy, tries, scale != null ? scale : strategy.defaultScale(), step);
    var lossOptions = experiment.lossOptions(0);
    try (Workspace ws = experiment.open("search")) {
      SearchRun.run(ws, lossOptions, options);
    }
    return 0;
  }
}
