package dev.sparksvm.cli;

import dev.sparksvm.measure.ScaleRun;
import dev.sparksvm.options.Comparison;
import dev.sparksvm.options.DataAxis;
import dev.sparksvm.options.DataLocation;
import dev.sparksvm.options.OutputOptions;
import dev.sparksvm.options.ScaleOptions;
import dev.sparksvm.options.TimingOptions;
import dev.sparksvm.options.UsageException;
import dev.sparksvm.scaling.DataSetPrediction;
import dev.sparksvm.scaling.ScalingReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code scale}: strong and weak scaling of a training iteration and a fitted cost model; with
 * {@code --images}, the data-size axis against MLlib; with {@code --predict-data}, a data set
 * predicted.
 */
@Command(
    name = "scale",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Strong and weak scaling of a training iteration, a fitted cost model, CSV and PNG charts"
            + " (scaling.csv, cost-model-ENV.json, predictions-ENV.csv, *.png). With --images:"
            + " load, memory and step time against the training-set size, ours and MLlib's"
            + " (data-scaling.csv, data-scaling.png, partitions.png, data-model-ENV.json).")
final class ScaleCommand implements Callable<Integer> {
  @Mixin Mixins.Spark spark;

  @Option(
      names = "--executors",
      paramLabel = "LIST",
      defaultValue = "1,2",
      description =
          "Executor counts, e.g. 1,2 or 1..4 (local[E], or spark.cores.max = E executors of one"
              + " core) (default ${DEFAULT-VALUE}).")
  String executors;

  @Option(
      names = "--vary",
      paramLabel = "executors|partitions",
      defaultValue = "executors",
      description =
          "One application per executor count, or one with the most executors and the "
              + "training set in each partition count (default ${DEFAULT-VALUE}).")
  ScaleOptions.Vary vary;

  @Option(
      names = "--batches",
      paramLabel = "LIST",
      defaultValue = "256,8192",
      description = "Strong scaling: global batches (default ${DEFAULT-VALUE}).")
  String batches;

  @Option(
      names = "--weak-batch",
      paramLabel = "N",
      defaultValue = "1024",
      description = "Weak scaling: batch per executor; 0 skips (default ${DEFAULT-VALUE}).")
  int weakBatch;

  @Option(
      names = "--models",
      paramLabel = "LIST",
      defaultValue = "100x256,1000x256,100x8192",
      description = "Larger models as CLASSESxBATCH, or none (default ${DEFAULT-VALUE}).")
  String models;

