package dev.sparksvm.cli;

import dev.sparksvm.check.GradientCheck;
import dev.sparksvm.core.Seeds;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Cifar10;
import dev.sparksvm.spark.SparkObjective;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code gradcheck}: the analytic gradient against numerical ones (forward and centered differences)
 * on real data, coordinate by coordinate; exit code 1 when the centered error exceeds {@code --tol}.
 */
final class GradcheckCommand {

  private GradcheckCommand() {}

  static String usage() {
    return """
        gradcheck: analytic vs numerical gradient (forward and centered differences) of the objective.
          --coords K|all     coordinates of W checked, sampled (default 20) or all 30,730
          --h X              finite-difference step (default 1e-5)
          --batch N          examples the objective averages over (default 500; 0: all)
          --scale X          std of the random W checked at (default 1e-3)
          --tol X            exit 1 when the max centered relative error exceeds it (default 1e-5
                             for svm, 1e-7 for softmax). For the SVM, coordinates whose step
                             crosses a kink of the hinge are flagged and left out of this test
          --loss svm|softmax, --reg X (default as in train), --data, --val, --partitions, --seed,
          --out, --master as in train
        """;
  }

  static int run(String[] argv) {
    Args a = Args.parse("gradcheck", argv, 1, CommonOptions.with("coords", "h", "batch", "scale",
        "tol"), Main.FLAGS);
    CommonOptions common = CommonOptions.from("gradcheck", a, null);
    String coordsOption = a.string("coords", "20");
    int coords = coordsOption.equals("all") ? Cifar10.CLASSES * Cifar10.FEATURES
        : a.integer("coords", 20);
    double h = a.real("h", 1e-5);
    int batch = a.integer("batch", 500);
    double scale = a.real("scale", 1e-3);
    double tol = a.real("tol", "softmax".equals(common.loss()) ? 1e-7 : 1e-5);
    if (coords < 1 || coords > Cifar10.CLASSES * Cifar10.FEATURES) {
      throw new UsageException("gradcheck: --coords must be in 1.." + Cifar10.CLASSES * Cifar10.FEATURES
          + " or all, got " + coordsOption);
    }
    if (!(h > 0) || batch < 0 || !(scale > 0) || !(tol > 0)) {
      throw new UsageException("gradcheck: --h, --scale and --tol must be > 0 and --batch >= 0");
    }
    try (Session session = Session.open("gradcheck", common)) {
      GradientCheck.Report report = check(session, coords, h, batch, scale);
      return report.maxCenteredErrorAwayFromKinks() <= tol ? 0 : 1;
    }
  }

  /** Runs the check, prints the table, writes gradcheck.csv and metrics.json. */
  static GradientCheck.Report check(Session session, int coordCount, double h, int batch,
      double scale) {
    long seed = session.options.seed();
    Weights w = Weights.gaussian(Cifar10.CLASSES, Cifar10.FEATURES, scale, Seeds.derive(seed, 0xC4EC));
    int total = w.values().length;
    int[] coords = new int[coordCount];
    if (coordCount == total) {
      for (int i = 0; i < total; i++) {
        coords[i] = i;
      }
    } else {
      // Distinct coordinates, in random order, reproducible from the seed.
      int[] all = new int[total];
      for (int i = 0; i < total; i++) {
        all[i] = i;
      }
      SplittableRandom random = new SplittableRandom(Seeds.derive(seed, 0xC00D));
      for (int i = 0; i < coordCount; i++) {
        int j = i + random.nextInt(total - i);
        int t = all[i];
        all[i] = all[j];
        all[j] = t;
        coords[i] = all[i];
      }
    }
    long start = System.nanoTime();
    long jobsBefore = session.jobs.jobs();
    GradientCheck.Report report;
    try (SparkObjective objective = session.objective(batch)) {
      report = GradientCheck.run(objective, w, coords, h, "svm".equals(session.options.loss()),
          session.options.reg());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    StringBuilder csv = new StringBuilder(
        "index,class,feature,analytic,forward,centered,forward_rel_error,centered_rel_error,kink\n");
    int shown = 0;
    System.out.printf("%8s %5s %7s %14s %14s %14s %11s %11s%n", "index", "class", "feature",
        "analytic", "forward", "centered", "rel_fwd", "rel_ctr");
    // A kink within h of W is marked with '*' after the centered error.
    for (GradientCheck.Row r : report.rows()) {
      csv.append(String.format(Locale.ROOT, "%d,%d,%d,%.17g,%.17g,%.17g,%.6e,%.6e,%b%n", r.index(),
          r.cls(), r.feature(), r.analytic(), r.forward(), r.centered(), r.forwardError(),
          r.centeredError(), r.kink()));
      if (shown++ < 50) {
        System.out.printf(Locale.ROOT, "%8d %5d %7d %14.6e %14.6e %14.6e %11.3e %11.3e%s%n",
            r.index(), r.cls(), r.feature(), r.analytic(), r.forward(), r.centered(),
            r.forwardError(), r.centeredError(), r.kink() ? " * kink" : "");
      }
    }
    if (report.rows().size() > shown) {
      System.out.printf("... %d more rows in gradcheck.csv%n", report.rows().size() - shown);
    }
    System.out.printf(Locale.ROOT, "max relative error: forward %.3e, centered %.3e (%s, %d coordinates,"
        + " h %.0e, %d examples, %.1f s)%n", report.maxForwardError(), report.maxCenteredError(),
        session.options.loss(), coords.length, h, batch == 0 ? session.set.train().count() : batch,
        seconds);
    if (report.kinks() > 0) {
      System.out.printf(Locale.ROOT, "%d of %d coordinates cross a kink within h; centered error away "
          + "from kinks: %.3e%n", report.kinks(), coords.length,
          report.maxCenteredErrorAwayFromKinks());
    }
    session.out.writeText("gradcheck.csv", csv.toString());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", "gradcheck");
    m.put("loss", session.options.loss());
    m.put("reg", session.options.reg());
    Map<String, Object> max = new LinkedHashMap<>();
    max.put("forward", report.maxForwardError());
    max.put("centered", report.maxCenteredError());
    max.put("centered_away_from_kinks", report.maxCenteredErrorAwayFromKinks());
    m.put("max_rel_error", max);
    m.put("coords", coords.length);
    m.put("kinks", report.kinks());
    m.put("h", h);
    m.put("batch", batch == 0 ? session.set.train().count() : batch);
    m.put("objective_loss", report.loss());
    m.put("seconds", seconds);
    m.put("spark_jobs", session.jobs.jobs() - jobsBefore);
    session.writeMetrics(m);
    return report;
  }
}
