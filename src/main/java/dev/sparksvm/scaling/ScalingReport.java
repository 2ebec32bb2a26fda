package dev.sparksvm.scaling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text and data a scaling sweep reports, without Spark: the measured points as a table, the
 * fitted model's constants, fit and predictions as text, JSON-ready maps and CSV. Predictions are
 * for models over the D of the measured data ({@link #features(List)}).
 *
 * @param tasks executor counts of the predictions
 * @param batches global batches of the predictions
 * @param classes class counts of the predictions
 */
public record ScalingReport(List<Integer> tasks, List<Integer> batches, List<Integer> classes) {

  /** The measured points as an aligned text table. */
  public static String table(List<ScalingPoint> points) {
    StringBuilder t =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%-10s %-6s %5s %4s %4s %6s %9s %9s %9s %9s %9s %9s %11s %7s %6s%n",
                "env",
                "mode",
                "C",
                "exec",
                "part",
                "batch",
                "ms/iter",
                "bcast",
                "compute",
                "aggr",
                "driver",
                "sched",
                "examples/s",
                "speedup",
                "eff"));
    for (ScalingPoint p : points) {
      t.append(
          String.format(
              Locale.ROOT,
              "%-10s %-6s %5d %4d %4d %6d %9.1f %9.1f %9.1f %9.1f %9.1f %9.1f %11.0f %7.2f %6.2f%n",
              p.environment(),
              p.mode(),
              p.classes(),
              p.executors(),
              p.partitions(),
              p.batch(),
              p.medianMs(),
              p.broadcastMs(),
              p.computeMs(),
              p.aggregationMs(),
              p.driverMs(),
              p.schedulingMs(),
              p.examplesPerSecond(),
              p.speedup(),
              p.efficiency()));
    }
    return t.toString();
  }

  /**
   * D of the points' data, which the predictions use (the first point's: a sweep has one data set).
   */
  public static int features(List<ScalingPoint> points) {
    return points.get(0).features();
  }

  /**
   * {@code predictions-ENV.csv}: every (classes, batch, tasks) the report predicts, over D
   * features.
   */
  public String predictionsCsv(CostModel model, int features) {
    StringBuilder csv =
        new StringBuilder(
            "tasks,batch,classes,features,broadcast_ms,compute_ms,"
                + "aggregation_ms,driver_ms,scheduling_ms,total_ms,speedup,examples_per_second\n");
    for (int c : classes) {
      for (int b : batches) {
        for (int n : tasks) {
          CostModel.Prediction p = model.predict(n, b, c, features);
          csv.append(
              String.format(
                  Locale.ROOT,
                  "%d,%d,%d,%d,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.1f%n",
                  n,
                  b,
                  c,
                  features,
                  p.broadcastMs(),
                  p.computeMs(),
                  p.aggregationMs(),
                  p.driverMs(),
                  p.schedulingMs(),
                  p.totalMs(),
                  model.speedup(n, b, c, features),
                  b / (p.totalMs() / 1000)));
        }
      }
    }
    return csv.toString();
  }

  /**
   * {@code cost-model-ENV.json}: the constants, the fit, the critical batches and the fastest task
   * counts.
   *
   * @param blas the BLAS the measured executors ran (the constants hold for it alone)
   */
  public Map<String, Object> modelJson(
      String env, String blas, CostModel model, List<ScalingPoint> points) {
    int d = features(points);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("environment", env);
    m.put("executor_blas", blas);
    m.put("features", d);
    m.put("constants", model.toMap());
    List<Object> fit = new ArrayList<>();
    for (ScalingPoint p : points) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("mode", p.mode());
      f.put("classes", p.classes());
      f.put("tasks", p.partitions());
      f.put("batch", p.batch());
      f.put("measured_ms", p.medianMs());
      f.put(
          "predicted_ms",
          model.predict(p.partitions(), p.batch(), p.classes(), p.features()).totalMs());
      fit.add(f);
    }
    m.put("fit", fit);
    List<Object> critical = new ArrayList<>();
    for (int c : classes) {
      for (int n = 1; n <= 256; n *= 2) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("classes", c);
        row.put("from_tasks", n);
        row.put("to_tasks", 2 * n);
        int b = model.criticalBatch(n, c, d);
        row.put("critical_batch", b == Integer.MAX_VALUE ? null : b);
        critical.add(row);
      }
    }
    m.put("critical_batch", critical);
    List<Object> best = new ArrayList<>();
    for (int c : classes) {
      for (int b : batches) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("classes", c);
        row.put("batch", b);
        int n = model.bestTasks(b, c, d, 512);
        row.put("fastest_tasks_up_to_512", n);
        row.put("ms_per_iteration", model.predict(n, b, c, d).totalMs());
        best.add(row);
      }
    }
    m.put("fastest", best);
    return m;
  }

  /** The fitted constants, the fit, predictions and where scaling stops, as text. */
  public String describe(String env, CostModel model, List<ScalingPoint> points) {
    int d = features(points);
    StringBuilder t = new StringBuilder();
    t.append("cost model (")
        .append(env)
        .append(", treeAggregate depth ")
        .append(model.aggregationDepth())
        .append("), fitted to ")
        .append(points.size())
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
      t.append(
          String.format(
              Locale.ROOT,
              "  %s C=%d n=%d B=%d: %.1f -> %.1f;",
              p.mode(),
              p.classes(),
              p.partitions(),
              p.batch(),
              p.medianMs(),
              model.predict(p.partitions(), p.batch(), p.classes(), p.features()).totalMs()));
    }
    t.append("\npredicted ms/iteration (speed-up over 1 task), D = ").append(d).append(":\n");
    t.append(String.format(Locale.ROOT, "  %6s %6s", "C", "batch"));
    for (int n : tasks) {
      t.append(String.format(Locale.ROOT, " %17s", "n=" + n));
    }
    t.append('\n');
    for (int c : classes) {
      for (int b : batches) {
        t.append(String.format(Locale.ROOT, "  %6d %6d", c, b));
        for (int n : tasks) {
          t.append(
              String.format(
                  Locale.ROOT,
                  " %9.1f (%5.2fx)",
                  model.predict(n, b, c, d).totalMs(),
                  model.speedup(n, b, c, d)));
        }
        t.append('\n');
      }
    }
    t.append("critical batch (below it, doubling the tasks from n makes an iteration slower):\n");
    for (int c : classes) {
      t.append(String.format(Locale.ROOT, "  C=%-5d", c));
      for (int n = 1; n <= 256; n *= 2) {
        int b = model.criticalBatch(n, c, d);
        t.append(
            String.format(
                Locale.ROOT,
                "  %d->%d: %s",
                n,
                2 * n,
                b == Integer.MAX_VALUE ? "never" : Integer.toString(b)));
      }
      t.append('\n');
    }
    return t.toString();
  }
}
