package dev.sparksvm.measure;

import dev.sparksvm.baseline.BlasSpeed;
import dev.sparksvm.baseline.InProcessKernel;
import dev.sparksvm.baseline.MllibBaseline;
import dev.sparksvm.baseline.SparkFloor;
import dev.sparksvm.core.LinearBatch;
import dev.sparksvm.core.MulticlassHinge;
import dev.sparksvm.core.Precision;
import dev.sparksvm.data.ImageSchema;
import dev.sparksvm.input.ImageFiles;
import dev.sparksvm.io.OutputDirectory;
import dev.sparksvm.options.DataLocation;
import dev.sparksvm.options.SparkOptions;
import dev.sparksvm.options.UsageException;
import dev.sparksvm.report.Json;
import dev.sparksvm.spark.SparkContexts;
import dev.sparksvm.spark.TrainingSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bench}: milliseconds per training step (broadcast, distributed loss and gradient, the sums
 * on the driver, the update) at several batch sizes, measured side by side in one run on the same
 * cached data; with {@code --compare mllib}, next to MLlib's {@code runMiniBatchSGD}, the floor of
 * a step of our design's shape without arithmetic (Spark's usual way and the cheapest we found),
 * and our kernel in this process without Spark. It also says which BLAS runs and how fast. A
 * benchmark that prints figures, not a timed test.
 */
public final class BenchRun {
  private static final Logger LOG = LoggerFactory.getLogger(BenchRun.class);

  /**
   * The options of {@code bench}.
   *
   * @param data training data (null: the default)
   * @param batches global batch sizes
   * @param iterations timed steps per measurement
   * @param warmup untimed steps first
   * @param partitions partitions (0: Spark's parallelism)
   * @param spark Spark master (null: local[2] unless spark-submit set one) and event log
   * @param out also write DIR/metrics.json (null: don't)
   * @param seed seed of W and the batches
   * @param depth aggregation depth (0: auto)
   * @param overwrite let {@code out} hold earlier files (replaced when this finishes)
   * @param compareMllib also time MLlib, the Spark floor and the in-process kernel
   * @param models K for the stacked-models rows (at the first batch size)
   * @param soak steps of a soak run instead (0: none): the driver's heap after a GC every 1,000
   * @param precisions the precisions each step is timed in (the first one for {@code compareMllib})
   */
  public record Options(
      String data,
      List<Integer> batches,
      int iterations,
      int warmup,
      int partitions,
      SparkOptions spark,
      String out,
      long seed,
      int depth,
      boolean overwrite,
      boolean compareMllib,
      List<Integer> models,
      long soak,
      List<Precision> precisions) {
    public Options {
      UsageException.require(
          !batches.isEmpty() && batches.stream().allMatch(b -> b >= 1),
          "--batches",
          "a comma-separated list of integers >= 1",
          batches);
      UsageException.require(iterations >= 1, "--iters", "an integer >= 1", iterations);
      UsageException.require(warmup >= 0, "--warmup", "an integer >= 0", warmup);
      UsageException.require(partitions >= 0, "--partitions", "an integer >= 1", partitions);
      UsageException.require(depth >= 0, "--aggregation-depth", "an integer >= 0 (0: auto)", depth);
      UsageException.require(
          models.stream().allMatch(k -> k >= 1 && k <= 256),
          "--models",
          "a comma-separated list of counts in 1..256",
          models);
      UsageException.require(soak >= 0, "--soak", "an integer >= 0", soak);
      UsageException.require(
          !precisions.isEmpty(), "--precision", "double, float or both", precisions);
    }
  }

  private BenchRun() {}

