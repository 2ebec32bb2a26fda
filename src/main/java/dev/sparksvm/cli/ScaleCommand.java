package dev.sparksvm.cli;

import dev.sparksvm.core.L2Regularizer;
import dev.sparksvm.core.LinearBatch;
import dev.sparksvm.core.MulticlassHinge;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Cifar10;
import dev.sparksvm.core.Seeds;
import dev.sparksvm.io.OutputDirectory;
import dev.sparksvm.optim.MiniBatchGradient;
import dev.sparksvm.optim.Objective;
import dev.sparksvm.report.Json;
import dev.sparksvm.report.ScalingCharts;
import dev.sparksvm.report.ScalingCharts.Series;
import dev.sparksvm.report.ScalingCharts.Style;
import dev.sparksvm.scaling.CostModel;
import dev.sparksvm.scaling.ScalingPoint;
import dev.sparksvm.spark.CifarFiles;
import dev.sparksvm.spark.CifarLoader;
import dev.sparksvm.spark.ExecutorBlas;
import dev.sparksvm.spark.ImageData;
import dev.sparksvm.spark.IterationPhases;
import dev.sparksvm.spark.PixelMean;
import dev.sparksvm.spark.RecordSelection;
import dev.sparksvm.spark.SparkContexts;
import dev.sparksvm.spark.SparkObjective;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code scale}: strong and weak scaling of one training iteration (broadcast W, sample and GEMMs on
 * the executors, treeAggregate, update on the driver) over 1..N executors or partitions, with each
 * iteration split into phases ({@link IterationPhases}); then a {@link CostModel} fitted to the
 * measured points, its predictions for many executors and larger models, and PNG charts.
 *
 * <p>Each executor count is a fresh application: {@code local[E]} for a local master, or {@code
 * spark.cores.max = E} executors of one core each on a standalone cluster (waiting until all have
 * registered). The training set is cached in as many partitions as there are executors, so each
 * executor holds one block and runs one task per iteration.
 */
public final class ScaleCommand {
  private static final Logger LOG = LoggerFactory.getLogger(ScaleCommand.class);
  static final Set<String> VALUED = Set.of("master", "executors", "vary", "batches", "weak-batch",
      "models", "iters", "warmup", "context-warmup", "data", "out", "seed",
      "aggregation-depth", "from-csv", "predict-tasks", "predict-batches", "predict-classes");
  private static final List<String> PHASES = List.of("broadcast", "compute", "aggregation",
      "driver + update", "scheduling");

  private ScaleCommand() {}

  static String usage() {
    return """
        scale: strong and weak scaling of a training iteration, a fitted cost model, CSV and PNG charts.
          --master URL          local (local[E] for each E; the default) or spark://HOST:PORT
                                (spark.cores.max = E executors of one core); default: spark-submit's
          --executors LIST      executor counts, e.g. 1,2 or 1..4 (default 1,2)
          --vary executors|partitions  one application per executor count (default), or one with the
                                most executors and the training set in 1..N partitions
          --batches LIST        strong scaling: global batches (default 256,8192)
          --weak-batch N        weak scaling: batch per executor (default 1024; 0 skips)
          --models LIST         larger models as CLASSESxBATCH: W with more classes at a global
                                batch (default 100x256,1000x256,100x8192; none skips)
          --iters N             timed iterations per point (default 30)
          --warmup N            untimed iterations per point first (default 10)
          --context-warmup N    untimed iterations at batch 256 when an application starts: Spark's
                                own cost per job falls over its first ~100 jobs (default 150)
          --data PATH           training data (default as in train)
          --aggregation-depth N treeAggregate depth (default 2)
          --seed N              seed of W and the batches (default 42)
          --predict-tasks LIST  executor counts of the predictions (default 1,2,8,32,128,512)
          --predict-batches LIST  global batches of the predictions (default 256,8192)
          --predict-classes LIST  classes of the predictions (default 10,1000)
          --from-csv PATHS      measure nothing: fit and plot the points of earlier scaling.csv
                                files (comma-separated), one model per environment
          --out DIR             output directory (default runs/scale-TIMESTAMP): scaling.csv,
                                cost-model-ENV.json, predictions-ENV.csv and PNG charts
          --verbose             stack traces on errors
        """;
  }

