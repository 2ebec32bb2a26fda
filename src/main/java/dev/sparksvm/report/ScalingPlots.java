package dev.sparksvm.report;

import dev.sparksvm.report.LineChart.Series;
import dev.sparksvm.report.LineChart.Style;
import dev.sparksvm.scaling.CostModel;
import dev.sparksvm.scaling.ScalingPoint;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The charts of a scaling sweep: measured ms per iteration and speed-up against tasks with the cost
 * model's dashed lines, weak-scaling efficiency, where an iteration's time goes (stacked bars), and
 * the model's predictions up to 512 executors. Points are one per configuration (mean over runs).
 */
public final class ScalingPlots {
  private static final List<String> PHASES =
      List.of("broadcast", "compute", "aggregation", "driver + update", "scheduling");
  private static final Color[] PHASE_COLORS = {
    new Color(0x1f77b4),
    new Color(0xd62728),
    new Color(0x2ca02c),
    new Color(0xff7f0e),
    new Color(0x9467bd)
  };

  private ScalingPlots() {}

  /**
   * Measured ms/iteration (or speed-up) against tasks, per group, with the model's dashed lines.
   */
  public static byte[] measured(
      List<ScalingPoint> points, Map<String, CostModel> models, boolean speedup) {
    Map<String, List<ScalingPoint>> groups = groups(points, false);
    List<Series> series = new ArrayList<>();
    int colour = 0;
    int maxTasks = 1;
    for (Map.Entry<String, List<ScalingPoint>> g : groups.entrySet()) {
      List<ScalingPoint> ps = g.getValue();
      double[] x = ps.stream().mapToDouble(ScalingPoint::partitions).toArray();
      double[] y = ps.stream().mapToDouble(p -> speedup ? p.speedup() : p.medianMs()).toArray();
      series.add(new Series(g.getKey() + " (measured)", x, y, Style.MEASURED, colour));
      ScalingPoint first = ps.get(0);
      CostModel model = models.get(first.environment());
      if (model != null) {
        double base =
            model
                .predict(first.partitions(), first.batch(), first.classes(), first.features())
                .totalMs();
        double[] my = new double[x.length];
        for (int i = 0; i < x.length; i++) {
          double ms =
              model.predict((int) x[i], first.batch(), first.classes(), first.features()).totalMs();
          my[i] = speedup ? base / ms : ms;
        }
        series.add(new Series(g.getKey() + " (model)", x, my, Style.MODEL, colour));
      }
      maxTasks = Math.max(maxTasks, (int) x[x.length - 1]);
      colour++;
    }
    if (speedup) {
      series.add(
          new Series(
              "ideal", new double[] {1, maxTasks}, new double[] {1, maxTasks}, Style.REFERENCE, 0));
      return LineChart.of(
              "Strong scaling: speed-up over the fewest tasks (fixed global batch)",
              "tasks (executors x 1 core)",
              "speed-up")
          .add(series)
          .yFromZero()
          .png();
    }
    return LineChart.of(
            "Strong scaling: median ms per iteration (fixed global batch)",
            "tasks (executors x 1 core)",
            "ms per iteration")
        .add(series)
        .logY()
        .png();
  }

  /** Weak scaling: efficiency T(1)/T(n) at a fixed batch per task. */
  public static byte[] weak(List<ScalingPoint> points) {
    List<Series> series = new ArrayList<>();
    int colour = 0;
    int maxTasks = 1;
    for (Map.Entry<String, List<ScalingPoint>> g : groups(points, true).entrySet()) {
      List<ScalingPoint> ps = g.getValue();
      double[] x = ps.stream().mapToDouble(ScalingPoint::partitions).toArray();
      series.add(
          new Series(
              g.getKey() + ": efficiency T(1)/T(n)",
              x,
              ps.stream().mapToDouble(ScalingPoint::efficiency).toArray(),
              Style.MEASURED,
              colour++));
      maxTasks = Math.max(maxTasks, (int) x[x.length - 1]);
    }
    series.add(
        new Series("ideal", new double[] {1, maxTasks}, new double[] {1, 1}, Style.REFERENCE, 0));
    return LineChart.of("Weak scaling: efficiency at a fixed batch per task", "tasks", "efficiency")
        .add(series)
        .yFromZero()
        .png();
  }

