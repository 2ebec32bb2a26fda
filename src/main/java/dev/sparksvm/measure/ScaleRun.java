package dev.sparksvm.measure;

import dev.sparksvm.input.ImageFiles;
import dev.sparksvm.input.RecordSelection;
import dev.sparksvm.io.OutputDirectory;
import dev.sparksvm.options.DataLocation;
import dev.sparksvm.options.ScaleOptions;
import dev.sparksvm.options.UsageException;
import dev.sparksvm.report.Json;
import dev.sparksvm.report.ScalingPlots;
import dev.sparksvm.scaling.CostModel;
import dev.sparksvm.scaling.DataModel;
import dev.sparksvm.scaling.DataPoint;
import dev.sparksvm.scaling.ScalingPoint;
import dev.sparksvm.scaling.ScalingReport;
import dev.sparksvm.spark.ExecutorBlas;
import dev.sparksvm.spark.Executors;
import dev.sparksvm.spark.ImageData;
import dev.sparksvm.spark.ImageLoader;
import dev.sparksvm.spark.SparkContexts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Strong and weak scaling of one training iteration over 1..N executors or partitions, each
 * iteration split into phases; then a {@link CostModel} fitted to the points, its predictions and
 * the charts.
 *
 * <p>Each executor count is a fresh application: {@code local[E]} for a local master, or {@code
 * spark.cores.max = E} executors of one core each on a standalone cluster (waiting until all have
 * registered). The training set is cached in as many partitions as there are executors, so each
 * executor holds one block and runs one task per iteration.
 */
public final class ScaleRun {
  private static final Logger LOG = LoggerFactory.getLogger(ScaleRun.class);

  private ScaleRun() {}

  /**
   * Measures the executor sweep, or the data-size sweep ({@code --images}), or reads {@code
   * --from-csv}; fits, writes every output, and predicts {@code --predict-data} from the fits.
   */
  public static void run(ScaleOptions o) {
    Configuration conf = SparkContexts.hadoopConfiguration();
    try (OutputDirectory out =
        OutputDirectory.prepare(o.output().dir(), o.output().overwrite(), conf)) {
      List<ScalingPoint> points = List.of();
      List<DataPoint> data = List.of();
      String blas;
      TreeSet<String> names = new TreeSet<>();
      // What a CSV holds is what a model is fitted to, so --from-csv gives the same results.
      if (o.refit().fromCsv() != null) {
        Csv csv = readCsv(o.refit().fromCsv(), conf);
        points = csv.iteration();
        data = csv.data();
        blas = "unknown (fitted from " + o.refit().fromCsv() + ")";
      } else if (o.dataAxis() != null) {
        data = DataPoint.fromCsv(DataPoint.toCsv(DataScaleRun.measure(o, names)));
        blas = String.join(",", names);
      } else {
        points =
            ScalingPoint.withScaling(ScalingPoint.fromCsv(ScalingPoint.toCsv(measure(o, names))));
        blas = String.join(",", names);
      }
      Map<String, CostModel> models =
          points.isEmpty() ? Map.of() : report(points, o.refit().predictions(), blas, out);
      Map<String, DataModel> dataModels =
          data.isEmpty() ? Map.of() : DataScaleReport.report(data, blas, out);
      if (o.refit().predictData() != null) {
        DataScaleReport.predict(
            o.refit().predictData(), points, models, dataModels, o.refit().predictions(), out);
      }
      out.finish(true);
    }
  }

  /** The points of the {@code --from-csv} files: executor sweeps' and data-size sweeps'. */
  private record Csv(List<ScalingPoint> iteration, List<DataPoint> data) {}

  /** {@code local}, {@code standalone}, or the cluster manager's scheme, for a master URL. */
  static String environment(String master) {
    return master.startsWith("local")
        ? "local"
        : master.startsWith("spark://") ? "standalone" : master.replaceAll("[:/].*", "");
  }

  private record Config(String mode, int classes, int batch) {}

  /** Every point of the sweep; adds the executors' BLAS names to {@code blas}. */
  static List<ScalingPoint> measure(ScaleOptions o, SortedSet<String> blas) {
    DataLocation data = DataLocation.resolve(o.data().data(), o.data().seed());
    ImageFiles files =
        ImageFiles.resolve(
            data.path(),
            o.data().request(ImageFiles.Which.TRAINING),
            SparkContexts.hadoopConfiguration());
    String master =
        o.spark().master() != null
            ? o.spark().master()
            : System.getProperty("spark.master", "local");
    Map<String, String> eventLog = o.spark().settings(SparkContexts.hadoopConfiguration());
    String environment = environment(master);
    List<ScalingPoint> points = new ArrayList<>();
    if (o.executors().vary() == ScaleOptions.Vary.PARTITIONS) {
      int slots = o.executors().most();
      sweep(o, files, master, eventLog, environment, slots, o.executors().counts(), points, blas);
    } else {
      for (int e : o.executors().counts()) {
        sweep(o, files, master, eventLog, environment, e, List.of(e), points, blas);
      }
    }
    return points;
  }

