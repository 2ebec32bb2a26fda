package dev.sparksvm.cli;

import dev.sparksvm.run.LossOptions;
import dev.sparksvm.run.TrainOptions;
import dev.sparksvm.run.TrainingRun;
import dev.sparksvm.run.Workspace;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code train}: fit a linear classifier with distributed mini-batch gradient descent. */
@Command(name = "train", sortOptions = false, mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Fit a linear SVM or softmax classifier with distributed mini-batch gradient "
        + "descent; writes model.bin, history.csv, metrics.json, loss.png and templates.png.")
final class TrainCommand implements Callable<Integer> {
  @Mixin
  Mixins.Experiment experiment;

  @Option(names = "--batch", paramLabel = "N", defaultValue = "256", description = "Global "
      + "mini-batch (default ${DEFAULT-VALUE}; the training-set size gives full-batch descent, 1 SGD).")
  int batch;

  @Option(names = "--iters", paramLabel = "N", defaultValue = "1500",
      description = "Iterations (default ${DEFAULT-VALUE}).")
  long iterations;

  @Option(names = "--lr", paramLabel = "X",
      description = "Initial learning rate (default 1e-7 for svm, 1e-6 for softmax).")
  Double learningRate;

  @Option(names = "--lr-decay", paramLabel = "X", defaultValue = "0.95",
      description = "Learning-rate factor per epoch, in (0, 1] (default ${DEFAULT-VALUE}).")
  double lrDecay;

  @Option(names = "--init-scale", paramLabel = "X", defaultValue = "1e-3",
      description = "Standard deviation of the initial W (default ${DEFAULT-VALUE}).")
  double initScale;

  @Option(names = "--eval-every", paramLabel = "N", defaultValue = "100", description =
      "Validation accuracy every N iterations; 0: at the end only (default ${DEFAULT-VALUE}).")
  int evalEvery;

  @Option(names = "--print-every", paramLabel = "N", defaultValue = "50",
      description = "A progress line every N iterations (and every 5 s) (default ${DEFAULT-VALUE}).")
  int printEvery;

  @Option(names = "--aggregation-depth", paramLabel = "N", defaultValue = "0",
      description = "How the partitions' sums meet: 1 straight to the driver, 2 or more a "
          + "treeAggregate of that depth, 0 chosen from the partition count (default ${DEFAULT-VALUE}).")
  int aggregationDepth;


  @Override
  public Integer call() {
    LossOptions lossOptions = experiment.loss.options();
    TrainOptions options = trainOptions(lossOptions);
    try (Workspace ws = experiment.open("train")) {
      TrainingRun.run(ws, lossOptions, options);
    }
    return 0;
  }

  /** The optimizer's options; the default learning rate depends on the loss. */
  TrainOptions trainOptions(LossOptions lossOptions) {
    return new TrainOptions(batch, iterations,
        learningRate != null ? learningRate : TrainOptions.defaultLearningRate(lossOptions.loss()),
        lrDecay, initScale, evalEvery, printEvery, aggregationDepth);
  }
}