  /** Stacked bars: where each point's median iteration goes. */
  public static byte[] phases(List<ScalingPoint> points) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (ScalingPoint p : points) {
      String bar =
          String.format(
              Locale.ROOT,
              "%s %s C=%d n=%d B=%d",
              p.environment(),
              p.mode(),
              p.classes(),
              p.partitions(),
              p.batch());
      double[] values = {
        p.broadcastMs(), p.computeMs(), p.aggregationMs(), p.driverMs(), p.schedulingMs()
      };
      for (int i = 0; i < PHASES.size(); i++) {
        data.addValue(values[i], PHASES.get(i), bar);
      }
    }
    JFreeChart chart =
        ChartFactory.createStackedBarChart(
            "Where an iteration goes (medians per phase)",
            null,
            "ms per iteration",
            data,
            PlotOrientation.HORIZONTAL,
            true,
            false,
            false);
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
    StackedBarRenderer renderer = (StackedBarRenderer) plot.getRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    for (int i = 0; i < PHASES.size(); i++) {
      renderer.setSeriesPaint(i, PHASE_COLORS[i]);
    }
    return Png.of(chart, 1000, Math.max(640, 120 + 28 * points.size()));
  }

  /**
   * The model's predicted ms/iteration (or speed-up) for 1..512 executors at each (classes, batch),
   * over {@code features} features, with the measured points as markers.
   */
  public static byte[] model(
      String env,
      CostModel model,
      int features,
      List<ScalingPoint> points,
      List<Integer> classes,
      List<Integer> batches,
      boolean speedup) {
    List<Series> series = new ArrayList<>();
    double[] x = new double[10];
    for (int i = 0; i < x.length; i++) {
      x[i] = 1 << i;
    }
    int colour = 0;
    for (int c : classes) {
      for (int b : batches) {
        double[] y =
            Arrays.stream(x)
                .map(
                    n ->
                        speedup
                            ? model.speedup((int) n, b, c, features)
                            : model.predict((int) n, b, c, features).totalMs())
                .toArray();
        series.add(new Series("model C=" + c + ", B=" + b, x, y, Style.MODEL, colour));
        List<ScalingPoint> measured =
            points.stream()
                .filter(p -> p.classes() == c && p.batch() == b && !p.mode().equals("weak"))
                .sorted((p, q) -> Integer.compare(p.partitions(), q.partitions()))
                .toList();
        if (!measured.isEmpty()) {
          double base = measured.get(0).partitions() == 1 ? measured.get(0).medianMs() : Double.NaN;
          series.add(
              new Series(
                  "measured C=" + c + ", B=" + b,
                  measured.stream().mapToDouble(ScalingPoint::partitions).toArray(),
                  measured.stream()
                      .mapToDouble(p -> speedup ? base / p.medianMs() : p.medianMs())
                      .toArray(),
                  Style.POINTS,
                  colour));
        }
        colour++;
      }
    }
    if (speedup) {
      series.add(
          new Series("ideal", new double[] {1, 512}, new double[] {1, 512}, Style.REFERENCE, 0));
      return LineChart.of(
              "Cost model (" + env + "): predicted speed-up over 1 executor",
              "executors (1 core each)",
              "speed-up")
          .add(series)
          .logX(2)
          .logY()
          .png();
    }
    return LineChart.of(
            "Cost model (" + env + "): predicted ms per iteration",
            "executors (1 core each)",
            "ms per iteration")
        .add(series)
        .logX(2)
        .logY()
        .png();
  }

  /** Points grouped by what a line joins (environment, mode, classes, batch), sorted by tasks. */
  private static Map<String, List<ScalingPoint>> groups(List<ScalingPoint> points, boolean weak) {
    Map<String, List<ScalingPoint>> groups = new LinkedHashMap<>();
    for (ScalingPoint p : points) {
      if (p.mode().equals("weak") == weak) {
        groups.computeIfAbsent(label(p), k -> new ArrayList<>()).add(p);
      }
    }
    groups
        .values()
        .forEach(ps -> ps.sort((a, b) -> Integer.compare(a.partitions(), b.partitions())));
    return groups;
  }

  private static String label(ScalingPoint p) {
    return switch (p.mode()) {
      case "weak" -> p.environment() + " weak, " + p.batch() / p.partitions() + " per task";
      case "model" -> p.environment() + " C=" + p.classes() + ", B=" + p.batch();
      default -> p.environment() + " B=" + p.batch();
    };
  }
}
