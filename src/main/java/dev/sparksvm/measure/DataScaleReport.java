package dev.sparksvm.measure;

import dev.sparksvm.core.Aggregation;
import dev.sparksvm.io.OutputDirectory;
import dev.sparksvm.options.UsageException;
import dev.sparksvm.report.DataScalingPlots;
import dev.sparksvm.report.Json;
import dev.sparksvm.scaling.CostModel;
import dev.sparksvm.scaling.DataModel;
import dev.sparksvm.scaling.DataPoint;
import dev.sparksvm.scaling.DataSetPrediction;
import dev.sparksvm.scaling.PredictionReport;
import dev.sparksvm.scaling.ScalingPoint;
import dev.sparksvm.scaling.ScalingReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outputs of a data-size sweep ({@code data-scaling.csv}, {@code data-scaling.png}, {@code
 * partitions.png}, {@code data-model-ENV.json}, the crossover of the aggregation paths) and the
 * prediction of {@code --predict-data} ({@code prediction-NAME-ENV.csv} and {@code .txt}).
 */
final class DataScaleReport {
  private DataScaleReport() {}

  /** Writes and prints the data sweep's outputs; returns the data model of each environment. */
  static Map<String, DataModel> report(List<DataPoint> points, String blas, OutputDirectory out) {
    out.writeText("data-scaling.csv", DataPoint.toCsv(points));
    System.out.println();
    System.out.println(table(points));
    Map<String, List<DataPoint>> byEnvironment = new TreeMap<>();
    points.forEach(
        p -> byEnvironment.computeIfAbsent(p.environment(), k -> new ArrayList<>()).add(p));
    Map<String, DataModel> models = new TreeMap<>();
    Map<String, Integer> crossovers = DataModel.crossovers(points);
    byEnvironment.forEach(
        (env, ps) -> {
          DataModel model = DataModel.fit(ps);
          models.put(env, model);
          Map<String, Object> json = new LinkedHashMap<>();
          json.put("environment", env);
          json.put("executor_blas", blas);
          json.put("data_model", model.toMap());
          Map<String, Object> cross = new LinkedHashMap<>();
          crossovers.forEach(
              (k, v) -> {
                if (k.startsWith(env + " ")) {
                  cross.put(k.substring(env.length() + 1), v == 0 ? null : v);
                }
              });
          json.put("tree_faster_from_partitions", cross);
          json.put("direct_max_partitions_in_code", Aggregation.DIRECT_MAX_PARTITIONS);
          out.writeText("data-model-" + env + ".json", Json.write(json));
          System.out.println(model.describe());
        });
    crossovers.forEach(
        (k, v) ->
            System.out.println(
                "aggregation paths, "
                    + k
                    + ": "
                    + (v == 0
                        ? "the direct path was as fast or faster at every partition count measured"
                        : "treeAggregate is faster from P = " + v)
                    + " (Aggregation.DIRECT_MAX_PARTITIONS = "
                    + Aggregation.DIRECT_MAX_PARTITIONS
                    + ")"));
    byte[] steps = DataScalingPlots.stepsAgainstImages(points);
    out.write("data-scaling.png", s -> s.write(steps));
    if (points.stream().mapToInt(DataPoint::partitions).distinct().count() > 1) {
      byte[] partitions = DataScalingPlots.stepsAgainstPartitions(points);
      out.write("partitions.png", s -> s.write(partitions));
    }
    return models;
  }

  /** The points as an aligned text table. */
  static String table(List<DataPoint> points) {
    StringBuilder t =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%-6s %10s %5s %-7s %6s %8s %9s %13s %10s %10s  %s%n",
                "system",
                "images",
                "part",
                "path",
                "batch",
                "load s",
                "load MB/s",
                "cached B/img",
                "median ms",
                "examples/s",
                "note"));
    for (DataPoint p : points) {
      t.append(
          String.format(
              Locale.ROOT,
              "%-6s %10d %5d %-7s %6d %8.2f %9.0f %13.1f %10.2f %10.0f" + "  %s%n",
              p.system(),
              p.images(),
              p.partitions(),
              p.path(),
              p.batch(),
              p.loadSeconds(),
              p.loadMbPerSecond(),
              p.cachedBytesPerImage(),
              p.medianMs(),
              p.batch() / (p.medianMs() / 1000),
              p.note()));
    }
    return t.toString();
  }

  /**
   * Predicts training on {@code target} for each environment that has both an iteration model (from
   * an executor sweep with two or more class counts) and a data model.
   */
  static void predict(
      DataSetPrediction.Target target,
      List<ScalingPoint> points,
      Map<String, CostModel> models,
      Map<String, DataModel> dataModels,
      ScalingReport report,
      OutputDirectory out) {
    if (models.isEmpty() || dataModels.isEmpty()) {
      throw new UsageException(
          "--predict-data needs both an executor sweep's scaling.csv and a data"
              + " sweep's data-scaling.csv in --from-csv");
    }
    int predicted = 0;
    for (Map.Entry<String, CostModel> e : models.entrySet()) {
      String env = e.getKey();
      long classCounts =
          points.stream()
              .filter(p -> p.environment().equals(env))
              .mapToInt(ScalingPoint::classes)
              .distinct()
              .count();
      DataModel data =
          dataModels.containsKey(env)
              ? dataModels.get(env)
              : dataModels.size() == 1 ? dataModels.values().iterator().next() : null;
      if (classCounts < 2 || data == null) {
        System.out.println(
            "no prediction for "
                + env
                + ": "
                + (data == null
                    ? "no data sweep of this environment"
                    : "its points have one class count; the "
                        + "per-class constants need scale's --models points"));
        continue;
      }
      List<DataSetPrediction.Row> rows =
          DataSetPrediction.predict(
              target,
              e.getValue(),
              data,
              report.tasks(),
              report.batches(),
              Aggregation.DIRECT_MAX_PARTITIONS);
      String name = "prediction-" + target.name() + "-" + env;
      String text = PredictionReport.describe(target, env, rows);
      out.writeText(name + ".csv", PredictionReport.csv(target, rows));
      out.writeText(name + ".txt", text);
      System.out.println(text);
      predicted++;
    }
    if (predicted == 0) {
      throw new UsageException(
          "--predict-data: no environment has both an executor sweep with "
              + "two or more class counts (--models) and a data sweep");
    }
  }
}
