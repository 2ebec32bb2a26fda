package dev.sparksvm.options;

import static dev.sparksvm.options.UsageException.require;

import dev.sparksvm.core.Precision;
import java.util.List;
import java.util.Objects;

/**
 * The options of {@code bench}. Build them from {@link #defaults()} with the withers.
 *
 * @param data the training data, its partitions and the seed of W and the batches (nothing is held
 *     out)
 * @param spark master (local[2] unless spark-submit or {@code --master} names one) and event log
 * @param output where {@code metrics.json} goes, if anywhere
 * @param timing the batch sizes, and the untimed and timed steps at each
 * @param precisions the precisions each step is timed in ({@code --precision}; the first is the
 *     reference of the comparisons)
 * @param depth how the partitions' sums meet ({@code --aggregation-depth})
 * @param models K for the stacked-models rows, at the first batch size ({@code --models})
 * @param compare also time MLlib, the Spark floor and the in-process kernel ({@code --compare})
 * @param soak steps of a soak run instead ({@code --soak}; 0: none): the driver's heap after a GC
 *     every 1,000
 */
public record BenchOptions(
    DataOptions data,
    SparkOptions spark,
    OutputOptions output,
    TimingOptions timing,
    List<Precision> precisions,
    AggregationDepth depth,
    List<Integer> models,
    Comparison compare,
    long soak) {
  /** The master when neither {@code --master} nor spark-submit names one. */
  public static final String DEFAULT_MASTER = "local[2]";

  public BenchOptions {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(spark, "spark");
    Objects.requireNonNull(output, "output");
    require(
        !timing.batches().isEmpty(),
        "--batches",
        "a comma-separated list of integers >= 1",
        "none");
    require(!precisions.isEmpty(), "--precision", "double, float or both", precisions);
    Objects.requireNonNull(depth, "depth");
    require(
        models.stream().allMatch(k -> k >= 1 && k <= 256),
        "--models",
        "a comma-separated list of counts in 1..256",
        models);
    Objects.requireNonNull(compare, "compare");
    require(soak >= 0, "--soak", "an integer >= 0", soak);
    precisions = precisions.stream().distinct().toList();
    models = List.copyOf(models);
  }

  /** Batches 256 and 8192, 200 untimed and 300 timed steps each, in double, ours alone. */
  public static BenchOptions defaults() {
    return new BenchOptions(
        DataOptions.defaults().withValidation(0),
        SparkOptions.defaults(),
        OutputOptions.defaults(),
        new TimingOptions(List.of(256, 8192), 300, 200),
        List.of(Precision.DOUBLE),
        AggregationDepth.AUTO,
        List.of(),
        Comparison.NONE,
        0);
  }

  /** The same options on {@code value}, of which nothing is held out. */
  public BenchOptions withData(DataOptions value) {
    return new BenchOptions(
        value.withValidation(0), spark, output, timing, precisions, depth, models, compare, soak);
  }

  public BenchOptions withSpark(SparkOptions value) {
    return new BenchOptions(data, value, output, timing, precisions, depth, models, compare, soak);
  }

  public BenchOptions withOutput(OutputOptions value) {
    return new BenchOptions(data, spark, value, timing, precisions, depth, models, compare, soak);
  }

  public BenchOptions withTiming(TimingOptions value) {
    return new BenchOptions(data, spark, output, value, precisions, depth, models, compare, soak);
  }

  public BenchOptions withPrecisions(List<Precision> value) {
    return new BenchOptions(data, spark, output, timing, value, depth, models, compare, soak);
  }

  public BenchOptions withDepth(AggregationDepth value) {
    return new BenchOptions(data, spark, output, timing, precisions, value, models, compare, soak);
  }

  public BenchOptions withModels(List<Integer> value) {
    return new BenchOptions(data, spark, output, timing, precisions, depth, value, compare, soak);
  }

  public BenchOptions withCompare(Comparison value) {
    return new BenchOptions(data, spark, output, timing, precisions, depth, models, value, soak);
  }

  public BenchOptions withSoak(long value) {
    return new BenchOptions(data, spark, output, timing, precisions, depth, models, compare, value);
  }
}
