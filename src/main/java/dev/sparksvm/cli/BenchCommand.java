package dev.sparksvm.cli;

import dev.sparksvm.core.Precision;
import dev.sparksvm.measure.BenchRun;
import dev.sparksvm.options.BenchOptions;
import dev.sparksvm.options.Comparison;
import dev.sparksvm.options.TimingOptions;
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
  @Mixin Mixins.Data data;

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
      paramLabel = "mllib|none",
      defaultValue = "none",
      description =
          "mllib: also time MLlib's runMiniBatchSGD, the floor of a step without arithmetic, and"
              + " the kernel without Spark, side by side on the same cached data (default"
              + " ${DEFAULT-VALUE}).")
  Comparison compare;

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
          "Arithmetic of the executors' GEMMs, as in train: ${COMPLETION-CANDIDATES}, or both"
              + " (double,float): each batch size and each --models row is timed in each (default"
              + " ${DEFAULT-VALUE}).")
  List<Precision> precisions;

  @Option(
      names = "--soak",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Instead, run N steps at the first batch size and print the driver's heap after a GC"
              + " every 1,000 steps.")
  long soak;

  @Mixin Mixins.Partitions partitions;
  @Mixin Mixins.Seed seed;
  @Mixin DescentMixins.Depth depth;
  @Mixin Mixins.MetricsOutput output;
  @Mixin Mixins.Spark spark;

  @Override
  public Integer call() {
    BenchRun.run(options());
    return 0;
  }

  BenchOptions options() {
    BenchOptions defaults = BenchOptions.defaults();
    return defaults
        .withData(seed.into(partitions.into(data.into(defaults.data()))))
        .withTiming(new TimingOptions(batches, iterations, warmup))
        .withPrecisions(precisions)
        .withDepth(depth.or(defaults.depth()))
        .withModels(models == null ? List.of() : models)
        .withCompare(compare)
        .withSoak(soak)
        .withOutput(output.options())
        .withSpark(spark.options());
  }
}