  /**
   * One application with {@code slots} task slots; the training set cached in each partition count.
   */
  private static void sweep(
      ScaleOptions o,
      ImageFiles files,
      String master,
      Map<String, String> eventLog,
      String environment,
      int slots,
      List<Integer> partitionCounts,
      List<ScalingPoint> points,
      SortedSet<String> blas) {
    try (JavaSparkContext sc = open(master, slots, eventLog)) {
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
            sc.master(),
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
  }

  /**
   * A context with {@code slots} task slots, all registered before it is returned, with the event
   * log settings {@code eventLog} (empty: none).
   */
  static JavaSparkContext open(String master, int slots, Map<String, String> eventLog) {
    Map<String, String> settings = new LinkedHashMap<>(eventLog);
    String url = master;
    if (master.startsWith("local")) {
      url = "local[" + slots + "]";
    } else {
      settings.put(
          master.startsWith("spark://") ? "spark.cores.max" : "spark.executor.instances",
          Integer.toString(slots));
      settings.put("spark.executor.cores", "1");
      settings.put("spark.scheduler.minRegisteredResourcesRatio", "1.0");
      settings.put("spark.scheduler.maxRegisteredResourcesWaitingTime", "120s");
    }
    JavaSparkContext sc =
        SparkContexts.open("sparksvm scale (" + slots + " executors)", url, settings);
    try {
      Executors.await(sc, slots, 120);
      return sc;
    } catch (RuntimeException e) {
      sc.close();
      throw e;
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

  private static Csv readCsv(String paths, Configuration conf) {
    List<ScalingPoint> points = new ArrayList<>();
    List<DataPoint> data = new ArrayList<>();
    for (String p : paths.split(",", -1)) {
      Path path = new Path(p.trim());
      try (InputStream in = path.getFileSystem(conf).open(path)) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (DataPoint.isCsv(text)) {
          data.addAll(DataPoint.fromCsv(text));
        } else {
          // Each file is one run: speed-ups against that run's own smallest task count.
          points.addAll(ScalingPoint.withScaling(ScalingPoint.fromCsv(text)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("--from-csv " + p + ": " + e.getMessage(), e);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--from-csv " + p + ": " + e.getMessage());
      }
    }
    if (points.isEmpty() && data.isEmpty()) {
      throw new UsageException("--from-csv " + paths + ": no points");
    }
    return new Csv(points, data);
  }

  /**
   * Writes the CSV, the models, their predictions and the charts, and prints the tables; returns
   * the model of each environment.
   */
  static Map<String, CostModel> report(
      List<ScalingPoint> points, ScalingReport report, String blas, OutputDirectory out) {
    out.writeText("scaling.csv", ScalingPoint.toCsv(points));
    System.out.println();
    System.out.println(ScalingReport.table(points));
    Map<String, List<ScalingPoint>> byEnvironment = new TreeMap<>();
    for (ScalingPoint p : points) {
      byEnvironment.computeIfAbsent(p.environment(), k -> new ArrayList<>()).add(p);
    }
    Map<String, CostModel> models = new TreeMap<>();
    for (Map.Entry<String, List<ScalingPoint>> e : byEnvironment.entrySet()) {
      String env = e.getKey();
      CostModel model = CostModel.fit(e.getValue());
      models.put(env, model);
      out.writeText(
          "cost-model-" + env + ".json",
          Json.write(report.modelJson(env, blas, model, e.getValue())));
      int features = ScalingReport.features(e.getValue());
      out.writeText("predictions-" + env + ".csv", report.predictionsCsv(model, features));
      System.out.println(report.describe(env, model, e.getValue()));
      List<ScalingPoint> envMeans = ScalingPoint.meanOverRuns(e.getValue());
      for (boolean speedup : new boolean[] {false, true}) {
        byte[] chart =
            ScalingPlots.model(
                env, model, features, envMeans, report.classes(), report.batches(), speedup);
        out.write((speedup ? "model-speedup-" : "model-") + env + ".png", s -> s.write(chart));
      }
    }
    // Charts show one point per configuration: the mean over the runs of --from-csv.
    List<ScalingPoint> means = ScalingPoint.meanOverRuns(points);
    byte[] strong = ScalingPlots.measured(means, models, false);
    out.write("strong.png", s -> s.write(strong));
    byte[] speedup = ScalingPlots.measured(means, models, true);
    out.write("speedup.png", s -> s.write(speedup));
    if (means.stream().anyMatch(p -> p.mode().equals("weak"))) {
      byte[] weak = ScalingPlots.weak(means);
      out.write("weak.png", s -> s.write(weak));
    }
    byte[] phases = ScalingPlots.phases(means);
    out.write("phases.png", s -> s.write(phases));
    LOG.info(
        "wrote {}/{scaling.csv, cost-model-ENV.json, predictions-ENV.csv, strong.png, "
            + "speedup.png, weak.png, phases.png, model-ENV.png, model-speedup-ENV.png}",
        out.path());
    return models;
  }
}
