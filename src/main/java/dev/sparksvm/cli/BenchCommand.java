package dev.sparksvm.cli;

import dev.sparksvm.measure.BenchRun;
import dev.sparksvm.options.TrainOptions;
import dev.sparksvm.options.UsageException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench}: milliseconds per training iteration, measured side by side in one run. */
@Command(
    name = "bench",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Milliseconds per training step (median of --iters timed steps) at each batch size, which"
            + " BLAS runs and how fast; with --compare mllib, next to MLlib, Spark's floor and the"
            + " kernel alone; local[2] unless --master.")
final class BenchCommand implements Callable<Integer> {
  @Option(
      names = "--data",
      paramLabel = "PATH",
      description = "Training data (default as in train).")
  String data;

  @Option(
      names = "--batches",
      paramLabel = "LIST",
      split = ",",
      defaultValue = "256,8192",
      description = "Global batch sizes (default ${DEFAULT-VALUE}).")
  List<Integer> batches;

  @Option(
      names = "--iters",
      paramLabel = "N",
      defaultValue = "300",
      description = "Timed steps per measurement (default ${DEFAULT-VALUE}).")
  int iterations;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      defaultValue = "200",
      description =
          "Untimed steps first: Spark's cost per job falls over its first ~100 jobs (default"
              + " ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--compare",
      paramLabel = "mllib",
      description =
          "Also time MLlib's runMiniBatchSGD, the floor of a step without arithmetic, and the"
              + " kernel without Spark, side by side on the same cached data.")
  String compare;

  @Option(
      names = "--models",
      paramLabel = "LIST",
      split = ",",
      description =
          "Also time K models trained side by side (as tune does) against one, at the first batch"
              + " size, e.g. 16.")
  List<Integer> models;

  @Option(
      names = "--precision",
      paramLabel = "LIST",
      split = ",",
      defaultValue = "double",
      description =
          "Arithmetic of the executors' GEMMs, as in train: double, float, or both "
              + "(double,float): each batch size and each --models row is timed in each "
              + "(default ${DEFAULT-VALUE}).")
  List<String> precisions;

  @Option(
      names = "--soak",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Instead, run N steps at the first batch size and print the driver's heap after a GC"
              + " every 1,000 steps.")
  long soak;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      description = "Partitions (default: Spark's parallelism).")
  Integer partitions;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "42",
      description = "Seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Also write DIR/metrics.json (DIR must be empty or new).")
  String out;

  @Option(
      names = "--overwrite",
      description = "Let --out hold earlier files; they are replaced " + "when this finishes.")
  boolean overwrite;

  @Option(
      names = "--aggregation-depth",
      paramLabel = "N",
      defaultValue = "0",
      description = "As in train (default ${DEFAULT-VALUE}: chosen from the partition count).")
  int depth;

  @Mixin Mixins.Spark spark;

  @Override
  public Integer call() {
    if (compare != null && !compare.equals("mllib")) {
      throw new UsageException("--compare must be mllib, got '" + compare + "'");
    }
    BenchRun.run(
        new BenchRun.Options(
            data,
            batches,
            iterations,
            warmup,
            Mixins.partitions(partitions),
            spark.options(),
            out,
            seed,
            depth,
            overwrite,
            compare != null,
            models == null ? List.of() : models,
            soak,
            precisions.stream().map(TrainOptions::precision).distinct().toList()));
    return 0;
  }
}