  /** The validated options of a sweep. */
  record Options(String master, List<Integer> executors, boolean varyPartitions,
      List<Integer> batches, int weakBatch, List<int[]> models, int iterations,
      int warmup, int contextWarmup, String data, int depth, long seed, List<Integer> predictTasks,
      List<Integer> predictBatches, List<Integer> predictClasses, String fromCsv, String out) {

    Options {
      require(!executors.isEmpty() && executors.stream().allMatch(e -> e >= 1),
          "--executors must list counts >= 1");
      require(batches.stream().allMatch(b -> b >= 1), "--batches must list sizes >= 1");
      require(weakBatch >= 0, "--weak-batch must be >= 0");
      require(models.stream().allMatch(m -> m[0] >= 2 && m[1] >= 1),
          "--models must list CLASSESxBATCH with classes >= 2 and batch >= 1");
      require(iterations >= 1, "--iters must be >= 1");
      require(warmup >= 0 && contextWarmup >= 0, "--warmup and --context-warmup must be >= 0");
      require(depth >= 1, "--aggregation-depth must be >= 1");
      require(!predictTasks.isEmpty() && predictTasks.stream().allMatch(t -> t >= 1),
          "--predict-tasks must list counts >= 1");
      require(!predictBatches.isEmpty() && predictBatches.stream().allMatch(b -> b >= 1),
          "--predict-batches must list sizes >= 1");
      require(!predictClasses.isEmpty() && predictClasses.stream().allMatch(c -> c >= 2),
          "--predict-classes must list counts >= 2");
    }

    static Options from(Args a) {
      String vary = a.string("vary", "executors");
      if (!vary.equals("executors") && !vary.equals("partitions")) {
        throw new UsageException("scale: --vary must be executors or partitions, got '" + vary + "'");
      }
      String out = a.string("out", "runs/scale-"
          + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
      return new Options(a.string("master", null), list(a, "executors", "1,2"),
          vary.equals("partitions"), list(a, "batches", "256,8192"), a.integer("weak-batch", 1024),
          models(a.string("models", "100x256,1000x256,100x8192")), a.integer("iters", 30),
          a.integer("warmup", 10), a.integer("context-warmup", 150), a.string("data", null),
          a.integer("aggregation-depth", 2), a.longValue("seed", 42),
          list(a, "predict-tasks", "1,2,8,32,128,512"), list(a, "predict-batches", "256,8192"),
          list(a, "predict-classes", "10,1000"), a.string("from-csv", null), out);
    }

    private static void require(boolean ok, String message) {
      if (!ok) {
        throw new UsageException("scale: " + message);
      }
    }

    /** "100x256,1000x256" or "none". */
    private static List<int[]> models(String v) {
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
          throw new UsageException("scale: --models must list CLASSESxBATCH, e.g. 1000x256, got '"
              + m.trim() + "'");
        }
      }
      return out;
    }

