package dev.sparksvm.measure;

import dev.sparksvm.input.ImageFiles;
import dev.sparksvm.input.RecordSelection;
import dev.sparksvm.options.DataLocation;
import dev.sparksvm.options.DataOptions;
import dev.sparksvm.options.ScaleOptions;
import dev.sparksvm.scaling.ScalingPoint;
import dev.sparksvm.session.Session;
import dev.sparksvm.spark.ExecutorBlas;
import dev.sparksvm.spark.Executors;
import dev.sparksvm.spark.ImageData;
import dev.sparksvm.spark.ImageLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor sweep of {@code scale}: strong and weak scaling of one training iteration, and
 * larger models, over 1..N executors or partitions, each iteration split into phases.
 *
 * <p>Each executor count is a fresh application: {@code local[E]} for a local master, or {@code
 * spark.cores.max = E} executors of one core each on a standalone cluster (waiting until all have
 * registered). The training set is cached in as many partitions as there are executors, so each
 * executor holds one block and runs one task per iteration.
 */
final class ExecutorSweep {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorSweep.class);

  private ExecutorSweep() {}

  private record Config(String mode, int classes, int batch) {}

  /** The training files of the sweep: {@code --data}, else the built-in default. */
  static ImageFiles files(DataOptions data, Configuration conf) {
    DataLocation location = DataLocation.resolve(data.data(), data.seed());
    return ImageFiles.resolve(location.path(), data.request(ImageFiles.Which.TRAINING), conf);
  }

  /**
   * Every point of the sweep, each executor count an application of {@code session} on {@code
   * master}; adds the executors' BLAS names to {@code blas}.
   */
  static List<ScalingPoint> measure(
      Session<ImageFiles> session, String master, ScaleOptions o, SortedSet<String> blas) {
    List<ScalingPoint> points = new ArrayList<>();
    if (o.executors().vary() == ScaleOptions.Vary.PARTITIONS) {
      int slots = o.executors().most();
      sweep(session, master, o, slots, o.executors().counts(), points, blas);
    } else {
      for (int e : o.executors().counts()) {
        sweep(session, master, o, e, List.of(e), points, blas);
      }
    }
    return points;
  }

  /**
   * One application with {@code slots} task slots; the training set cached in each partition count.
   */
  private static void sweep(
      Session<ImageFiles> session,
      String master,
      ScaleOptions o,
      int slots,
      List<Integer> partitionCounts,
      List<ScalingPoint> points,
      SortedSet<String> blas) {
    ImageFiles files = session.inputs();
    String environment = Executors.environment(master);
    Executors.Slots application = Executors.withSlots(master, slots);
    JavaSparkContext sc =
        session.start(
            "sparksvm scale (" + slots + " executors)",
            application.master(),
            application.settings(),
            "sparksvm scale on " + slots + " executors");
    Executors.await(sc, slots, 120);
    for (int partitions : partitionCounts) {
      long loadStart = System.nanoTime();
      ImageData train =
          ImageLoader.load(sc, files, RecordSelection.all(), partitions, "train images");
      double[] mean = train.pixelMean();
      double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
      int depth = o.depth().resolve(partitions);
      ExecutorBlas executors = ExecutorBlas.of(train);
      blas.addAll(executors.names());
      LOG.info(
          "{} with {} task slots: {} images in {} partitions on {} executor(s) ({}), BLAS {};"
              + " loaded in {} s ({} MB/s)",
          session.master(),
          slots,
          train.count(),
          partitions,
          executors.byExecutor().size(),
          String.join(", ", executors.byExecutor().keySet()),
          executors.names(),
          String.format("%.2f", loadSeconds),
          String.format("%.0f", files.dataBytes() / 1e6 / loadSeconds));
      if (!"local".equals(environment) && executors.byExecutor().size() < partitions) {
        LOG.warn(
            "the {} partitions are cached on only {} executor(s): their tasks will queue",
            partitions,
            executors.byExecutor().size());
      }
      // Spark's own cost per job falls over the first ~100 jobs of an application (JIT): warm up.
      IterationTimer.time(
          sc,
          train,
          mean,
          10,
          (int) Math.min(256, train.count()),
          o.data().seed(),
          depth,
          o.contextWarmup(),
          0);
      for (Config c : configs(o, partitions, train.count(), train.schema().classes())) {
        IterationTimer.Timings t =
            IterationTimer.time(
                sc,
                train,
                mean,
                c.classes(),
                c.batch(),
                o.data().seed(),
                depth,
                o.timing().warmup(),
                o.timing().iterations());
        ScalingPoint p =
            point(environment, c, train.schema().features(), slots, partitions, depth, t);
        points.add(p);
        LOG.info(
            String.format(
                Locale.ROOT,
                "%-6s C=%-5d tasks=%-3d batch=%-6d %8.1f ms/iteration (broadcast %.1f, compute"
                    + " %.1f, aggregation %.1f, driver %.1f, scheduling %.1f) %9.0f examples/s",
                c.mode(),
                c.classes(),
                partitions,
                c.batch(),
                p.medianMs(),
                p.broadcastMs(),
                p.computeMs(),
                p.aggregationMs(),
                p.driverMs(),
                p.schedulingMs(),
                p.examplesPerSecond()));
      }
      train.unpersist();
    }
  }

  private static List<Config> configs(ScaleOptions o, int partitions, long images, int classes) {
    List<Config> configs = new ArrayList<>();
    for (int b : o.timing().batches()) {
      configs.add(new Config("strong", classes, b));
    }
    if (o.executors().weakBatch() > 0) {
      configs.add(new Config("weak", classes, o.executors().weakBatch() * partitions));
    }
    for (ScaleOptions.ModelSize m : o.executors().models()) {
      configs.add(new Config("model", m.classes(), m.batch()));
    }
    List<Config> fitting = new ArrayList<>();
    for (Config c : configs) {
      if (c.batch() > images) {
        LOG.warn(
            "skipping {} batch {}: larger than the {} training images",
            c.mode(),
            c.batch(),
            images);
      } else {
        fitting.add(c);
      }
    }
    return fitting;
  }

  /**
   * A point: the median of each measured phase and, as scheduling, what the median total leaves
   * over (medians of parts do not add up to the median of the whole).
   */
  private static ScalingPoint point(
      String environment,
      Config c,
      int features,
      int slots,
      int partitions,
      int depth,
      IterationTimer.Timings t) {
    double median = t.median();
    double[] parts = new double[4];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = t.median(i);
    }
    double scheduling = Math.max(0, median - parts[0] - parts[1] - parts[2] - parts[3]);
    return new ScalingPoint(
        environment,
        c.mode(),
        c.classes(),
        features,
        slots,
        partitions,
        c.batch(),
        t.total().length,
        median,
        t.quantile(0.25),
        t.quantile(0.75),
        parts[0],
        parts[1],
        parts[2],
        parts[3],
        scheduling,
        Double.NaN,
        Double.NaN,
        depth);
  }
}
