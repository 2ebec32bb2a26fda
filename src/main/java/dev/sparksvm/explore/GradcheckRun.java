package dev.sparksvm.explore;

import static dev.sparksvm.options.UsageException.require;

import dev.sparksvm.check.GradientCheck;
import dev.sparksvm.core.Precision;
import dev.sparksvm.core.Seeds;
import dev.sparksvm.core.Weights;
import dev.sparksvm.options.AggregationDepth;
import dev.sparksvm.options.BatchSize;
import dev.sparksvm.options.LossOptions;
import dev.sparksvm.report.GradcheckTable;
import dev.sparksvm.session.Workspace;
import dev.sparksvm.spark.SparkObjective;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * {@code gradcheck}: the analytic gradient against numerical ones (forward and centered
 * differences) on real data, coordinate by coordinate, at a random W; writes {@code gradcheck.csv}
 * and {@code metrics.json}.
 */
public final class GradcheckRun {

  /**
   * The options of {@code gradcheck}.
   *
   * @param coords coordinates of W checked, sampled; empty for all of them
   * @param h finite-difference step
   * @param batch examples the objective averages over
   * @param scale std of the random W checked at
   * @param tol the largest centered relative error (away from kinks) that passes
   */
  public record Options(OptionalInt coords, double h, BatchSize batch, double scale, double tol) {
    public Options {
      require(
          coords.isEmpty() || coords.getAsInt() >= 1,
          "--coords",
          "an integer >= 1 or all",
          "'" + coords.orElse(0) + "'");
      require(h > 0 && Double.isFinite(h), "--h", "a finite number > 0", h);
      Objects.requireNonNull(batch, "batch");
      require(scale > 0 && Double.isFinite(scale), "--scale", "a finite number > 0", scale);
      require(tol > 0 && Double.isFinite(tol), "--tol", "a finite number > 0", tol);
    }

    /** {@code gradcheck}'s defaults: 20 coordinates, h 1e-5, 500 examples, W ~ 1e-3, tol 1e-7. */
    public static Options defaults() {
      return new Options(OptionalInt.of(20), 1e-5, BatchSize.of(500), 1e-3, 1e-7);
    }

    /** The same options checking {@code value} coordinates (empty: all). */
    public Options withCoords(OptionalInt value) {
      return new Options(value, h, batch, scale, tol);
    }

    public Options withH(double value) {
      return new Options(coords, value, batch, scale, tol);
    }

    public Options withBatch(BatchSize value) {
      return new Options(coords, h, value, scale, tol);
    }

    public Options withScale(double value) {
      return new Options(coords, h, batch, value, tol);
    }

    public Options withTol(double value) {
      return new Options(coords, h, batch, scale, value);
    }
  }

  /** The check's report and the metrics written. */
  public record Result(GradientCheck.Report report, Map<String, Object> metrics) {}

  private GradcheckRun() {}

  public static Result run(Workspace ws, LossOptions loss, Options o) {
    long seed = ws.data().seed();
    Weights w =
        Weights.gaussian(
            ws.schema().classes(), ws.schema().features(), o.scale(), Seeds.derive(seed, 0xC4EC));
    int total = w.values().length;
    int count = o.coords().orElse(total);
    require(count <= total, "--coords", "in 1.." + total + " or all", count);
    int[] coords = coordinates(count, total, seed);
    long start = System.nanoTime();
    long jobsBefore = ws.jobs();
    GradientCheck.Report report;
    try (SparkObjective objective =
        ws.objective(loss, o.batch(), AggregationDepth.of(2), Precision.DOUBLE)) {
      report =
          GradientCheck.run(objective, w, coords, o.h(), loss.loss().piecewiseLinear(), loss.reg());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    ws.out().writeText("gradcheck.csv", GradcheckTable.csv(report));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", "gradcheck");
    m.put("loss", loss.loss().label());
    m.put("reg", loss.reg());
    Map<String, Object> max = new LinkedHashMap<>();
    max.put("forward", report.maxForwardError());
    max.put("centered", report.maxCenteredError());
    max.put("centered_away_from_kinks", report.maxCenteredErrorAwayFromKinks());
    m.put("max_rel_error", max);
    m.put("coords", coords.length);
    m.put("kinks", report.kinks());
    m.put("h", o.h());
    m.put("tol", o.tol());
    m.put("passed", report.maxCenteredErrorAwayFromKinks() <= o.tol());
    m.put("batch", ws.batch(o.batch()));
    m.put("objective_loss", report.loss());
    m.put("seconds", seconds);
    m.put("spark_jobs", ws.jobs() - jobsBefore);
    ws.finish(m);
    return new Result(report, m);
  }

  /**
   * {@code count} distinct coordinates of {@code total}, in random order from the seed (all: in
   * order).
   */
  static int[] coordinates(int count, int total, long seed) {
    int[] all = new int[total];
    for (int i = 0; i < total; i++) {
      all[i] = i;
    }
    if (count == total) {
      return all;
    }
    SplittableRandom random = new SplittableRandom(Seeds.derive(seed, 0xC00D));
    int[] coords = new int[count];
    for (int i = 0; i < count; i++) {
      int j = i + random.nextInt(total - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
      coords[i] = all[i];
    }
    return coords;
  }
}
