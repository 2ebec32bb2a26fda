package dev.sparksvm.cli;

import dev.sparksvm.check.GradientCheck;
import dev.sparksvm.core.Seeds;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Cifar10;
import dev.sparksvm.optim.StepSizeSweep;
import dev.sparksvm.report.Charts;
import dev.sparksvm.spark.SparkObjective;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code sweep}: at a random W, the loss after one step {@code W - step * grad} for step sizes 1e-10
 * .. 1e-1, as in CS231n's notes; the gradient is analytic, or numerical with {@code --numerical}.
 */
final class SweepCommand {

  private SweepCommand() {}

  static String usage() {
    return """
        sweep: loss after one gradient step W - step * grad, for step sizes 1e-10 .. 1e-1.
          --numerical        use the numerical gradient (centered differences, every coordinate;
                             costly: 61,461 losses, so --batch defaults to 500 with it)
          --batch N          examples the loss averages over (default 0: all training images)
          --scale X          std of the random W (default 1e-3)
          --loss svm|softmax (default svm);  --reg X (default 0: the notes' data loss)
          --data, --val, --partitions, --seed, --out, --master as in train
        """;
  }

  static int run(String[] argv) {
    Args a = Args.parse("sweep", argv, 1, CommonOptions.with("batch", "scale"),
        java.util.Set.of("verbose", "help", "numerical"));
    CommonOptions common = CommonOptions.from("sweep", a, 0.0);
    boolean numerical = a.flag("numerical");
    int batch = a.integer("batch", numerical ? 500 : 0);
    double scale = a.real("scale", 1e-3);
    if (batch < 0 || !(scale > 0)) {
      throw new UsageException("sweep: --batch must be >= 0 and --scale > 0");
    }
    try (Session session = Session.open("sweep", common)) {
      sweep(session, numerical, batch, scale);
    }
    return 0;
  }

  static List<StepSizeSweep.Row> sweep(Session session, boolean numerical, int batch,
      double scale) {
    Weights w = Weights.gaussian(Cifar10.CLASSES, Cifar10.FEATURES, scale,
        Seeds.derive(session.options.seed(), 0x5EE9));
    long start = System.nanoTime();
    long jobsBefore = session.jobs.jobs();
    List<StepSizeSweep.Row> rows;
    double original;
    try (SparkObjective objective = session.objective(batch)) {
      Weights gradient;
      if (numerical) {
        int[] all = new int[w.values().length];
        for (int i = 0; i < all.length; i++) {
          all[i] = i;
        }
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
    System.out.printf(Locale.ROOT, "original loss: %.6f (%s gradient)%n", original,
        numerical ? "numerical" : "analytic");
    StringBuilder csv = new StringBuilder("step_size,loss\n");
    List<Map<String, Object>> table = new ArrayList<>();
    double[] x = new double[rows.size()];
    double[] y = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      StepSizeSweep.Row r = rows.get(i);
      System.out.printf(Locale.ROOT, "for step size %.0e new loss: %.6f%n", r.stepSize(), r.loss());
      csv.append(String.format(Locale.ROOT, "%.0e,%.17g%n", r.stepSize(), r.loss()));
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("step_size", r.stepSize());
      row.put("loss", r.loss());
      table.add(row);
      x[i] = r.stepSize();
      y[i] = r.loss();
    }
    session.out.writeText("sweep.csv", csv.toString());
    double[] flatX = {x[0], x[x.length - 1]};
    double[] flatY = {original, original};
    session.out.write("sweep.png", o -> o.write(Charts.lines(
        "Loss after one step W - step * grad (" + (numerical ? "numerical" : "analytic") + ")",
        "step size", "loss", List.of(new Charts.Series("after the step", x, y),
            new Charts.Series("before the step", flatX, flatY)), true, true)));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", "sweep");
    m.put("gradient", numerical ? "numerical" : "analytic");
    m.put("loss", session.options.loss());
    m.put("reg", session.options.reg());
    m.put("batch", batch == 0 ? session.set.train().count() : batch);
    m.put("original_loss", original);
    m.put("table", table);
    m.put("seconds", seconds);
    m.put("spark_jobs", session.jobs.jobs() - jobsBefore);
    session.writeMetrics(m);
    return rows;
  }
}