  /** Measures and prints; returns the metrics. */
  public static Map<String, Object> run(Options o) {
    DataLocation data = DataLocation.resolve(o.data(), o.seed());
    ImageFiles files =
        ImageFiles.resolve(
            data.path(), ImageFiles.Request.training(), SparkContexts.hadoopConfiguration());
    String master =
        o.spark().master() != null
            ? o.spark().master()
            : System.getProperty("spark.master") == null ? "local[2]" : null;
    Map<String, String> settings = o.spark().settings(SparkContexts.hadoopConfiguration());
    try (OutputDirectory out =
            o.out() == null
                ? null
                : OutputDirectory.prepare(
                    o.out(), o.overwrite(), SparkContexts.hadoopConfiguration());
        JavaSparkContext sc = SparkContexts.open("sparksvm bench", master, settings)) {
      int partitions = o.partitions() > 0 ? o.partitions() : sc.defaultParallelism();
      TrainingSet set = TrainingSet.load(sc, files, 0, partitions, o.seed());
      try {
        long images = set.train().count();
        for (int batch : o.batches()) {
          if (batch > images) {
            throw new UsageException(
                "--batches " + batch + " is larger than the data (" + images + " images)");
          }
        }
        ImageSchema schema = set.train().schema();
        System.out.printf(
            "master %s, %d partitions, %d images (%s); cached %d bytes = %.1f per "
                + "image (a record is %d)%n",
            sc.master(),
            partitions,
            images,
            data.synthetic() ? "synthetic" : data.path(),
            set.train().cachedBytes(),
            set.train().cachedBytes() / (double) images,
            schema.shape().pixels() + 1);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", "bench");
        m.put("spark_master", sc.master());
        m.put("partitions", partitions);
        m.put("images", images);
        m.put("cached_bytes", set.train().cachedBytes());
        m.put("warmup_steps", o.warmup());
        m.put("timed_steps", o.iterations());
        m.put("blas", blas(schema, o.batches().get(0) / partitions));
        if (o.soak() > 0) {
          m.put(
              "soak",
              Soak.run(
                  sc,
                  set,
                  o.batches().get(0),
                  o.soak(),
                  o.seed(),
                  o.depth(),
                  o.precisions().get(0)));
          if (out != null) {
            out.writeText("metrics.json", Json.write(m));
            out.finish(true);
          }
          return m;
        }
        // In a fresh JVM, Spark's cost per job and the JIT keep falling well past the 200 warm-up
        // steps of a measurement, so whatever is timed first looks slower than it is (20.8 against
        // 12-15 ms at batch 256): warm the JVM up once, untimed, before any figure.
        IterationTimer.time(
            sc,
            set.train(),
            set.mean(),
            schema.classes(),
            1,
            o.batches().get(0),
            o.seed(),
            o.depth(),
            o.warmup() + o.iterations(),
            1,
            o.precisions().get(0));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int batch : o.batches()) {
          for (Precision p : o.precisions()) {
            rows.add(
                o.compareMllib() && p == o.precisions().get(0)
                    ? compare(sc, set, o, batch, p)
                    : ours(sc, set, o, batch, p));
          }
        }
        m.put("results", rows);
        if (!o.models().isEmpty()) {
          m.put("stacked_models", stacked(sc, set, o));
        }
        if (out != null) {
          out.writeText("metrics.json", Json.write(m));
          out.finish(true);
        }
        return m;
      } finally {
        set.unpersist();
      }
    }
  }

  /**
   * The BLAS in use and netlib's Java BLAS at the step's GEMM shape; warns when native is slower.
   */
  private static Map<String, Object> blas(ImageSchema schema, int rows) {
    BlasSpeed active =
        BlasSpeed.measure(
            dev.ludovic.netlib.blas.BLAS.getInstance(),
            Math.max(1, rows),
            schema.features(),
            schema.classes(),
            0.5);
    System.out.println("BLAS in use: " + active.describe());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("in_use", active.name());
    m.put("gflops", active.gflops());
    if (active.name().contains("JNI") || active.name().contains("Native")) {
      BlasSpeed java =
          BlasSpeed.measure(
              dev.ludovic.netlib.blas.JavaBLAS.getInstance(),
              Math.max(1, rows),
              schema.features(),
              schema.classes(),
              0.5);
      System.out.println("netlib's Java BLAS: " + java.describe());
      m.put("java_gflops", java.gflops());
      if (java.gflops() > active.gflops()) {
        LOG.warn(
            "the native BLAS netlib picked ({}) is slower than its Java BLAS ({} against {}"
                + " GFLOP/s): it is probably Debian's reference libblas3. Install OpenBLAS (apt-get"
                + " install libopenblas0; run with OPENBLAS_NUM_THREADS=1), or run the driver and"
                + " executors with -Dsparksvm.blas=java",
            active.name(),
            String.format(Locale.ROOT, "%.1f", active.gflops()),
            String.format(Locale.ROOT, "%.1f", java.gflops()));
      }
    }
    System.out.printf("(current BLAS of the training path: %s)%n", LinearBatch.blasName());
    return m;
  }

  /** Our step alone. */
  private static Map<String, Object> ours(
      JavaSparkContext sc, TrainingSet set, Options o, int batch, Precision p) {
    IterationTimer.Timings t =
        IterationTimer.time(
            sc,
            set.train(),
            set.mean(),
            set.train().schema().classes(),
            1,
            batch,
            o.seed(),
            o.depth(),
            o.warmup(),
            o.iterations(),
            p);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("batch", batch);
    row.put("precision", p.label());
    row.put("ours_ms", t.median());
    row.put("q1_ms", t.quantile(0.25));
    row.put("q3_ms", t.quantile(0.75));
    row.put("examples_per_second", batch / (t.median() / 1000));
    System.out.printf(
        Locale.ROOT,
        "batch %6d: ours %8.2f ms (q1 %.2f, q3 %.2f), %.0f examples/s, " + "%s%n",
        batch,
        t.median(),
        t.quantile(0.25),
        t.quantile(0.75),
        batch / (t.median() / 1000),
        p.label());
    return row;
  }

  /** Ours, MLlib, the floors and the in-process kernel at one batch size, in this order. */
  private static Map<String, Object> compare(
      JavaSparkContext sc, TrainingSet set, Options o, int batch, Precision p) {
    Map<String, Object> row = ours(sc, set, o, batch, p);
    double ours = (double) row.get("ours_ms");
    ImageSchema schema = set.train().schema();
    double mllib;
    try (MllibBaseline baseline =
        new MllibBaseline(sc, set.train(), set.mean(), schema.classes())) {
      mllib =
          IterationTimer.Timings.median(
              baseline.stepMillis(batch, o.warmup(), o.iterations(), o.seed()));
    }
    SparkFloor floor =
        new SparkFloor(sc, set.train(), schema.classes(), schema.features(), o.seed());
    List<SparkFloor.Variant> variants =
        List.of(
            SparkFloor.Variant.TREE_AGGREGATE,
            SparkFloor.Variant.RUN_JOB_BYTES_CALL_SITE,
            SparkFloor.Variant.W_IN_TASK);
    Map<SparkFloor.Variant, double[]> floors =
        floor.interleavedMillis(variants, o.warmup(), o.iterations());
    double tree = IterationTimer.Timings.median(floors.get(variants.get(0)));
    double runJob = IterationTimer.Timings.median(floors.get(variants.get(1)));
    double cheapest = IterationTimer.Timings.median(floors.get(variants.get(2)));
    double kernel;
    try (InProcessKernel local =
        new InProcessKernel(
            set.train().collectBlocks(), set.mean(), schema.classes(), new MulticlassHinge(1))) {
      kernel =
          IterationTimer.Timings.median(
              local.stepMillis(batch, 1, o.warmup(), o.iterations(), o.seed(), p));
    }
    row.put("mllib_ms", mllib);
    row.put("floor_tree_aggregate_ms", tree);
    row.put("floor_run_job_ms", runJob);
    row.put("floor_w_in_task_ms", cheapest);
    row.put("in_process_kernel_ms", kernel);
    row.put("ours_over_mllib", ours / mllib);
    row.put("ours_minus_floor_and_kernel_ms", ours - Math.min(runJob, cheapest) - kernel);
    row.put("ours_over_kernel", ours / kernel);
    System.out.printf(
        Locale.ROOT,
        "batch %6d: MLlib %8.2f ms; floor: treeAggregate %.2f, runJob "
            + "%.2f, W in the task %.2f; in-process kernel %.2f%n",
        batch,
        mllib,
        tree,
        runJob,
        cheapest,
        kernel);
    System.out.printf(
        Locale.ROOT,
        "              ours / MLlib %.3f; ours - (cheapest floor + kernel)"
            + " %.2f ms; ours / kernel %.2f%n",
        ours / mllib,
        ours - Math.min(runJob, cheapest) - kernel,
        ours / kernel);
    return row;
  }

  /**
   * K models side by side against one, at the first batch size, in each precision: each K's ratio
   * is to one model in the same precision, and in the first precision given (the usual reference,
   * double).
   */
  private static List<Object> stacked(JavaSparkContext sc, TrainingSet set, Options o) {
    int batch = o.batches().get(0);
    int classes = set.train().schema().classes();
    Map<Precision, Double> one = new LinkedHashMap<>();
    for (Precision p : o.precisions()) {
      one.put(
          p,
          IterationTimer.time(
                  sc,
                  set.train(),
                  set.mean(),
                  classes,
                  1,
                  batch,
                  o.seed(),
                  o.depth(),
                  o.warmup(),
                  o.iterations(),
                  p)
              .median());
    }
    double reference = one.get(o.precisions().get(0));
    List<Object> rows = new ArrayList<>();
    for (int k : o.models()) {
      for (Precision p : o.precisions()) {
        double ms =
            IterationTimer.time(
                    sc,
                    set.train(),
                    set.mean(),
                    classes,
                    k,
                    batch,
                    o.seed(),
                    o.depth(),
                    o.warmup(),
                    o.iterations(),
                    p)
                .median();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("models", k);
        row.put("batch", batch);
        row.put("precision", p.label());
        row.put("ms", ms);
        row.put("one_model_ms", one.get(p));
        row.put("ratio", ms / one.get(p));
        row.put("ratio_to_one_" + o.precisions().get(0).label() + "_model", ms / reference);
        rows.add(row);
        System.out.printf(
            Locale.ROOT,
            "batch %6d, %s: %d models %.2f ms per step, one model %.2f "
                + "ms: %.2fx (%.2fx one %s model)%n",
            batch,
            p.label(),
            k,
            ms,
            one.get(p),
            ms / one.get(p),
            ms / reference,
            o.precisions().get(0).label());
      }
    }
    return rows;
  }
}
