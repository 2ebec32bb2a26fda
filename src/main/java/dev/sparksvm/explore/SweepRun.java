package dev.sparksvm.explore;

import static dev.sparksvm.options.UsageException.require;

import dev.sparksvm.check.GradientCheck;
import dev.sparksvm.core.Precision;
import dev.sparksvm.core.Seeds;
import dev.sparksvm.core.Weights;
import dev.sparksvm.optim.StepSizeSweep;
import dev.sparksvm.options.AggregationDepth;
import dev.sparksvm.options.BatchSize;
import dev.sparksvm.options.LossOptions;
import dev.sparksvm.report.LineChart;
import dev.sparksvm.report.LineChart.Series;
import dev.sparksvm.session.Workspace;
import dev.sparksvm.spark.SparkObjective;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@code sweep}: CS231n's step-size table, the loss after one step {@code W - step * grad} for step
 * sizes 1e-10 .. 1e-1, with the analytic gradient or (slowly) the numerical one; writes {@code
 * sweep.csv}, {@code sweep.png} and {@code metrics.json}.
 */
public final class SweepRun {

  /**
   * The options of {@code sweep}.
   *
   * @param numerical use the numerical gradient (centered differences over every coordinate)
   * @param batch examples the objective averages over
   * @param scale std of the random W
   */
  public record Options(boolean numerical, BatchSize batch, double scale) {
    public Options {
      Objects.requireNonNull(batch, "batch");
      require(scale > 0 && Double.isFinite(scale), "--scale", "a finite number > 0", scale);
    }
  }

  /** The loss before the step and after each step size. */
  public record Result(
      double original, List<StepSizeSweep.Row> rows, Map<String, Object> metrics) {}

  private SweepRun() {}

  public static Result run(Workspace ws, LossOptions loss, Options o) {
    Weights w =
        Weights.gaussian(
            ws.schema().classes(),
            ws.schema().features(),
            o.scale(),
            Seeds.derive(ws.data().seed(), 0x5EE9));
    long start = System.nanoTime();
    long jobsBefore = ws.jobs();
    List<StepSizeSweep.Row> rows;
    double original;
    try (SparkObjective objective =
        ws.objective(loss, o.batch(), AggregationDepth.of(2), Precision.DOUBLE)) {
      Weights gradient;
      if (o.numerical()) {
        int[] all = GradcheckRun.coordinates(w.values().length, w.values().length, 0);
        GradientCheck.Report report = GradientCheck.run(objective, w, all, 1e-5, false, 0);
        double[] g = new double[all.length];
        for (GradientCheck.Row r : report.rows()) {
          g[r.index()] = r.centered();
        }
        gradient = new Weights(w.classes(), w.features(), g);
        original = report.loss();
      } else {
        var e = objective.evaluate(w, 0);
        gradient = e.gradient();
        original = e.loss();
      }
      rows = StepSizeSweep.run(objective, w, gradient, StepSizeSweep.notesStepSizes());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    StringBuilder csv = new StringBuilder("step_size,loss\n");
    List<Map<String, Object>> table = new ArrayList<>();
    double[] x = new double[rows.size()];
    double[] y = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      StepSizeSweep.Row r = rows.get(i);
      csv.append(String.format(Locale.ROOT, "%.0e,%.17g%n", r.stepSize(), r.loss()));
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("step_size", r.stepSize());
      row.put("loss", r.loss());
      table.add(row);
      x[i] = r.stepSize();
      y[i] = r.loss();
    }
    ws.out().writeText("sweep.csv", csv.toString());
    String kind = o.numerical() ? "numerical" : "analytic";
    byte[] chart =
        LineChart.of("Loss after one step W - step * grad (" + kind + ")", "step size", "loss")
            .add(
                List.of(
                    Series.line("after the step", x, y, 0),
                    Series.line(
                        "before the step",
                        new double[] {x[0], x[x.length - 1]},
                        new double[] {original, original},
                        1)))
            .logX(10)
            .logY()
            .png();
    ws.out().write("sweep.png", s -> s.write(chart));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", "sweep");
    m.put("gradient", kind);
    m.put("loss", loss.loss().label());
    m.put("reg", loss.reg());
    m.put("batch", ws.batch(o.batch()));
    m.put("original_loss", original);
    m.put("table", table);
    m.put("seconds", seconds);
    m.put("spark_jobs", ws.jobs() - jobsBefore);
    ws.finish(m);
    return new Result(original, rows, m);
  }
}
