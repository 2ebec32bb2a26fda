package dev.sparksvm.measure;

import dev.sparksvm.baseline.InProcessKernel;
import dev.sparksvm.baseline.MllibBaseline;
import dev.sparksvm.baseline.SparkFloor;
import dev.sparksvm.core.MulticlassHinge;
import dev.sparksvm.core.Precision;
import dev.sparksvm.data.ImageSchema;
import dev.sparksvm.options.BenchOptions;
import dev.sparksvm.options.Comparison;
import dev.sparksvm.options.Inputs;
import dev.sparksvm.options.UsageException;
import dev.sparksvm.report.Json;
import dev.sparksvm.session.Preflight;
import dev.sparksvm.session.Session;
import dev.sparksvm.spark.TrainingSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code bench}: milliseconds per training step (broadcast, distributed loss and gradient, the sums
 * on the driver, the update) at several batch sizes, measured side by side in one run on the same
 * cached data; with {@code --compare mllib}, next to MLlib's {@code runMiniBatchSGD}, the floor of
 * a step of our design's shape without arithmetic (Spark's usual way and the cheapest we found),
 * and our kernel in this process without Spark. It also says which BLAS runs and how fast. A
 * benchmark that prints figures, not a timed test.
 */
public final class BenchRun {

  private BenchRun() {}

  /**
   * Checks the data, {@code --batches} against it and {@code --out} before Spark starts, then
   * measures and prints; returns the metrics.
   */
  public static Map<String, Object> run(BenchOptions o) {
    try (Session<Inputs> s =
        Session.prepare(
            "bench",
            o.spark().orMaster(BenchOptions.DEFAULT_MASTER),
            o.output(),
            conf -> Inputs.resolve(o.data(), conf),
            inputs -> Preflight.none().readsOf(inputs, o.data()))) {
      long total = s.inputs().data().totalRecords();
      for (int batch : o.timing().batches()) {
        if (batch > total) {
          throw new UsageException(
              "--batches " + batch + " is larger than the data (" + total + " images)");
        }
      }
      JavaSparkContext sc = s.start("sparksvm bench on " + s.inputs().dataLabel());
      int partitions = o.data().partitions(s.defaultParallelism());
      TrainingSet set = TrainingSet.load(sc, s.inputs().data(), 0, partitions, o.data().seed());
      try {
        long images = set.train().count();
        ImageSchema schema = set.train().schema();
        System.out.printf(
            "master %s, %d partitions, %d images (%s); cached %d bytes = %.1f per "
                + "image (a record is %d)%n",
            s.master(),
            partitions,
            images,
            s.inputs().synthetic() ? "synthetic" : s.inputs().dataLabel(),
            set.train().cachedBytes(),
            set.train().cachedBytes() / (double) images,
            schema.shape().pixels() + 1);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", "bench");
        m.put("spark_master", s.master());
        m.put("partitions", partitions);
        m.put("images", images);
        m.put("cached_bytes", set.train().cachedBytes());
        m.put("warmup_steps", o.timing().warmup());
        m.put("timed_steps", o.timing().iterations());
        m.put(
            "blas",
            BlasReport.measure(
                schema,
                o.timing().batches(),
                partitions,
                o.models().stream().mapToInt(Integer::intValue).max().orElse(1)));
        if (o.soak() > 0) {
          m.put(
              "soak",
              Soak.run(
                  sc,
                  set,
                  o.timing().batches().get(0),
                  o.soak(),
                  o.data().seed(),
                  o.depth().value(),
                  o.precisions().get(0)));
          write(s, m);
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
            o.timing().batches().get(0),
            o.data().seed(),
            o.depth().value(),
            o.timing().warmup() + o.timing().iterations(),
            1,
            o.precisions().get(0));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int batch : o.timing().batches()) {
          for (Precision p : o.precisions()) {
            rows.add(
                o.compare() == Comparison.MLLIB && p == o.precisions().get(0)
                    ? compare(sc, set, o, batch, p)
                    : ours(sc, set, o, batch, p));
          }
        }
        m.put("results", rows);
        if (!o.models().isEmpty()) {
          m.put("stacked_models", StackedTiming.measure(sc, set, o));
        }
        write(s, m);
        return m;
      } finally {
        set.unpersist();
      }
    }
  }

  /** Writes {@code metrics.json} into {@code --out}, if given. */
  private static void write(Session<?> s, Map<String, Object> m) {
    if (s.out() != null) {
      s.out().writeText("metrics.json", Json.write(m));
      s.out().finish(true);
    }
  }

  /** Our step alone. */
  private static Map<String, Object> ours(
      JavaSparkContext sc, TrainingSet set, BenchOptions o, int batch, Precision p) {
    IterationTimer.Timings t =
        IterationTimer.time(
            sc,
            set.train(),
            set.mean(),
            set.train().schema().classes(),
            1,
            batch,
            o.data().seed(),
            o.depth().value(),
            o.timing().warmup(),
            o.timing().iterations(),
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
      JavaSparkContext sc, TrainingSet set, BenchOptions o, int batch, Precision p) {
    Map<String, Object> row = ours(sc, set, o, batch, p);
    double ours = (double) row.get("ours_ms");
    ImageSchema schema = set.train().schema();
    double mllib;
    try (MllibBaseline baseline =
        new MllibBaseline(sc, set.train(), set.mean(), schema.classes())) {
      mllib =
          IterationTimer.Timings.median(
              baseline.stepMillis(
                  batch, o.timing().warmup(), o.timing().iterations(), o.data().seed()));
    }
    SparkFloor floor =
        new SparkFloor(sc, set.train(), schema.classes(), schema.features(), o.data().seed());
    List<SparkFloor.Variant> variants =
        List.of(
            SparkFloor.Variant.TREE_AGGREGATE,
            SparkFloor.Variant.RUN_JOB_BYTES_CALL_SITE,
            SparkFloor.Variant.W_IN_TASK);
    Map<SparkFloor.Variant, double[]> floors =
        floor.interleavedMillis(variants, o.timing().warmup(), o.timing().iterations());
    double tree = IterationTimer.Timings.median(floors.get(variants.get(0)));
    double runJob = IterationTimer.Timings.median(floors.get(variants.get(1)));
    double cheapest = IterationTimer.Timings.median(floors.get(variants.get(2)));
    double kernel;
    try (InProcessKernel local =
        new InProcessKernel(
            set.train().collect(), set.mean(), schema.classes(), new MulticlassHinge(1))) {
      kernel =
          IterationTimer.Timings.median(
              local.stepMillis(
                  batch, 1, o.timing().warmup(), o.timing().iterations(), o.data().seed(), p));
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
}
