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

  @Mixin
  Mixins.Descent descent;

  @Option(names = "--lr", paramLabel = "X",
      description = "Initial learning rate (default 1e-7 for svm, 1e-6 for softmax).")
  Double learningRate;

  @Override
  public Integer call() {
    LossOptions lossOptions = experiment.lossOptions();
    TrainOptions options = trainOptions(lossOptions);
    try (Workspace ws = experiment.open("train")) {
      TrainingRun.run(ws, lossOptions, options);
    }
    return 0;
  }

  /** The optimizer's options; the default learning rate depends on the loss. */
  TrainOptions trainOptions(LossOptions lossOptions) {
    return descent.options(learningRate != null ? learningRate
        : TrainOptions.defaultLearningRate(lossOptions.loss()));
  }
}
