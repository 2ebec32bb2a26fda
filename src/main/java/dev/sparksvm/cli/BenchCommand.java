package dev.sparksvm.cli;

import dev.sparksvm.core.L2Regularizer;
import dev.sparksvm.core.LinearBatch;
import dev.sparksvm.core.MulticlassHinge;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Cifar10;
import dev.sparksvm.core.Seeds;
import dev.sparksvm.io.OutputDirectory;
import dev.sparksvm.optim.MiniBatchGradient;
import dev.sparksvm.report.Json;
import dev.sparksvm.spark.CifarFiles;
import dev.sparksvm.spark.SparkContexts;
import dev.sparksvm.spark.SparkObjective;
import dev.sparksvm.spark.TrainingSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code bench}: milliseconds per training iteration (broadcast, distributed loss and gradient,
 * aggregation, update) at several batch sizes, measured side by side in one run, and the bytes the
 * cached training set takes. A benchmark that prints figures, not a timed test.
 */
public final class BenchCommand {
  private static final Set<String> VALUED = Set.of("data", "batches", "iters", "warmup",
      "partitions", "master", "out", "seed");

  private BenchCommand() {}

  static String usage() {
    return """
        bench: milliseconds per iteration of the SVM trainer, median of --iters timed iterations.
          --data PATH        training data (default as in train)
          --batches LIST     comma-separated global batch sizes (default 256,8192)
          --iters N          timed iterations per batch size (default 30)
          --warmup N         untimed iterations first (default 5)
          --partitions N     partitions (default: Spark's parallelism)
          --master URL       Spark master (default local[2])
          --out DIR          also write DIR/metrics.json
          --seed N           seed (default 42)
        """;
  }

  static int run(String[] argv) {
    Args args = Args.parse("bench", argv, 1, VALUED, Main.FLAGS);
    int iters = args.integer("iters", 30);
    int warmup = args.integer("warmup", 5);
    int partitionsOption = args.integer("partitions", 0);
    long seed = args.longValue("seed", 42);
    if (iters < 1 || warmup < 0 || (args.has("partitions") && partitionsOption < 1)) {
      throw new UsageException("bench: --iters and --partitions must be >= 1, --warmup >= 0");
    }
    int[] batches = parseBatches(args.string("batches", "256,8192"));
    DataLocation data = DataLocation.resolve(args.string("data", null), seed);
    CifarFiles files = CifarFiles.resolve(data.path(), SparkContexts.hadoopConfiguration(),
        Cifar10.TRAIN_PATTERN);
    String master = args.string("master", System.getProperty("spark.master") == null ? "local[2]" : null);
    try (JavaSparkContext sc = SparkContexts.open("sparksvm bench", master)) {
      int partitions = partitionsOption > 0 ? partitionsOption : sc.defaultParallelism();
      TrainingSet set = TrainingSet.load(sc, files, 0, partitions, seed);
      long images = set.train().count();
      List<Map<String, Object>> rows = new ArrayList<>();
      System.out.printf("master %s, %d partitions, BLAS %s, %d images (%s)%n", sc.master(), partitions,
          LinearBatch.blasName(), images, data.synthetic() ? "synthetic" : data.path());
      System.out.printf("cached training set: %d bytes = %.1f bytes per image (a record is %d)%n",
          set.train().cachedBytes(), set.train().cachedBytes() / (double) images, Cifar10.RECORD_BYTES);
      System.out.printf("%8s %12s %12s %12s %14s%n", "batch", "median_ms", "min_ms", "max_ms",
          "examples/s");
      for (int batch : batches) {
        if (batch > images) {
          throw new UsageException("bench: batch " + batch + " is larger than the data (" + images
              + " images)");
        }
        MiniBatchGradient math = new MiniBatchGradient(new MulticlassHinge(1), batch, seed,
            set.train().partitionSizes());
        Weights w = Weights.gaussian(Cifar10.CLASSES, Cifar10.FEATURES, 1e-3, Seeds.derive(seed, 7));
        double[] ms = new double[iters];
        try (SparkObjective objective = new SparkObjective(sc, set.train(), set.mean(), math,
            new L2Regularizer(2.5e4), 2)) {
          for (int t = 0; t < warmup + iters; t++) {
            long start = System.nanoTime();
            w.addScaled(-1e-7, objective.evaluate(w, t).gradient());
            if (t >= warmup) {
              ms[t - warmup] = (System.nanoTime() - start) / 1e6;
            }
          }
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double median = sorted[iters / 2];
        System.out.printf("%8d %12.1f %12.1f %12.1f %14.0f%n", batch, median, sorted[0],
            sorted[iters - 1], batch / (median / 1000));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("batch", batch);
        row.put("median_ms_per_iteration", median);
        row.put("min_ms", sorted[0]);
        row.put("max_ms", sorted[iters - 1]);
        row.put("examples_per_second", batch / (median / 1000));
        rows.add(row);
      }
      if (args.has("out")) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", "bench");
        m.put("spark_master", sc.master());
        m.put("partitions", partitions);
        m.put("blas", LinearBatch.blasName());
        m.put("images", images);
        m.put("cached_bytes", set.train().cachedBytes());
        m.put("timed_iterations", iters);
        m.put("results", rows);
        new OutputDirectory(args.string("out", null), sc.hadoopConfiguration())
            .writeText("metrics.json", Json.write(m));
      }
      set.unpersist();
    }
    return 0;
  }

  private static int[] parseBatches(String list) {
    try {
      int[] batches = Arrays.stream(list.split(",")).map(String::trim).mapToInt(Integer::parseInt)
          .toArray();
      for (int b : batches) {
        if (b < 1) {
          throw new NumberFormatException();
        }
      }
      return batches;
    } catch (NumberFormatException e) {
      throw new UsageException("bench: --batches must be a comma-separated list of integers >= 1, got '"
          + list + "'");
    }
  }
}
