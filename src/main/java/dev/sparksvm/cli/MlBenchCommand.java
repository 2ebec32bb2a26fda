package dev.sparksvm.cli;

import dev.sparksvm.measure.MlBench;
import dev.sparksvm.options.UsageException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ml-bench}: the spark.ml estimator against spark.ml's own, on CIFAR-10 as a DataFrame. */
@Command(
    name = "ml-bench",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "The spark.ml face measured on CIFAR-10 as a DataFrame (through Parquet): LinearClassifier"
            + " svm/softmax against LogisticRegression and OneVsRest(LinearSVC) (fit time, test"
            + " accuracy, cached bytes per row, peak heap); a grid through fitMultiple against one"
            + " fit per point; the DataFrame path's step against the image path's.")
final class MlBenchCommand implements Callable<Integer> {
  @Option(
      names = "--data",
      paramLabel = "PATH",
      description =
          "Training data, in any format train reads (default as in train); a directory's test"
              + " files are the test images.")
  String data;

  @Option(
      names = "--test",
      paramLabel = "PATH",
      description =
          "Test images, never ones it trains on (default: a --data directory's test files;"
              + " without them, or for a glob or a file, the data's last 10,000 images, or a"
              + " fifth when fewer, left out of training).")
  String test;

  @Option(
      names = "--images",
      paramLabel = "N",
      defaultValue = "0",
      description = "Use the first N training images (default all).")
  long images;

  @Option(
      names = "--test-images",
      paramLabel = "N",
      defaultValue = "0",
      description = "Score on the first N test images (default all).")
  long testImages;

  @Option(
      names = "--parts",
      paramLabel = "LIST",
      split = ",",
      defaultValue = "fits,grid,steps",
      description =
          "Which comparisons (default ${DEFAULT-VALUE}); tune: the grid through fitMultiple"
              + " only, each point's test accuracy (for choosing defaults).")
  List<String> parts;

  @Option(
      names = "--baselines",
      paramLabel = "LIST",
      split = ",",
      defaultValue = "lr,ovr",
      description =
          "spark.ml estimators to compare with: lr, ovr, none (default ${DEFAULT-VALUE}).")
  List<String> baselines;

  @Option(
      names = "--iters",
      paramLabel = "N",
      defaultValue = "0",
      description = "LinearClassifier's maxIter in the fits (default: its own default).")
  int iterations;

  @Option(
      names = "--grid-loss",
      paramLabel = "svm|softmax",
      description = "The grid's loss (default: the estimator's default).")
  String gridLoss;

  @Option(
      names = "--grid-iters",
      paramLabel = "N",
      defaultValue = "0",
      description = "maxIter of the grid's models (default: the estimator's default).")
  int gridIterations;

  @Option(
      names = "--grid-steps",
      paramLabel = "LIST",
      split = ",",
      defaultValue = "0.003,0.01,0.03,0.1",
      description = "The grid's step sizes (default ${DEFAULT-VALUE}).")
  double[] stepSizes;

  @Option(
      names = "--grid-regs",
      paramLabel = "LIST",
      split = ",",
      defaultValue = "0,0.001,0.01,0.1",
      description = "The grid's regParams (default ${DEFAULT-VALUE}).")
  double[] regParams;

  @Option(
      names = "--batches",
      paramLabel = "LIST",
      split = ",",
      defaultValue = "256,8192",
      description = "Batch sizes of the step comparison (default ${DEFAULT-VALUE}).")
  List<Integer> batches;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      defaultValue = "100",
      description = "Untimed steps before each step timing (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--timed",
      paramLabel = "N",
      defaultValue = "100",
      description = "Timed steps of each step timing (default ${DEFAULT-VALUE}).")
  int timed;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      description = "Partitions of the images (default: Spark's parallelism).")
  Integer partitions;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "42",
      description = "Seed of the step timings (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--work",
      paramLabel = "DIR",
      defaultValue = "target/ml-bench",
      description =
          "Where the Parquet copies go, any Hadoop file system (default ${DEFAULT-VALUE}).")
  String work;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Also write DIR/metrics.json (DIR must be empty or new).")
  String out;

  @Option(
      names = "--overwrite",
      description = "Let --out hold earlier files; they are replaced when this finishes.")
  boolean overwrite;

  @Mixin Mixins.Spark spark;

  @Override
  public Integer call() {
    MlBench.run(
        new MlBench.Options(
            data,
            test,
            images,
            testImages,
            iterations,
            gridLoss,
            gridIterations,
            stepSizes,
            regParams,
            new LinkedHashSet<>(parts),
            new LinkedHashSet<>(baselines.stream().filter(b -> !b.equals("none")).toList()),
            batches,
            warmup,
            timed,
            partitions(partitions),
            seed,
            work,
            spark.options(),
            out,
            overwrite));
    return 0;
  }

  /** {@code --partitions} as MlBench takes it: 0 for Spark's parallelism. */
  private static int partitions(Integer given) {
    if (given != null && given < 1) {
      throw new UsageException("--partitions must be an integer >= 1, got " + given);
    }
    return given == null ? 0 : given;
  }
}