  @Option(
      names = "--iters",
      paramLabel = "N",
      defaultValue = "30",
      description = "Timed iterations per point (default ${DEFAULT-VALUE}).")
  int iterations;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      defaultValue = "10",
      description = "Untimed iterations per point first (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--context-warmup",
      paramLabel = "N",
      defaultValue = "150",
      description =
          "Untimed"
              + " iterations at batch 256 when an application starts (default ${DEFAULT-VALUE}).")
  int contextWarmup;

  @Mixin Mixins.Data data;
  @Mixin DescentMixins.Depth depth;
  @Mixin Mixins.Seed seed;

  @Option(
      names = "--predict-tasks",
      paramLabel = "LIST",
      defaultValue = "1,2,8,32,128,512",
      description = "Executor counts of the predictions (default ${DEFAULT-VALUE}).")
  String predictTasks;

  @Option(
      names = "--predict-batches",
      paramLabel = "LIST",
      defaultValue = "256,8192",
      description = "Global batches of the predictions (default ${DEFAULT-VALUE}).")
  String predictBatches;

  @Option(
      names = "--predict-classes",
      paramLabel = "LIST",
      defaultValue = "10,1000",
      description = "Classes of the predictions (default ${DEFAULT-VALUE}).")
  String predictClasses;

  @Option(
      names = "--images",
      paramLabel = "LIST",
      description =
          "Instead, the data-size sweep: these training-set sizes (e.g. 50000,250000,1000000), each"
              + " the first N images of --data or of a synthetic set generated once into --work, in"
              + " one application on --master (default local[2] outside spark-submit).")
  String images;

  @Option(
      names = "--partitions-list",
      paramLabel = "LIST",
      description =
          "With --images: the training set cached in each of these partition counts (default:"
              + " Spark's parallelism).")
  String partitionsList;

  @Option(
      names = "--paths",
      paramLabel = "LIST",
      split = ",",
      defaultValue = "auto",
      description =
          "With --images: aggregation paths to time, of ${COMPLETION-CANDIDATES} (auto: as train"
              + " chooses) (default ${DEFAULT-VALUE}).")
  List<DataAxis.Path> paths;

  @Option(
      names = "--work",
      paramLabel = "DIR",
      description =
          "With --images and no --data: where the synthetic set is generated and kept for the next"
              + " run (default work/scale-data under the project root; on a cluster, a shared file"
              + " system such as hdfs://...).")
  String work;

  @Option(
      names = "--compare",
      paramLabel = "mllib|none",
      defaultValue = "mllib",
      description =
          "With --images: also time MLlib's runMiniBatchSGD on the same cached data, when its"
              + " examples fit in storage memory (default ${DEFAULT-VALUE}).")
  Comparison compare;

  @Option(
      names = "--from-csv",
      paramLabel = "PATHS",
      description =
          "Measure nothing: fit and plot the points of earlier scaling.csv and data-scaling.csv"
              + " files (comma-separated), one model per environment.")
  String fromCsv;

  @Option(
      names = "--predict-data",
      paramLabel = "imagenet32|NxCxPIXELS",
      description =
          "With --from-csv of an executor sweep and a data sweep: predict load, memory and step"
              + " time of this data set on --predict-tasks executors (imagenet32: 1,281,167 images,"
              + " 1000 classes, 32x32x3).")
  String predictData;

  @Mixin Mixins.Output output;

  @Override
  public Integer call() {
    ScaleRun.run(options());
    return 0;
  }

  ScaleOptions options() {
    ScaleOptions defaults = ScaleOptions.defaults();
    OutputOptions out = output.options();
    return defaults
        .withSpark(spark.options())
        .withData(seed.into(data.into(defaults.data())))
        .withOutput(out.withDir(out.dirOrDefault("scale")))
        .withTiming(new TimingOptions(list("--batches", batches), iterations, warmup))
        .withContextWarmup(contextWarmup)
        .withDepth(depth.or(defaults.depth()))
        .withRefit(
            new ScaleOptions.Refit(
                new ScalingReport(
                    list("--predict-tasks", predictTasks),
                    list("--predict-batches", predictBatches),
                    list("--predict-classes", predictClasses)),
                fromCsv,
                target()))
        .withDataAxis(dataAxis())
        .withExecutors(
            new ScaleOptions.ExecutorAxis(
                list("--executors", executors), vary, weakBatch, models(models)));
  }

  /** The data-size sweep's options, or null without --images. */
  private DataAxis dataAxis() {
    if (images == null) {
      return null;
    }
    return DataAxis.of(
            list("--images", images),
            work != null
                ? work
                : DataLocation.projectRoot().resolve("work").resolve("scale-data").toString())
        .withPartitions(
            partitionsList == null ? List.of() : list("--partitions-list", partitionsList))
        .withPaths(paths)
        .withCompare(compare);
  }

  /** The data set of --predict-data, or null. */
  private DataSetPrediction.Target target() {
    try {
      return predictData == null ? null : DataSetPrediction.Target.parse(predictData);
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "--predict-data must be imagenet32 or IMAGESxCLASSESxPIXELS (e.g. "
              + "1281167x1000x3072), got '"
              + predictData
              + "'");
    }
  }

  /** "100x256,1000x256" or "none". */
  static List<ScaleOptions.ModelSize> models(String v) {
    if (v.trim().equals("none") || v.isBlank()) {
      return List.of();
    }
    List<ScaleOptions.ModelSize> out = new ArrayList<>();
    for (String m : v.split(",", -1)) {
      String[] f = m.trim().split("x", -1);
      try {
        if (f.length != 2) {
          throw new NumberFormatException();
        }
        out.add(new ScaleOptions.ModelSize(Integer.parseInt(f[0]), Integer.parseInt(f[1])));
      } catch (NumberFormatException e) {
        throw new UsageException(
            "--models must list CLASSESxBATCH, e.g. 1000x256, got '" + m.trim() + "'");
      }
    }
    return out;
  }

  /** "1,2,8", "1..4" or "none". */
  static List<Integer> list(String name, String value) {
    String v = value.trim();
    if (v.equals("none") || v.isEmpty()) {
      return List.of();
    }
    try {
      if (v.matches("\\d+\\.\\.\\d+")) {
        String[] ends = v.split("\\.\\.", -1);
        int from = Integer.parseInt(ends[0]);
        int to = Integer.parseInt(ends[1]);
        if (to < from || to - from > 4096) {
          throw new NumberFormatException();
        }
        List<Integer> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
          out.add(i);
        }
        return out;
      }
      return Arrays.stream(v.split(",")).map(String::trim).map(Integer::valueOf).toList();
    } catch (NumberFormatException e) {
      throw new UsageException(
          name + " must be a comma-separated list of integers or FROM..TO, got '" + v + "'");
    }
  }
}
