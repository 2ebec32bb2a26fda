package dev.sparksvm.cli;

import dev.sparksvm.optim.EarlyStopping;
import dev.sparksvm.options.LossOptions;
import dev.sparksvm.options.TrainOptions;
import dev.sparksvm.options.UsageException;
import dev.sparksvm.spark.SparkContexts;
import dev.sparksvm.train.Checkpoint;
import dev.sparksvm.train.CheckpointOptions;
import dev.sparksvm.train.TrainingRun;
import dev.sparksvm.train.Workspace;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

  @Mixin Mixins.Descent descent;

  @Option(
      names = "--lr",
      paramLabel = "X|auto",
      description =
          "Initial learning rate, or auto: chosen by a step-size sweep from the initial W (default"
              + " 3e-7 for svm, 3e-6 for softmax).")
  String learningRate;

  @Option(
      names = "--keep",
      paramLabel = "last|best",
      defaultValue = "last",
      description =
          "Keep the"
              + " last W, or the one with the best validation accuracy at the --eval-every points "
              + "(default ${DEFAULT-VALUE}).")
  String keep;

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
          "Continue the run whose newest checkpoint is in DIR, with the same options and data"
              + " (--iters may grow); --out defaults to DIR.")
  String resume;

  @Override
  public Integer call() {
    LossOptions lossOptions = experiment.lossOptions();
    TrainOptions options = trainOptions(lossOptions);
    EarlyStopping stopping = stopping();
    CheckpointOptions checkpoints = checkpoints();
    // Resuming into the folder of the checkpoint continues that run there: its files get replaced.
    boolean sameFolder =
        resume != null
            && (experiment.output.out == null
                || new org.apache.hadoop.fs.Path(experiment.output.out)
                    .equals(new org.apache.hadoop.fs.Path(resume)));
    String out = sameFolder ? resume : experiment.output.out("train");
    try (Workspace ws =
        Workspace.open(
            "train",
            experiment.data.options(),
            experiment.spark.options(),
            out,
            experiment.output.overwrite || sameFolder)) {
      TrainingRun.run(ws, lossOptions, options, stopping, checkpoints);
    }
    return 0;
  }

  /** The optimizer's options; the default learning rate depends on the loss. */
  TrainOptions trainOptions(LossOptions lossOptions) {
    double lr;
    if (learningRate == null) {
      lr = TrainOptions.defaultLearningRate(lossOptions.loss());
    } else if (learningRate.equals("auto")) {
      lr = Double.NaN;
    } else {
      try {
        lr = Double.parseDouble(learningRate);
      } catch (NumberFormatException e) {
        throw new UsageException("--lr must be a number or auto, got '" + learningRate + "'");
      }
      if (Double.isNaN(lr)) {
        throw new UsageException("--lr must be a finite number > 0, got NaN");
      }
    }
    return descent.options(lr);
  }

  /** --checkpoint-every and --resume (whose checkpoint is read before Spark starts). */
  CheckpointOptions checkpoints() {
    if (checkpointEvery != null && checkpointEvery < 0) {
      throw new UsageException(
          "--checkpoint-every must be an integer >= 0, got " + checkpointEvery);
    }
    long every = checkpointEvery == null ? CheckpointOptions.AUTO : checkpointEvery;
    if (resume == null) {
      return new CheckpointOptions(every, null, null);
    }
    Checkpoint c = Checkpoint.newest(resume, SparkContexts.hadoopConfiguration());
    if (c == null) {
      throw new UsageException("--resume " + resume + ": holds no complete checkpoint");
    }
    return new CheckpointOptions(every, c, resume);
  }

  /** --keep, --stop-at and --patience. */
  EarlyStopping stopping() {
    if (!keep.equals("last") && !keep.equals("best")) {
      throw new UsageException("--keep must be last or best, got '" + keep + "'");
    }
    if (stopAt != null && !(stopAt > 0 && stopAt <= 1)) {
      throw new UsageException("--stop-at must be an accuracy in (0, 1], got " + stopAt);
    }
    if (patience < 0) {
      throw new UsageException("--patience must be an integer >= 0, got " + patience);
    }
    return new EarlyStopping(keep.equals("best"), stopAt == null ? Double.NaN : stopAt, patience);
  }
}
