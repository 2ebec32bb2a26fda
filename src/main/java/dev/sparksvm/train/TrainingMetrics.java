package dev.sparksvm.train;

import dev.sparksvm.core.Precision;
import dev.sparksvm.optim.EarlyStopping;
import dev.sparksvm.options.LossKind;
import dev.sparksvm.options.UpdateOptions;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code metrics.json} says of a training run, under the keys users and tests read, in this
 * order ({@link #toMap}); the workspace adds what it says of every run's data and Spark.
 *
 * @param loss the data loss
 * @param accuracies of the W kept
 * @param outcome how the descent ended
 * @param steps how each step ran
 * @param speed what it cost
 * @param weightsSha256 SHA-256 of the W kept (its bytes in the model file's layout)
 * @param options every option that shaped W ({@link RunOptions#shaping})
 */
record TrainingMetrics(
    LossKind loss,
    Accuracies accuracies,
    Outcome outcome,
    Steps steps,
    Speed speed,
    String weightsSha256,
    Map<String, Object> options) {

  /**
   * {@code train_accuracy}, {@code val_accuracy} and {@code test_accuracy}.
   *
   * @param validation null without a validation split
   * @param test null without {@code --test}
   */
  record Accuracies(Double train, Double validation, Double test) {}

  /**
   * {@code final_loss}, {@code iterations} (steps taken, earlier processes included), {@code
   * stopped} and {@code kept_iteration}.
   */
  record Outcome(double finalLoss, long iterations, EarlyStopping.Reason stopped, long kept) {}

  /**
   * {@code batch}, {@code learning_rate}, {@code learning_rate_chosen_by}, {@code lr_decay}, {@code
   * reg}, {@code seed}, {@code aggregation_depth}, {@code precision}, {@code update} and, for the
   * momentum updates, {@code momentum}.
   */
  record Steps(
      int batch,
      double learningRate,
      String chosenBy,
      double lrDecay,
      double reg,
      long seed,
      int aggregationDepth,
      Precision precision,
      UpdateOptions update) {}

  /**
   * {@code seconds} (of training, validation excluded), {@code load_seconds}, {@code cached_bytes},
   * the BLAS of the driver and the executors, and the mean milliseconds of each phase of a step.
   *
   * @param trainImages images in the cached training set
   */
  record Speed(
      double seconds,
      double loadSeconds,
      long cachedBytes,
      long trainImages,
      String blas,
      String executorBlas,
      Map<String, Double> phaseMs,
      double bookkeepingMs) {}

  /** The keys and values of {@code metrics.json}, in their order. */
  Map<String, Object> toMap() {
    long n = outcome.iterations();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", "train");
    m.put("loss", loss.label());
    m.put("train_accuracy", accuracies.train());
    m.put("val_accuracy", accuracies.validation());
    m.put("test_accuracy", accuracies.test());
    m.put("final_loss", outcome.finalLoss());
    m.put("iterations", n);
    m.put("stopped", outcome.stopped().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    m.put("kept_iteration", outcome.kept());
    m.put("batch", steps.batch());
    m.put("learning_rate", steps.learningRate());
    m.put("learning_rate_chosen_by", steps.chosenBy());
    m.put("lr_decay", steps.lrDecay());
    m.put("reg", steps.reg());
    m.put("seed", steps.seed());
    m.put("aggregation_depth", steps.aggregationDepth());
    m.put("precision", steps.precision().label());
    m.put("update", steps.update().rule().label());
    if (steps.update().hasVelocity()) {
      m.put("momentum", steps.update().momentum());
    }
    m.put("seconds", speed.seconds());
    m.put("load_seconds", speed.loadSeconds());
    m.put("ms_per_iteration", 1000 * speed.seconds() / n);
    m.put("examples_per_second", n * (double) steps.batch() / speed.seconds());
    m.put("cached_bytes", speed.cachedBytes());
    m.put("cached_bytes_per_image", speed.cachedBytes() / (double) speed.trainImages());
    m.put("blas", speed.blas());
    m.put("executor_blas", speed.executorBlas());
    m.put("phase_ms_per_iteration", speed.phaseMs());
    m.put("bookkeeping_ms_per_iteration", speed.bookkeepingMs());
    m.put("weights_sha256", weightsSha256);
    m.put("options", options);
    return m;
  }
}
