package dev.sparksvm.session;

import dev.sparksvm.core.Weights;
import dev.sparksvm.input.RecordSelection;
import dev.sparksvm.options.Inputs;
import dev.sparksvm.spark.DistributedAccuracy;
import dev.sparksvm.spark.ImageData;
import dev.sparksvm.spark.ImageLoader;
import dev.sparksvm.spark.TrainingSet;

/**
 * The accuracy of a W on each of a {@link Workspace}'s image sets: the cached training and
 * validation images, and the {@code --test} images, loaded for the measurement and released after
 * it. Every image is centred with the training mean; each measurement is a Spark job described in
 * the UI under the run's command.
 */
final class Accuracies {
  private final Session<Inputs> session;
  private final TrainingSet set;
  private final int partitions;

  /** On {@code set}; the test images, when there are any, in {@code partitions} partitions. */
  Accuracies(Session<Inputs> session, TrainingSet set, int partitions) {
    this.session = session;
    this.set = set;
    this.partitions = partitions;
  }

  /** Accuracy of W on the training images. */
  double train(Weights w) {
    session.describe(session.command() + ": training accuracy");
    return DistributedAccuracy.of(session.sc(), set.train(), w, set.mean());
  }

  /** Accuracy of W on the validation images; null when none are held out. */
  Double validation(Weights w) {
    session.describe(session.command() + ": validation accuracy");
    return set.validation().count() == 0
        ? null
        : DistributedAccuracy.of(session.sc(), set.validation(), w, set.mean());
  }

  /** Accuracy on {@code --test}, or null without it. */
  Double test(Weights w) {
    Inputs inputs = session.inputs();
    if (inputs.test() == null) {
      return null;
    }
    session.describe(session.command() + ": load the test images");
    ImageData test =
        ImageLoader.load(
            session.sc(), inputs.test(), RecordSelection.all(), partitions, "test images");
    try {
      session.describe(session.command() + ": test accuracy");
      return DistributedAccuracy.of(session.sc(), test, w, set.mean());
    } finally {
      test.unpersist();
    }
  }
}
