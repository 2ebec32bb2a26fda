package dev.sparksvm.measure;

import dev.sparksvm.input.ImageFiles;
import dev.sparksvm.io.InputOverlap;
import dev.sparksvm.io.OutputDirectory;
import dev.sparksvm.options.ScaleOptions;
import dev.sparksvm.options.SparkOptions;
import dev.sparksvm.options.UsageException;
import dev.sparksvm.report.Json;
import dev.sparksvm.report.ScalingPlots;
import dev.sparksvm.scaling.CostModel;
import dev.sparksvm.scaling.DataModel;
import dev.sparksvm.scaling.DataPoint;
import dev.sparksvm.scaling.RunMeans;
import dev.sparksvm.scaling.ScalingPoint;
import dev.sparksvm.scaling.ScalingReport;
import dev.sparksvm.session.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code scale}: the executor sweep ({@link ExecutorSweep}), or the data-size sweep ({@code
 * --images}, {@link DataScaleRun}), or the points of earlier sweeps ({@code --from-csv}); then a
 * {@link CostModel} (or {@link DataModel}) fitted to the points, its predictions and the charts.
 */
public final class ScaleRun {
  private static final Logger LOG = LoggerFactory.getLogger(ScaleRun.class);

  private ScaleRun() {}

  /**
   * Measures the executor sweep, or the data-size sweep ({@code --images}), or reads {@code
   * --from-csv}; fits, writes every output, and predicts {@code --predict-data} from the fits.
   */
  public static void run(ScaleOptions o) {
    String refit = o.refit().fromCsv();
    if (refit != null) {
      // What a CSV holds is what a model is fitted to, so --from-csv gives the same results.
      try (Session<Csv> s =
          Session.prepare(
              "scale",
              o.spark(),
              o.output(),
              conf -> readCsv(refit, conf),
              csv -> csvInputs(refit))) {
        Csv csv = s.inputs();
        report(o, s, csv.iteration(), csv.data(), "unknown (fitted from " + refit + ")");
      }
      return;
    }
    TreeSet<String> blas = new TreeSet<>();
    if (o.dataAxis() != null) {
      try (Session<ImageFiles> s =
          Session.prepare(
              "scale",
              o.spark().orMaster(DataScaleRun.DEFAULT_MASTER),
              o.output(),
              conf -> DataScaleRun.given(o, conf),
              files ->
                  withFiles(
                      files,
                      InputOverlap.Input.of("--data", o.data().data()),
                      InputOverlap.Input.of("--work", o.dataAxis().work())))) {
        List<DataPoint> data = DataScaleRun.measure(s, o, blas);
        report(o, s, List.of(), DataPoint.fromCsv(DataPoint.toCsv(data)), String.join(",", blas));
      }
      return;
    }
    SparkOptions spark = o.spark().orMaster("local");
    try (Session<ImageFiles> s =
        Session.prepare(
            "scale",
            spark,
            o.output(),
            conf -> ExecutorSweep.files(o.data(), conf),
            files -> withFiles(files, InputOverlap.Input.of("--data", o.data().data())))) {
      List<ScalingPoint> points = ExecutorSweep.measure(s, spark.master(), o, blas);
      report(
          o,
          s,
          ScalingPoint.withScaling(ScalingPoint.fromCsv(ScalingPoint.toCsv(points))),
          List.of(),
          String.join(",", blas));
    }
  }

  /** Each file of {@code --from-csv}: kept apart from --out. */
  private static List<InputOverlap.Input> csvInputs(String paths) {
    List<InputOverlap.Input> reads = new ArrayList<>();
    for (String p : paths.split(",", -1)) {
      reads.add(InputOverlap.Input.of("--from-csv", p.trim()));
    }
    return reads;
  }

  /** {@code given} and each data file of {@code files} (null: none): kept apart from --out. */
  private static List<InputOverlap.Input> withFiles(ImageFiles files, InputOverlap.Input... given) {
    List<InputOverlap.Input> reads = new ArrayList<>(List.of(given));
    if (files != null) {
      for (String file : files.paths()) {
        reads.add(InputOverlap.Input.of("--data", file));
      }
    }
    return reads;
  }

  /** Fits, writes every output and predicts {@code --predict-data} from the fits. */
  private static void report(
      ScaleOptions o,
      Session<?> session,
      List<ScalingPoint> points,
      List<DataPoint> data,
      String blas) {
    OutputDirectory out = session.out();
    ScalingReport predictions = o.refit().predictions();
    Map<String, CostModel> models =
        points.isEmpty() ? Map.of() : report(points, predictions, blas, out);
    Map<String, DataModel> dataModels =
        data.isEmpty() ? Map.of() : DataScaleReport.report(data, blas, out);
    if (o.refit().predictData() != null) {
      DataScaleReport.predict(
          o.refit().predictData(), points, models, dataModels, predictions, out);
    }
    out.finish(true);
  }

  /** The points of the {@code --from-csv} files: executor sweeps' and data-size sweeps'. */
  private record Csv(List<ScalingPoint> iteration, List<DataPoint> data) {}

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
      List<ScalingPoint> envMeans = RunMeans.of(e.getValue());
      for (boolean speedup : new boolean[] {false, true}) {
        byte[] chart =
            ScalingPlots.model(
                env, model, features, envMeans, report.classes(), report.batches(), speedup);
        out.write((speedup ? "model-speedup-" : "model-") + env + ".png", s -> s.write(chart));
      }
    }
    // Charts show one point per configuration: the mean over the runs of --from-csv.
    List<ScalingPoint> means = RunMeans.of(points);
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
