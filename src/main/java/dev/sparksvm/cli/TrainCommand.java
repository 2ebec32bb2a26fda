package dev.sparksvm.cli;

import dev.sparksvm.options.CheckpointOptions;
import dev.sparksvm.options.FrameSource;
import dev.sparksvm.options.InitialRate;
import dev.sparksvm.options.LossKind;
import dev.sparksvm.options.StoppingOptions;
import dev.sparksvm.options.TrainOptions;
import dev.sparksvm.train.FrameTrainingRun;
import dev.sparksvm.train.TrainingRun;
import java.util.HashSet;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code train}: fit a linear classifier with distributed mini-batch gradient descent. */
@Command(
    name = "train",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Fit a linear SVM or softmax classifier with distributed mini-batch gradient "
            + "descent; writes model.bin, history.csv, metrics.json, loss.png and templates.png.")
final class TrainCommand implements Callable<Integer> {
  @Mixin Mixins.Experiment experiment;

  @Mixin DescentMixins.Descent descent;

  @Mixin DescentMixins.Reporting reporting;

  @Option(
      names = "--lr",
      paramLabel = "X|auto",
      description =
          "Initial learning rate, or auto: chosen by a step-size sweep from the initial W (default"
              + " 6e-7 for svm, 3e-6 for softmax).")
  String learningRate;

  @Option(
      names = "--keep",
      paramLabel = "last|best",
      defaultValue = "last",
      description =
          "Keep the last W, or the one with the best validation accuracy at the --eval-every"
              + " points: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
  StoppingOptions.Keep keep;

  @Option(
      names = "--stop-at",
      paramLabel = "X",
      description = "Stop once validation accuracy reaches X (default: never).")
  Double stopAt;

  @Option(
      names = "--patience",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Stop after N evaluations without a better validation accuracy; 0: never (default"
              + " ${DEFAULT-VALUE}).")
  int patience;

  @Option(
      names = "--checkpoint-every",
      paramLabel = "N",
      description =
          "Write a checkpoint to --out every N steps; 0: only when stopped by a signal (default:"
              + " every epoch or every 5 minutes of training, whichever comes first).")
  Long checkpointEvery;

  @Option(
      names = "--resume",
      paramLabel = "DIR",
      description =
          "Continue the run whose newest checkpoint is in DIR. Every option not given is that"
              + " run's, its data included; --iters (to extend it), --eval-every, --print-every,"
              + " the early-stopping options, --checkpoint-every and --test may be given, an"
              + " option that changes W's path (--batch, --lr, --seed...) is refused. --out"
              + " defaults to DIR.")
  String resume;

  @Mixin FrameColumns columns;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    FrameSource source = columns.source(experiment.data);
    if (source != null) {
      FrameTrainingRun.run(options(), source);
    } else {
      TrainingRun.run(options(), given());
    }
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

  /**
   * The run's options; the default learning rate and regularization are the loss's on the binary
   * formats, and the estimator's on a DataFrame source (a step-size sweep, no regularization): its
   * rows are standardized, or at least not the raw pixels the loss's defaults were chosen for.
   */
  TrainOptions options() {
    LossKind loss = experiment.loss.loss;
    boolean frame = experiment.data.frame();
    InitialRate defaultRate = frame ? InitialRate.AUTO : InitialRate.of(loss.defaultLearningRate());
    return TrainOptions.defaults(loss)
        .withData(frame ? experiment.frameData() : experiment.data())
        .withLoss(frame ? experiment.lossOptions(0.0) : experiment.lossOptions())
        .withDescent(
            descent.into(
                TrainOptions.defaults(loss)
                    .descent()
                    .withLearningRate(
                        learningRate == null ? defaultRate : InitialRate.parse(learningRate))))
        .withReporting(reporting.options())
        .withStopping(
            new StoppingOptions(
                keep,
                stopAt == null ? OptionalDouble.empty() : OptionalDouble.of(stopAt),
                patience))
        .withCheckpoints(
            new CheckpointOptions(
                checkpointEvery == null ? OptionalLong.empty() : OptionalLong.of(checkpointEvery),
                resume))
        .withSpark(experiment.spark.options())
        .withOutput(experiment.output.options());
  }
}