    /** "1,2,8", "1..4" or "none". */
    private static List<Integer> list(Args a, String name, String fallback) {
      String v = a.string(name, fallback).trim();
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
        throw new UsageException("scale: --" + name + " must be a comma-separated list of integers or"
            + " FROM..TO, got '" + v + "'");
      }
    }
  }

  static int run(String[] argv) {
    Options o = Options.from(Args.parse("scale", argv, 1, VALUED, Main.FLAGS));
    List<ScalingPoint> points = o.fromCsv() != null ? readCsv(o.fromCsv())
        // What the CSV holds is what the model is fitted to, so --from-csv gives the same results.
        : ScalingPoint.withScaling(ScalingPoint.fromCsv(ScalingPoint.toCsv(measure(o))));
    report(points, o, SparkContexts.hadoopConfiguration());
    return 0;
  }

  // ---------------------------------------------------------------------------------------------
  // Measuring

  private record Config(String mode, int classes, int batch) {}

  static List<ScalingPoint> measure(Options o) {
    DataLocation data = DataLocation.resolve(o.data(), o.seed());
    CifarFiles files = CifarFiles.resolve(data.path(), SparkContexts.hadoopConfiguration(),
        Cifar10.TRAIN_PATTERN);
    String master = o.master() != null ? o.master() : System.getProperty("spark.master", "local");
    String environment = master.startsWith("local") ? "local"
        : master.startsWith("spark://") ? "standalone" : master.replaceAll("[:/].*", "");
    List<ScalingPoint> points = new ArrayList<>();
    if (o.varyPartitions()) {
      int slots = o.executors().stream().mapToInt(Integer::intValue).max().orElseThrow();
      sweep(o, files, master, environment, slots, o.executors(), points);
    } else {
      for (int e : o.executors()) {
        sweep(o, files, master, environment, e, List.of(e), points);
      }
    }
    return points;
  }

  /** One application with {@code slots} task slots; the training set cached in each partition count. */
  private static void sweep(Options o, CifarFiles files, String master, String environment, int slots,
      List<Integer> partitionCounts, List<ScalingPoint> points) {
    try (JavaSparkContext sc = open(master, slots)) {
      for (int partitions : partitionCounts) {
        long loadStart = System.nanoTime();
        ImageData train = CifarLoader.load(sc, files, RecordSelection.all(), partitions,
            "train images");
        double[] mean = PixelMean.of(train);
        ExecutorBlas blas = ExecutorBlas.of(train);
        LOG.info("{} with {} task slots: {} images in {} partitions on {} executor(s) ({}), BLAS {};"
            + " loaded in {} s", sc.master(), slots, train.count(), partitions,
            blas.byExecutor().size(), String.join(", ", blas.byExecutor().keySet()), blas.names(),
            String.format("%.1f", (System.nanoTime() - loadStart) / 1e9));
        if (!"local".equals(environment) && blas.byExecutor().size() < partitions) {
          LOG.warn("the {} partitions are cached on only {} executor(s): their tasks will queue",
              partitions, blas.byExecutor().size());
        }
        // Spark's own cost per job falls over the first ~100 jobs of an application (JIT): warm up.
        timeIterations(sc, train, mean, o, 10, Math.min(256, (int) train.count()), o.contextWarmup(),
            0);
        for (Config c : configs(o, partitions, train.count())) {
          double[][] ms = timeIterations(sc, train, mean, o, c.classes(), c.batch(), o.warmup(),
              o.iterations());
          ScalingPoint p = point(environment, c, slots, partitions, o, ms);
          points.add(p);
          LOG.info(String.format(Locale.ROOT, "%-6s C=%-5d tasks=%-3d batch=%-6d %8.1f ms/iteration"
              + " (broadcast %.1f, compute %.1f, aggregation %.1f, driver %.1f, scheduling %.1f)"
              + " %9.0f examples/s", c.mode(), c.classes(), partitions, c.batch(), p.medianMs(),
              p.broadcastMs(), p.computeMs(), p.aggregationMs(), p.driverMs(), p.schedulingMs(),
              p.examplesPerSecond()));
        }
        train.unpersist();
      }
    }
  }

  /** A context with {@code slots} task slots, all registered before it is returned. */
  static JavaSparkContext open(String master, int slots) {
    Map<String, String> settings = new LinkedHashMap<>();
    String url = master;
    if (master.startsWith("local")) {
      url = "local[" + slots + "]";
    } else {
      if (master.startsWith("spark://")) {
        settings.put("spark.cores.max", Integer.toString(slots));
      } else {
        settings.put("spark.executor.instances", Integer.toString(slots));
      }
      settings.put("spark.executor.cores", "1");
      settings.put("spark.scheduler.minRegisteredResourcesRatio", "1.0");
      settings.put("spark.scheduler.maxRegisteredResourcesWaitingTime", "120s");
    }
    settings.put("spark.ui.showConsoleProgress", "false");
    JavaSparkContext sc = SparkContexts.open("sparksvm scale (" + slots + " executors)", url,
        settings);
    if (!master.startsWith("local")) {
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (sc.sc().getExecutorIds().size() < slots) {
        if (System.nanoTime() > deadline) {
          int got = sc.sc().getExecutorIds().size();
          sc.close();
          throw new IllegalStateException("only " + got + " of " + slots + " executors registered"
              + " within 120 s: does the cluster have " + slots + " free cores and enough memory?");
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          sc.close();
          throw new IllegalStateException("interrupted while waiting for executors", e);
        }
      }
    }
    return sc;
  }

  private static List<Config> configs(Options o, int partitions, long images) {
    List<Config> configs = new ArrayList<>();
    for (int b : o.batches()) {
      configs.add(new Config("strong", Cifar10.CLASSES, b));
    }
    if (o.weakBatch() > 0) {
      configs.add(new Config("weak", Cifar10.CLASSES, o.weakBatch() * partitions));
    }
    for (int[] m : o.models()) {
      configs.add(new Config("model", m[0], m[1]));
    }
    List<Config> fitting = new ArrayList<>();
    for (Config c : configs) {
      if (c.batch() > images) {
        LOG.warn("skipping {} batch {}: larger than the {} training images", c.mode(), c.batch(),
            images);
      } else {
        fitting.add(c);
      }
    }
    return fitting;
  }

  /**
   * Runs warm-up plus timed iterations of an SVM with {@code classes} rows of W (CIFAR-10's labels are
   * 0..9; further classes only make W larger) and returns {@code [phase][iteration]} milliseconds:
   * broadcast, compute, aggregation, driver (with the update of W), scheduling, total. A point reports
   * the median of each of the first four and, as scheduling, what the median total leaves over.
   */
  private static double[][] timeIterations(JavaSparkContext sc, ImageData train, double[] mean,
      Options o, int classes, int batch, int warmup, int timed) {
    MiniBatchGradient math = new MiniBatchGradient(new MulticlassHinge(1), batch, o.seed(),
        train.partitionSizes());
    Weights w = Weights.gaussian(classes, Cifar10.FEATURES, 1e-3, Seeds.derive(o.seed(), classes));
    double[][] ms = new double[6][timed];
    try (SparkObjective objective = new SparkObjective(sc, train, mean, math,
        new L2Regularizer(2.5e4), o.depth())) {
      for (int t = 0; t < warmup + timed; t++) {
        long start = System.nanoTime();
        Objective.Evaluation e = objective.evaluate(w, t);
        long updateStart = System.nanoTime();
        w.addScaled(-1e-7, e.gradient());
        long end = System.nanoTime();
        if (t >= warmup) {
          IterationPhases p = objective.timings().last().plusDriver(end - updateStart);
          int i = t - warmup;
          ms[0][i] = p.broadcastNanos() / 1e6;
          ms[1][i] = p.computeNanos() / 1e6;
          ms[2][i] = p.aggregationNanos() / 1e6;
          ms[3][i] = p.driverNanos() / 1e6;
          ms[4][i] = p.schedulingNanos() / 1e6;
          ms[5][i] = (end - start) / 1e6;
        }
      }
    }
    return ms;
  }

  private static ScalingPoint point(String environment, Config c, int slots, int partitions,
      Options o, double[][] ms) {
    double[] total = ms[5].clone();
    Arrays.sort(total);
    int n = total.length;
    double median = median(ms[5]);
    double broadcast = median(ms[0]);
    double compute = median(ms[1]);
    double aggregation = median(ms[2]);
    double driver = median(ms[3]);
    // The remainder of the median, so that the parts add up to it (medians of parts do not).
    double scheduling = Math.max(0, median - broadcast - compute - aggregation - driver);
    return new ScalingPoint(environment, c.mode(), c.classes(), slots, partitions, c.batch(), n,
        median, total[n / 4], total[Math.min(n - 1, (3 * n) / 4)], broadcast, compute, aggregation,
        driver, scheduling, Double.NaN, Double.NaN, o.depth());
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static List<ScalingPoint> readCsv(String paths) {
    Configuration conf = SparkContexts.hadoopConfiguration();
    List<ScalingPoint> points = new ArrayList<>();
    for (String p : paths.split(",")) {
      Path path = new Path(p.trim());
      try (InputStream in = path.getFileSystem(conf).open(path)) {
        // Each file is one run: speed-ups against that run's own smallest task count.
        points.addAll(ScalingPoint.withScaling(
            ScalingPoint.fromCsv(new String(in.readAllBytes(), StandardCharsets.UTF_8))));
      } catch (IOException e) {
        throw new UncheckedIOException("--from-csv " + p + ": " + e.getMessage(), e);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--from-csv " + p + ": " + e.getMessage());
      }
    }
    if (points.isEmpty()) {
      throw new UsageException("--from-csv " + paths + ": no points");
    }
    return points;
  }

  // ---------------------------------------------------------------------------------------------
  // Reporting

  static void report(List<ScalingPoint> points, Options o, Configuration conf) {
    OutputDirectory out = new OutputDirectory(o.out(), conf);
    out.writeText("scaling.csv", ScalingPoint.toCsv(points));
    System.out.println();
    System.out.println(table(points));

    Map<String, List<ScalingPoint>> byEnvironment = new TreeMap<>();
    for (ScalingPoint p : points) {
      byEnvironment.computeIfAbsent(p.environment(), k -> new ArrayList<>()).add(p);
    }
    Map<String, CostModel> models = new TreeMap<>();
    for (Map.Entry<String, List<ScalingPoint>> e : byEnvironment.entrySet()) {
      String env = e.getKey();
      CostModel model = CostModel.fit(e.getValue());
      models.put(env, model);
      Map<String, Object> json = modelReport(env, model, e.getValue(), o);
      out.writeText("cost-model-" + env + ".json", Json.write(json));
      out.writeText("predictions-" + env + ".csv", predictionsCsv(model, o));
      System.out.println(describe(env, model, e.getValue(), o));
      List<ScalingPoint> envMeans = ScalingPoint.meanOverRuns(e.getValue());
      byte[] modelChart = modelChart(env, model, envMeans, o, false);
      out.write("model-" + env + ".png", s -> s.write(modelChart));
      byte[] speedupChart = modelChart(env, model, envMeans, o, true);
      out.write("model-speedup-" + env + ".png", s -> s.write(speedupChart));
    }
    // Charts show one point per configuration: the mean over the runs of --from-csv.
    List<ScalingPoint> means = ScalingPoint.meanOverRuns(points);
    byte[] strong = measuredChart(means, models, false);
    out.write("strong.png", s -> s.write(strong));
    byte[] speedup = measuredChart(means, models, true);
    out.write("speedup.png", s -> s.write(speedup));
    if (means.stream().anyMatch(p -> p.mode().equals("weak"))) {
      byte[] weak = weakChart(means);
      out.write("weak.png", s -> s.write(weak));
    }
    byte[] phases = phasesChart(means);
    out.write("phases.png", s -> s.write(phases));
    LOG.info("wrote {}/{scaling.csv, cost-model-ENV.json, predictions-ENV.csv, strong.png, "
        + "speedup.png, weak.png, phases.png, model-ENV.png, model-speedup-ENV.png}", out.path());
  }

  /** The measured points as an aligned text table. */
  static String table(List<ScalingPoint> points) {
    StringBuilder t = new StringBuilder(String.format(Locale.ROOT,
        "%-10s %-6s %5s %4s %4s %6s %9s %9s %9s %9s %9s %9s %11s %7s %6s%n", "env", "mode", "C", "exec",
        "part", "batch", "ms/iter", "bcast", "compute", "aggr", "driver", "sched", "examples/s",
        "speedup", "eff"));
    for (ScalingPoint p : points) {
      t.append(String.format(Locale.ROOT,
          "%-10s %-6s %5d %4d %4d %6d %9.1f %9.1f %9.1f %9.1f %9.1f %9.1f %11.0f %7.2f %6.2f%n",
          p.environment(), p.mode(), p.classes(), p.executors(), p.partitions(), p.batch(),
          p.medianMs(), p.broadcastMs(), p.computeMs(), p.aggregationMs(), p.driverMs(),
          p.schedulingMs(), p.examplesPerSecond(), p.speedup(), p.efficiency()));
    }
    return t.toString();
  }

  private static String predictionsCsv(CostModel model, Options o) {
    StringBuilder csv = new StringBuilder("tasks,batch,classes,broadcast_ms,compute_ms,aggregation_ms,"
        + "driver_ms,scheduling_ms,total_ms,speedup,examples_per_second\n");
    for (int c : o.predictClasses()) {
      for (int b : o.predictBatches()) {
        for (int n : o.predictTasks()) {
          CostModel.Prediction p = model.predict(n, b, c);
          csv.append(String.format(Locale.ROOT, "%d,%d,%d,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.1f%n",
              n, b, c, p.broadcastMs(), p.computeMs(), p.aggregationMs(), p.driverMs(),
              p.schedulingMs(), p.totalMs(), model.speedup(n, b, c), b / (p.totalMs() / 1000)));
        }
      }
    }
    return csv.toString();
  }

  private static Map<String, Object> modelReport(String env, CostModel model,
      List<ScalingPoint> points, Options o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("environment", env);
    m.put("blas", LinearBatch.blasName());
    m.put("constants", model.toMap());
    List<Object> fit = new ArrayList<>();
    for (ScalingPoint p : points) {
      CostModel.Prediction pr = model.predict(p.partitions(), p.batch(), p.classes());
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("mode", p.mode());
      f.put("classes", p.classes());
      f.put("tasks", p.partitions());
      f.put("batch", p.batch());
      f.put("measured_ms", p.medianMs());
      f.put("predicted_ms", pr.totalMs());
      fit.add(f);
    }
    m.put("fit", fit);
    List<Object> critical = new ArrayList<>();
    for (int c : o.predictClasses()) {
      for (int n = 1; n <= 256; n *= 2) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("classes", c);
        row.put("from_tasks", n);
        row.put("to_tasks", 2 * n);
        int b = model.criticalBatch(n, c);
        row.put("critical_batch", b == Integer.MAX_VALUE ? null : b);
        critical.add(row);
      }
    }
    m.put("critical_batch", critical);
    List<Object> best = new ArrayList<>();
    for (int c : o.predictClasses()) {
      for (int b : o.predictBatches()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("classes", c);
        row.put("batch", b);
        int n = model.bestTasks(b, c, 512);
        row.put("fastest_tasks_up_to_512", n);
        row.put("ms_per_iteration", model.predict(n, b, c).totalMs());
        best.add(row);
      }
    }
    m.put("fastest", best);
    return m;
  }

  /** The fitted constants, the fit, predictions and where scaling stops, as text. */
  static String describe(String env, CostModel model, List<ScalingPoint> points, Options o) {
    StringBuilder t = new StringBuilder();
    t.append("cost model (").append(env).append(", treeAggregate depth ")
        .append(model.aggregationDepth()).append("), fitted to ").append(points.size())
        .append(" points:\n");
    for (CostModel.Phase phase : CostModel.Phase.values()) {
      double[] c = model.constants(phase);
      t.append(String.format(Locale.ROOT, "  %-12s", phase.name().toLowerCase(Locale.ROOT)));
      for (int i = 0; i < c.length; i++) {
        t.append(String.format(Locale.ROOT, "  %s = %.4g", phase.constants().get(i), c[i]));
      }
      t.append('\n');
    }
    t.append("fit (measured -> predicted ms/iteration):");
    for (ScalingPoint p : points) {
      t.append(String.format(Locale.ROOT, "  %s C=%d n=%d B=%d: %.1f -> %.1f;", p.mode(), p.classes(),
          p.partitions(), p.batch(), p.medianMs(),
          model.predict(p.partitions(), p.batch(), p.classes()).totalMs()));
    }
    t.append("\npredicted ms/iteration (speed-up over 1 task):\n");
    t.append(String.format(Locale.ROOT, "  %6s %6s", "C", "batch"));
    for (int n : o.predictTasks()) {
      t.append(String.format(Locale.ROOT, " %17s", "n=" + n));
    }
    t.append('\n');
    for (int c : o.predictClasses()) {
      for (int b : o.predictBatches()) {
        t.append(String.format(Locale.ROOT, "  %6d %6d", c, b));
        for (int n : o.predictTasks()) {
          t.append(String.format(Locale.ROOT, " %9.1f (%5.2fx)", model.predict(n, b, c).totalMs(),
              model.speedup(n, b, c)));
        }
        t.append('\n');
      }
    }
    t.append("critical batch (below it, doubling the tasks from n makes an iteration slower):\n");
    for (int c : o.predictClasses()) {
      t.append(String.format(Locale.ROOT, "  C=%-5d", c));
      for (int n = 1; n <= 256; n *= 2) {
        int b = model.criticalBatch(n, c);
        t.append(String.format(Locale.ROOT, "  %d->%d: %s", n, 2 * n,
            b == Integer.MAX_VALUE ? "never" : Integer.toString(b)));
      }
      t.append('\n');
    }
    return t.toString();
  }

  private static String groupLabel(ScalingPoint p) {
    return switch (p.mode()) {
      case "weak" -> p.environment() + " weak, " + p.batch() / p.partitions() + " per task";
      case "model" -> p.environment() + " C=" + p.classes() + ", B=" + p.batch();
      default -> p.environment() + " B=" + p.batch();
    };
  }

  /** Measured ms/iteration (or speed-up) against tasks, per group, with the model's dashed lines. */
  private static byte[] measuredChart(List<ScalingPoint> points, Map<String, CostModel> models,
      boolean speedup) {
    Map<String, List<ScalingPoint>> groups = new LinkedHashMap<>();
    for (ScalingPoint p : points) {
      if (!p.mode().equals("weak")) {
        groups.computeIfAbsent(groupLabel(p), k -> new ArrayList<>()).add(p);
      }
    }
    List<Series> series = new ArrayList<>();
    int colour = 0;
    int maxTasks = 1;
    for (Map.Entry<String, List<ScalingPoint>> g : groups.entrySet()) {
      List<ScalingPoint> ps = new ArrayList<>(g.getValue());
      ps.sort((a, b) -> Integer.compare(a.partitions(), b.partitions()));
      double[] x = ps.stream().mapToDouble(ScalingPoint::partitions).toArray();
      double[] y = ps.stream().mapToDouble(p -> speedup ? p.speedup() : p.medianMs()).toArray();
      series.add(new Series(g.getKey() + " (measured)", x, y, Style.MEASURED, colour));
      ScalingPoint first = ps.get(0);
      CostModel model = models.get(first.environment());
      if (model != null) {
        double[] my = new double[x.length];
        for (int i = 0; i < x.length; i++) {
          my[i] = speedup
              ? model.predict(ps.get(0).partitions(), first.batch(), first.classes()).totalMs()
                  / model.predict((int) x[i], first.batch(), first.classes()).totalMs()
              : model.predict((int) x[i], first.batch(), first.classes()).totalMs();
        }
        series.add(new Series(g.getKey() + " (model)", x, my, Style.MODEL, colour));
      }
      maxTasks = Math.max(maxTasks, (int) x[x.length - 1]);
      colour++;
    }
    if (speedup) {
      series.add(new Series("ideal", new double[] {1, maxTasks}, new double[] {1, maxTasks},
          Style.REFERENCE, 0));
      return ScalingCharts.lines("Strong scaling: speed-up over the fewest tasks (fixed global batch)",
          "tasks (executors x 1 core)", "speed-up", series, false, false);
    }
    return ScalingCharts.lines("Strong scaling: median ms per iteration (fixed global batch)",
        "tasks (executors x 1 core)", "ms per iteration", series, false, true);
  }

  private static byte[] weakChart(List<ScalingPoint> points) {
    Map<String, List<ScalingPoint>> groups = new LinkedHashMap<>();
    for (ScalingPoint p : points) {
      if (p.mode().equals("weak")) {
        groups.computeIfAbsent(groupLabel(p), k -> new ArrayList<>()).add(p);
      }
    }
    List<Series> series = new ArrayList<>();
    int colour = 0;
    int maxTasks = 1;
    for (Map.Entry<String, List<ScalingPoint>> g : groups.entrySet()) {
      List<ScalingPoint> ps = new ArrayList<>(g.getValue());
      ps.sort((a, b) -> Integer.compare(a.partitions(), b.partitions()));
      double[] x = ps.stream().mapToDouble(ScalingPoint::partitions).toArray();
      series.add(new Series(g.getKey() + ": efficiency T(1)/T(n)", x,
          ps.stream().mapToDouble(ScalingPoint::efficiency).toArray(), Style.MEASURED, colour++));
      maxTasks = Math.max(maxTasks, (int) x[x.length - 1]);
    }
    series.add(new Series("ideal", new double[] {1, maxTasks}, new double[] {1, 1}, Style.REFERENCE,
        0));
    return ScalingCharts.lines("Weak scaling: efficiency at a fixed batch per task", "tasks",
        "efficiency", series, false, false);
  }

  private static byte[] phasesChart(List<ScalingPoint> points) {
    List<String> bars = new ArrayList<>();
    double[][] values = new double[points.size()][];
    for (int i = 0; i < points.size(); i++) {
      ScalingPoint p = points.get(i);
      bars.add(String.format(Locale.ROOT, "%s %s C=%d n=%d B=%d", p.environment(), p.mode(),
          p.classes(), p.partitions(), p.batch()));
      values[i] = new double[] {p.broadcastMs(), p.computeMs(), p.aggregationMs(), p.driverMs(),
          p.schedulingMs()};
    }
    return ScalingCharts.stackedBars("Where an iteration goes (medians per phase)", "ms per iteration",
        bars, PHASES, values);
  }

  /** Predicted ms/iteration (or speed-up) for 1..512 tasks, with the measured points as markers. */
  private static byte[] modelChart(String env, CostModel model, List<ScalingPoint> points,
      Options o, boolean speedup) {
    List<Series> series = new ArrayList<>();
    int[] tasks = new int[10];
    for (int i = 0; i < tasks.length; i++) {
      tasks[i] = 1 << i;
    }
    double[] x = Arrays.stream(tasks).asDoubleStream().toArray();
    int colour = 0;
    for (int c : o.predictClasses()) {
      for (int b : o.predictBatches()) {
        double[] y = new double[tasks.length];
        for (int i = 0; i < tasks.length; i++) {
          y[i] = speedup ? model.speedup(tasks[i], b, c) : model.predict(tasks[i], b, c).totalMs();
        }
        series.add(new Series("model C=" + c + ", B=" + b, x, y, Style.MODEL, colour));
        List<ScalingPoint> measured = points.stream().filter(p -> p.classes() == c
            && p.batch() == b && !p.mode().equals("weak")).sorted((p, q) -> Integer.compare(
            p.partitions(), q.partitions())).toList();
        if (!measured.isEmpty()) {
          double base = measured.get(0).partitions() == 1 ? measured.get(0).medianMs() : Double.NaN;
          series.add(new Series("measured C=" + c + ", B=" + b,
              measured.stream().mapToDouble(ScalingPoint::partitions).toArray(),
              measured.stream().mapToDouble(p -> speedup ? base / p.medianMs() : p.medianMs())
                  .toArray(), Style.POINTS, colour));
        }
        colour++;
      }
    }
    if (speedup) {
      series.add(new Series("ideal", new double[] {1, 512}, new double[] {1, 512}, Style.REFERENCE,
          0));
      return ScalingCharts.lines("Cost model (" + env + "): predicted speed-up over 1 executor",
          "executors (1 core each)", "speed-up", series, true, true);
    }
    return ScalingCharts.lines("Cost model (" + env + "): predicted ms per iteration",
        "executors (1 core each)", "ms per iteration", series, true, true);
  }
}
