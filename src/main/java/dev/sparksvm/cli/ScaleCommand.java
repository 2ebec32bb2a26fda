package dev.sparksvm.cli;

import dev.sparksvm.run.ScaleOptions;
import dev.sparksvm.run.ScaleRun;
import dev.sparksvm.run.UsageException;
import dev.sparksvm.scaling.ScalingReport;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code scale}: strong and weak scaling of a training iteration and a fitted cost model. */
@Command(name = "scale", sortOptions = false, mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Strong and weak scaling of a training iteration, a fitted cost model, CSV and PNG "
        + "charts (scaling.csv, cost-model-ENV.json, predictions-ENV.csv, *.png).")
final class ScaleCommand implements Callable<Integer> {
  @Mixin
  Mixins.Spark spark;

  @Option(names = "--executors", paramLabel = "LIST", defaultValue = "1,2", description =
      "Executor counts, e.g. 1,2 or 1..4 (local[E], or spark.cores.max = E executors of one core) "
          + "(default ${DEFAULT-VALUE}).")
  String executors;

  @Option(names = "--vary", paramLabel = "executors|partitions", defaultValue = "executors",
      description = "One application per executor count, or one with the most executors and the "
          + "training set in each partition count (default ${DEFAULT-VALUE}).")
  String vary;

  @Option(names = "--batches", paramLabel = "LIST", defaultValue = "256,8192",
      description = "Strong scaling: global batches (default ${DEFAULT-VALUE}).")
  String batches;

  @Option(names = "--weak-batch", paramLabel = "N", defaultValue = "1024",
      description = "Weak scaling: batch per executor; 0 skips (default ${DEFAULT-VALUE}).")
  int weakBatch;

  @Option(names = "--models", paramLabel = "LIST", defaultValue = "100x256,1000x256,100x8192",
      description = "Larger models as CLASSESxBATCH, or none (default ${DEFAULT-VALUE}).")
  String models;

  @Option(names = "--iters", paramLabel = "N", defaultValue = "30",
      description = "Timed iterations per point (default ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--warmup", paramLabel = "N", defaultValue = "10",
      description = "Untimed iterations per point first (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--context-warmup", paramLabel = "N", defaultValue = "150", description = "Untimed"
      + " iterations at batch 256 when an application starts (default ${DEFAULT-VALUE}).")
  int contextWarmup;

  @Option(names = "--data", paramLabel = "PATH", description = "Training data (default as in train).")
  String data;

  @Option(names = "--aggregation-depth", paramLabel = "N", defaultValue = "2",
      description = "treeAggregate depth (default ${DEFAULT-VALUE}).")
  int depth;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
      description = "Seed of W and the batches (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--predict-tasks", paramLabel = "LIST", defaultValue = "1,2,8,32,128,512",
      description = "Executor counts of the predictions (default ${DEFAULT-VALUE}).")
  String predictTasks;

  @Option(names = "--predict-batches", paramLabel = "LIST", defaultValue = "256,8192",
      description = "Global batches of the predictions (default ${DEFAULT-VALUE}).")
  String predictBatches;

  @Option(names = "--predict-classes", paramLabel = "LIST", defaultValue = "10,1000",
      description = "Classes of the predictions (default ${DEFAULT-VALUE}).")
  String predictClasses;

  @Option(names = "--from-csv", paramLabel = "PATHS", description = "Measure nothing: fit and plot "
      + "the points of earlier scaling.csv files (comma-separated), one model per environment.")
  String fromCsv;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Output directory, empty or new (default runs/scale-TIMESTAMP).")
  String out;

  @Option(names = "--overwrite", description = "Let --out hold an earlier sweep; its files are "
      + "replaced when this one finishes.")
  boolean overwrite;

  @Override
  public Integer call() {
    if (!vary.equals("executors") && !vary.equals("partitions")) {
      throw new UsageException("--vary must be executors or partitions, got '" + vary + "'");
    }
    String dir = out != null ? out : "runs/scale-"
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    ScaleRun.run(new ScaleOptions(spark.options(), list("--executors", executors),
        vary.equals("partitions"), list("--batches", batches), weakBatch, models(models),
        iterations, warmup, contextWarmup, data, depth, seed,
        new ScalingReport(list("--predict-tasks", predictTasks),
            list("--predict-batches", predictBatches), list("--predict-classes", predictClasses)),
        fromCsv, dir, overwrite));
    return 0;
  }

  /** "100x256,1000x256" or "none". */
  static List<int[]> models(String v) {
    if (v.trim().equals("none") || v.isBlank()) {
      return List.of();
    }
    List<int[]> out = new ArrayList<>();
    for (String m : v.split(",")) {
      String[] f = m.trim().split("x");
      try {
        if (f.length != 2) {
          throw new NumberFormatException();
        }
        out.add(new int[] {Integer.parseInt(f[0]), Integer.parseInt(f[1])});
      } catch (NumberFormatException e) {
        throw new UsageException("--models must list CLASSESxBATCH, e.g. 1000x256, got '"
            + m.trim() + "'");
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
        String[] ends = v.split("\\.\\.");
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
      throw new UsageException(name + " must be a comma-separated list of integers or FROM..TO, got '"
          + v + "'");
    }
  }
}
