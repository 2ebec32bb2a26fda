package dev.sparksvm.run;

import dev.sparksvm.core.LinearBatch;
import dev.sparksvm.io.OutputDirectory;
import dev.sparksvm.report.Json;
import dev.sparksvm.spark.ImageFiles;
import dev.sparksvm.spark.SparkContexts;
import dev.sparksvm.spark.TrainingSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code bench}: milliseconds per training iteration (broadcast, distributed loss and gradient,
 * aggregation, update) at several batch sizes, measured side by side in one run, and the bytes the
 * cached training set takes. A benchmark that prints figures, not a timed test.
 */
public final class BenchRun {

  /**
   * @param data training data (null: the default)
   * @param batches global batch sizes
   * @param iterations timed iterations per batch size
   * @param warmup untimed iterations first
   * @param partitions partitions (0: Spark's parallelism)
   * @param master Spark master (null: local[2] unless spark-submit set one)
   * @param out also write DIR/metrics.json (null: don't)
   * @param seed seed of W and the batches
   * @param depth aggregation depth (0: auto)
   */
  public record Options(String data, List<Integer> batches, int iterations, int warmup,
      int partitions, String master, String out, long seed, int depth) {
    public Options {
      UsageException.require(!batches.isEmpty() && batches.stream().allMatch(b -> b >= 1),
          "--batches", "a comma-separated list of integers >= 1", batches);
      UsageException.require(iterations >= 1, "--iters", "an integer >= 1", iterations);
      UsageException.require(warmup >= 0, "--warmup", "an integer >= 0", warmup);
      UsageException.require(partitions >= 0, "--partitions", "an integer >= 1", partitions);
      UsageException.require(depth >= 0, "--aggregation-depth", "an integer >= 0 (0: auto)", depth);
    }
  }

  private BenchRun() {}

  /** Measures and prints; returns the metrics. */
  public static Map<String, Object> run(Options o) {
    DataLocation data = DataLocation.resolve(o.data(), o.seed());
    ImageFiles files = ImageFiles.resolve(data.path(), ImageFiles.Request.training(),
        SparkContexts.hadoopConfiguration());
    String master = o.master() != null ? o.master()
        : System.getProperty("spark.master") == null ? "local[2]" : null;
    try (JavaSparkContext sc = SparkContexts.open("sparksvm bench", master)) {
      OutputDirectory out = o.out() == null ? null
          : new OutputDirectory(o.out(), sc.hadoopConfiguration());
      int partitions = o.partitions() > 0 ? o.partitions() : sc.defaultParallelism();
      TrainingSet set = TrainingSet.load(sc, files, 0, partitions, o.seed());
      try {
        long images = set.train().count();
        for (int batch : o.batches()) {
          if (batch > images) {
            throw new UsageException("bench: batch " + batch + " is larger than the data ("
                + images + " images)");
          }
        }
        System.out.printf("master %s, %d partitions, BLAS %s, %d images (%s)%n", sc.master(),
            partitions, LinearBatch.blasName(), images, data.synthetic() ? "synthetic" : data.path());
        System.out.printf("cached training set: %d bytes = %.1f bytes per image (pixels + label: %d)%n",
            set.train().cachedBytes(), set.train().cachedBytes() / (double) images,
            set.train().schema().shape().pixels() + 1);
        System.out.printf("%8s %12s %12s %12s %14s%n", "batch", "median_ms", "q1_ms", "q3_ms",
            "examples/s");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int batch : o.batches()) {
          IterationTimer.Timings t = IterationTimer.time(sc, set.train(), set.mean(),
              set.train().schema().classes(), batch, o.seed(), o.depth(), o.warmup(), o.iterations());
          double median = t.median();
          System.out.printf("%8d %12.1f %12.1f %12.1f %14.0f%n", batch, median, t.quantile(0.25),
              t.quantile(0.75), batch / (median / 1000));
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("batch", batch);
          row.put("median_ms_per_iteration", median);
          row.put("q1_ms", t.quantile(0.25));
          row.put("q3_ms", t.quantile(0.75));
          row.put("examples_per_second", batch / (median / 1000));
          rows.add(row);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", "bench");
        m.put("spark_master", sc.master());
        m.put("partitions", partitions);
        m.put("blas", LinearBatch.blasName());
        m.put("images", images);
        m.put("cached_bytes", set.train().cachedBytes());
        m.put("timed_iterations", o.iterations());
        m.put("results", rows);
        if (out != null) {
          out.writeText("metrics.json", Json.write(m));
        }
        return m;
      } finally {
        set.unpersist();
      }
    }
  }
}
