package dev.sparksvm.report;

import dev.sparksvm.check.GradientCheck;
import java.util.Locale;

/** A gradient check's rows as {@code gradcheck.csv} and as the table {@code gradcheck} prints. */
public final class GradcheckTable {
  private GradcheckTable() {}

  /** Every row, full precision. */
  public static String csv(GradientCheck.Report report) {
    StringBuilder csv =
        new StringBuilder(
            "index,class,feature,analytic,forward,centered,"
                + "forward_rel_error,centered_rel_error,kink\n");
    for (GradientCheck.Row r : report.rows()) {
      csv.append(
          String.format(
              Locale.ROOT,
              "%d,%d,%d,%.17g,%.17g,%.17g,%.6e,%.6e,%b%n",
              r.index(),
              r.cls(),
              r.feature(),
              r.analytic(),
              r.forward(),
              r.centered(),
              r.forwardError(),
              r.centeredError(),
              r.kink()));
    }
    return csv.toString();
  }

  /** The first {@code maxRows} rows aligned for a terminal; a kink is marked after its row. */
  public static String table(GradientCheck.Report report, int maxRows) {
    StringBuilder t =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%8s %5s %7s %14s %14s %14s %11s %11s%n",
                "index",
                "class",
                "feature",
                "analytic",
                "forward",
                "centered",
                "rel_fwd",
                "rel_ctr"));
    int shown = 0;
    for (GradientCheck.Row r : report.rows()) {
      if (shown++ == maxRows) {
        t.append(
            String.format("... %d more rows in gradcheck.csv%n", report.rows().size() - maxRows));
        break;
      }
      t.append(
          String.format(
              Locale.ROOT,
              "%8d %5d %7d %14.6e %14.6e %14.6e %11.3e %11.3e%s%n",
              r.index(),
              r.cls(),
              r.feature(),
              r.analytic(),
              r.forward(),
              r.centered(),
              r.forwardError(),
              r.centeredError(),
              r.kink() ? " * kink" : ""));
    }
    return t.toString();
  }
}
