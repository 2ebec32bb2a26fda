package dev.sparksvm.cli;

import dev.sparksvm.run.BenchRun;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench}: milliseconds per training iteration, measured side by side in one run. */
@Command(name = "bench", sortOptions = false, mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Milliseconds per iteration of the SVM trainer (median of --iters timed "
        + "iterations) at each batch size, and the cached bytes; local[2] unless --master.")
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--data", paramLabel = "PATH", description = "Training data (default as in train).")
  String data;

  @Option(names = "--batches", paramLabel = "LIST", split = ",", defaultValue = "256,8192",
      description = "Global batch sizes (default ${DEFAULT-VALUE}).")
  List<Integer> batches;

  @Option(names = "--iters", paramLabel = "N", defaultValue = "30",
      description = "Timed iterations per batch size (default ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--warmup", paramLabel = "N", defaultValue = "5",
      description = "Untimed iterations first (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--partitions", paramLabel = "N",
      description = "Partitions (default: Spark's parallelism).")
  Integer partitions;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
      description = "Seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Also write DIR/metrics.json (DIR must be empty or new).")
  String out;

  @Option(names = "--overwrite", description = "Let --out hold earlier files; they are replaced "
      + "when this finishes.")
  boolean overwrite;

  @Option(names = "--aggregation-depth", paramLabel = "N", defaultValue = "0",
      description = "As in train (default ${DEFAULT-VALUE}: chosen from the partition count).")
  int depth;

  @Mixin
  Mixins.Spark spark;

  @Override
  public Integer call() {
    BenchRun.run(new BenchRun.Options(data, batches, iterations, warmup,
        Mixins.partitions(partitions), spark.master, out, seed, depth, overwrite));
    return 0;
  }
}
