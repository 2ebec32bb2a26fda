package dev.sparksvm.ml;

import dev.sparksvm.spark.SparkContexts;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.SparkConf;

/**
 * What a user's own Spark session costs models trained side by side, and the two settings that
 * remove it. Every step of K stacked models broadcasts their K x C x D weights and gets K x C x D
 * gradient sums back from each task. With Spark's defaults the sums of five or more double CIFAR-10
 * models exceed {@code spark.task.maxDirectResultSize} (1 MB), nine float ones, so each task's
 * result is parked in the block manager and fetched in a second round trip, and {@code
 * spark.broadcast.compress} runs LZ4 over random floats it cannot shrink. The command line's own
 * contexts set both ({@code spark/SparkContexts}); a library cannot change a running context's, so
 * it says so once a fit.
 */
final class StackedTransferAdvice {
  /** Spark's default for {@code spark.task.maxDirectResultSize}. */
  private static final String SPARK_DEFAULT_DIRECT = "1m";

  private StackedTransferAdvice() {}

  /**
   * One line for the log when {@code conf} makes the transfers of {@code models} stacked models of
   * {@code classes} x {@code features} (bias included) slower than they need be, else empty.
   *
   * @param bytesPerSum 4 when the fit's precision is float (its sums travel as floats), else 8
   */
  static Optional<String> advice(
      SparkConf conf, int models, int classes, long features, int bytesPerSum) {
    if (models < 2) {
      return Optional.empty();
    }
    long sumBytes = (long) bytesPerSum * models * classes * features;
    long direct = conf.getSizeAsBytes("spark.task.maxDirectResultSize", SPARK_DEFAULT_DIRECT);
    boolean indirect = sumBytes > direct;
    boolean compressed = conf.getBoolean("spark.broadcast.compress", true);
    if (!indirect && !compressed) {
      return Optional.empty();
    }
    StringBuilder why = new StringBuilder();
    if (indirect) {
      why.append(
          String.format(
              Locale.ROOT,
              "the %d models' gradient sums (at least %.1f MB a task) exceed"
                  + " spark.task.maxDirectResultSize (%.1f MB), so every task's result takes a"
                  + " second round trip through the block manager",
              models,
              sumBytes / 1e6,
              direct / 1e6));
    }
    if (compressed) {
      why.append(indirect ? ", and " : "")
          .append("spark.broadcast.compress compresses the stacked weights, which do not shrink");
    }
    return Optional.of(
        "LinearClassifier: "
            + why
            + ": set spark.task.maxDirectResultSize="
            + (SparkContexts.DIRECT_RESULT_BYTES >> 20)
            + "m and spark.broadcast.compress=false in the session's configuration for a faster"
            + " step (about a tenth off a step of 16 CIFAR-10 models; README, Spark ML)");
  }
}
