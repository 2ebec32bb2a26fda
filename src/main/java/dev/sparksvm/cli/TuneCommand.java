package dev.sparksvm.cli;

import dev.sparksvm.options.CheckpointOptions;
import dev.sparksvm.options.LossKind;
import dev.sparksvm.options.TrainOptions;
import dev.sparksvm.options.TuneOptions;
import dev.sparksvm.options.UsageException;
import dev.sparksvm.train.TuneRun;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tune}: a grid or a random search of (learning rate, regularization), trained together. */
@Command(
    name = "tune",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Train K models (a grid of --lr x --reg, or --samples log-uniform draws from --lr-range x"
            + " --reg-range) at the same time on the same batches, one Spark job per step; keep the"
            + " one with the best validation accuracy (tune.csv, tune.png, curves.png, model.bin).")
final class TuneCommand implements Callable<Integer> {
  @Option(
      names = "--lr",
      paramLabel = "LIST",
      split = ",",
      description =
          "Learning rates of the grid (default: 1e-7,3e-7,1e-6,3e-6 for svm, "
              + "1e-6,3e-6,1e-5,3e-5 for softmax).")
  List<Double> lrs;

  @Option(
      names = "--reg",
      paramLabel = "LIST",
      split = ",",
      description = "Regularization strengths of the grid (default 0,1e2,1e3,1e4).")
  List<Double> regs;

  @Option(
      names = "--lr-range",
      paramLabel = "LO:HI",
      description = "Random search: learning rates drawn log-uniformly from LO..HI.")
  String lrRange;

  @Option(
      names = "--reg-range",
      paramLabel = "LO:HI",
      description = "Random search: regularization strengths drawn log-uniformly from LO..HI.")
  String regRange;

  @Option(
      names = "--samples",
      paramLabel = "K",
      defaultValue = "16",
      description = "Random search: models drawn (default ${DEFAULT-VALUE}).")
  int samples;

  @Mixin Mixins.Data data;
  @Mixin Mixins.Split split;
  @Mixin Mixins.Partitions partitions;
  @Mixin Mixins.Seed seed;
  @Mixin DescentMixins.Loss loss;
  @Mixin DescentMixins.Descent descent;
  @Mixin DescentMixins.Reporting reporting;
  @Mixin Mixins.Output output;
  @Mixin Mixins.Spark spark;

  @Option(
      names = "--checkpoint-every",
      paramLabel = "N",
      description =
          "Write a checkpoint of all the models to --out every N steps; 0: only when stopped by a"
              + " signal (default: every epoch or every 5 minutes of training, whichever comes"
              + " first).")
  Long checkpointEvery;

  @Option(
      names = "--resume",
      paramLabel = "DIR",
      description =
          "Continue the tune whose newest checkpoint is in DIR. Every option not given is that"
              + " run's, its models and data included; --iters (to extend it), --eval-every,"
              + " --print-every and --checkpoint-every may be given, an option that changes the"
              + " models' path (--batch, --seed, --lr, --reg...) is refused. --out defaults to"
              + " DIR.")
  String resume;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    TuneRun.run(options(), given());
    return 0;
  }

  /** The options given on the command line, by name: with --resume, the others are restored. */
  Set<String> given() {
    Set<String> names = new HashSet<>();
    for (OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
      names.add(option.longestName());
    }
    return names;
  }

  /** The models and how they train (each model brings its own learning rate and L2 strength). */
  TuneOptions options() {
    LossKind kind = loss.loss;
    TrainOptions train =
        TrainOptions.defaults(kind)
            .withData(
                seed.into(
                    partitions.into(
                        split.into(
                            data.into(TrainOptions.defaults().data()),
                            TuneOptions.DEFAULT_VALIDATION))))
            .withLoss(loss.options(0))
            .withDescent(descent.into(TrainOptions.defaults(kind).descent()))
            .withReporting(reporting.options())
            .withCheckpoints(
                new CheckpointOptions(
                    checkpointEvery == null
                        ? OptionalLong.empty()
                        : OptionalLong.of(checkpointEvery),
                    resume))
            .withSpark(spark.options())
            .withOutput(output.options());
    return new TuneOptions(candidates(kind), train);
  }

  /** The grid, or the random draws when both ranges are given. */
  List<TuneOptions.Candidate> candidates(LossKind kind) {
    if (samples < 1) {
      throw new UsageException("--samples must be an integer >= 1, got " + samples);
    }
    double[] lr =
        lrRange == null
            ? null
            : TuneOptions.checkRange("--lr-range", range("--lr-range", lrRange), false);
    double[] reg =
        regRange == null
            ? null
            : TuneOptions.checkRange("--reg-range", range("--reg-range", regRange), true);
    if (lr != null || reg != null) {
      if (lr == null || reg == null || lrs != null || regs != null) {
        throw new UsageException(
            "--lr-range and --reg-range go together, and not with --lr or --reg");
      }
      return TuneOptions.random(lr, reg, samples, seed.seed);
    }
    List<Double> gridLr = lrs != null ? lrs : kind.tuneLearningRates();
    return TuneOptions.grid(gridLr, regs != null ? regs : List.of(0.0, 1e2, 1e3, 1e4));
  }

  private static double[] range(String option, String value) {
    String[] ends = value.split(":", -1);
    try {
      if (ends.length != 2) {
        throw new NumberFormatException();
      }
      return new double[] {Double.parseDouble(ends[0]), Double.parseDouble(ends[1])};
    } catch (NumberFormatException e) {
      throw new UsageException(option + " must be LO:HI, got '" + value + "'");
    }
  }
}
