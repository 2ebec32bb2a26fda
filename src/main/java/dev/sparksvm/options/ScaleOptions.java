package dev.sparksvm.options;

import static dev.sparksvm.options.UsageException.require;

import dev.sparksvm.core.Aggregation;
import dev.sparksvm.scaling.DataSetPrediction;
import dev.sparksvm.scaling.ScalingReport;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The options of a scaling sweep ({@code scale}). Build them from {@link #defaults()} with the
 * withers.
 *
 * @param data training data ({@code --data}, its format and labels; the default as in {@code
 *     train}) and the seed of W and the batches
 * @param spark master: local (local[E] for each E) or a cluster URL, null for spark-submit's, else
 *     local; and the event log (one application each)
 * @param output the output directory
 * @param timing strong scaling's global batches, and the untimed and timed steps per point
 * @param contextWarmup untimed steps when an application starts ({@code --context-warmup})
 * @param depth how the partitions' sums meet ({@code --aggregation-depth}; auto resolves at each
 *     partition count)
 * @param executors the executor sweep
 * @param dataAxis the data-size sweep instead of the executor sweep ({@code --images}), or null
 * @param refit what the fitted model predicts, and earlier sweeps to fit instead of measuring
 */
public record ScaleOptions(
    DataOptions data,
    SparkOptions spark,
    OutputOptions output,
    TimingOptions timing,
    int contextWarmup,
    AggregationDepth depth,
    ExecutorAxis executors,
    DataAxis dataAxis,
    Refit refit) {

  /** Whether {@code --vary} sweeps executors (one application each) or partition counts. */
  public enum Vary {
    /** One application per executor count, the data in as many partitions. */
    EXECUTORS,
    /** One application with the most executors, the data in each partition count. */
    PARTITIONS;

    /** The name on the command line. */
    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A larger model timed on the data: {@code classes} rows of W at global batch {@code batch}.
   *
   * @param classes C, >= 2
   * @param batch the global batch, >= 1
   */
  public record ModelSize(int classes, int batch) {
    public ModelSize {
      require(
          classes >= 2 && batch >= 1,
          "--models",
          "a list of CLASSESxBATCH with classes >= 2 and batch >= 1",
          classes + "x" + batch);
    }
  }

  /**
   * The executor sweep: strong scaling at {@link TimingOptions#batches}, weak scaling and larger
   * models, at each executor (or partition) count.
   *
   * @param counts executor counts (one application each), or partition counts with {@link
   *     Vary#PARTITIONS} ({@code --executors})
   * @param vary what varies ({@code --vary})
   * @param weakBatch weak scaling: batch per executor, 0 skips ({@code --weak-batch})
   * @param models larger models ({@code --models})
   */
  public record ExecutorAxis(
      List<Integer> counts, Vary vary, int weakBatch, List<ModelSize> models) {
    public ExecutorAxis {
      require(
          !counts.isEmpty() && counts.stream().allMatch(e -> e >= 1),
          "--executors",
          "a list of counts >= 1",
          counts);
      Objects.requireNonNull(vary, "vary");
      require(weakBatch >= 0, "--weak-batch", "an integer >= 0", weakBatch);
      counts = List.copyOf(counts);
      models = List.copyOf(models);
    }

    /** The most executors of the sweep. */
    public int most() {
      return counts.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }
  }

  /**
   * What the fitted models predict, and where the points come from when nothing is measured.
   *
   * @param predictions the executor counts, batches and classes of the predictions ({@code
   *     --predict-tasks}, {@code --predict-batches}, {@code --predict-classes})
   * @param fromCsv earlier scaling.csv and data-scaling.csv files (comma-separated) to fit and plot
   *     instead of measuring ({@code --from-csv}), or null
   * @param predictData a data set to predict training on from {@code fromCsv}'s fits ({@code
   *     --predict-data}), or null
   */
  public record Refit(
      ScalingReport predictions, String fromCsv, DataSetPrediction.Target predictData) {
    public Refit {
      require(
          !predictions.tasks().isEmpty() && predictions.tasks().stream().allMatch(t -> t >= 1),
          "--predict-tasks",
          "a list of counts >= 1",
          predictions.tasks());
      require(
          !predictions.batches().isEmpty() && predictions.batches().stream().allMatch(b -> b >= 1),
          "--predict-batches",
          "a list of sizes >= 1",
          predictions.batches());
      require(
          !predictions.classes().isEmpty() && predictions.classes().stream().allMatch(c -> c >= 2),
          "--predict-classes",
          "a list of counts >= 2",
          predictions.classes());
      require(
          predictData == null || fromCsv != null,
          "--predict-data " + (predictData == null ? "" : predictData.name()),
          "given with --from-csv (an executor sweep's scaling.csv and a data sweep's"
              + " data-scaling.csv): it predicts from earlier sweeps",
          "no --from-csv");
    }
  }

  public ScaleOptions {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(spark, "spark");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(timing, "timing");
    require(contextWarmup >= 0, "--context-warmup", "an integer >= 0", contextWarmup);
    Objects.requireNonNull(depth, "depth");
    Objects.requireNonNull(executors, "executors");
    Objects.requireNonNull(refit, "refit");
    require(
        dataAxis == null || refit.fromCsv() == null,
        "--images " + (dataAxis == null ? "" : dataAxis.images()),
        "left out with --from-csv, which refits without measuring: give one of them",
        "--from-csv " + refit.fromCsv());
    if (depth.auto() && dataAxis == null && refit.fromCsv() == null) {
      // The cost model fits one aggregation path: auto must choose the same at every count.
      List<Integer> depths = executors.counts().stream().map(depth::resolve).distinct().toList();
      require(
          depths.size() == 1,
          "--aggregation-depth 0",
          "one path at every count of --executors (auto is direct up to "
              + Aggregation.DIRECT_MAX_PARTITIONS
              + " partitions, a tree above); the cost model fits one: give 1 or 2",
          "--executors " + executors.counts());
    }
  }

  /** {@code scale}'s defaults, as its help lists them. */
  public static ScaleOptions defaults() {
    return new ScaleOptions(
        DataOptions.defaults(),
        SparkOptions.defaults(),
        OutputOptions.defaults(),
        new TimingOptions(List.of(256, 8192), 30, 10),
        150,
        AggregationDepth.of(2),
        new ExecutorAxis(
            List.of(1, 2),
            Vary.EXECUTORS,
            1024,
            List.of(new ModelSize(100, 256), new ModelSize(1000, 256), new ModelSize(100, 8192))),
        null,
        new Refit(
            new ScalingReport(
                List.of(1, 2, 8, 32, 128, 512), List.of(256, 8192), List.of(10, 1000)),
            null,
            null));
  }

  public ScaleOptions withData(DataOptions value) {
    return new ScaleOptions(
        value, spark, output, timing, contextWarmup, depth, executors, dataAxis, refit);
  }

  public ScaleOptions withSpark(SparkOptions value) {
    return new ScaleOptions(
        data, value, output, timing, contextWarmup, depth, executors, dataAxis, refit);
  }

  public ScaleOptions withOutput(OutputOptions value) {
    return new ScaleOptions(
        data, spark, value, timing, contextWarmup, depth, executors, dataAxis, refit);
  }

  public ScaleOptions withTiming(TimingOptions value) {
    return new ScaleOptions(
        data, spark, output, value, contextWarmup, depth, executors, dataAxis, refit);
  }

  public ScaleOptions withContextWarmup(int value) {
    return new ScaleOptions(data, spark, output, timing, value, depth, executors, dataAxis, refit);
  }

  public ScaleOptions withDepth(AggregationDepth value) {
    return new ScaleOptions(
        data, spark, output, timing, contextWarmup, value, executors, dataAxis, refit);
  }

  public ScaleOptions withExecutors(ExecutorAxis value) {
    return new ScaleOptions(
        data, spark, output, timing, contextWarmup, depth, value, dataAxis, refit);
  }

  /** The same options sweeping data sizes ({@code value} null: the executor sweep). */
  public ScaleOptions withDataAxis(DataAxis value) {
    return new ScaleOptions(
        data, spark, output, timing, contextWarmup, depth, executors, value, refit);
  }

  public ScaleOptions withRefit(Refit value) {
    return new ScaleOptions(
        data, spark, output, timing, contextWarmup, depth, executors, dataAxis, value);
  }
}
