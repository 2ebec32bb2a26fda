package dev.sparksvm.baseline;

import dev.sparksvm.ml.LinearClassificationModel;
import dev.sparksvm.ml.LinearClassifier;
import dev.sparksvm.spark.ImageFrames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A yardstick of the spark.ml face ({@code ml-bench}'s second comparison, and its tuning run): a
 * stepSize x regParam grid through {@code fitMultiple} (one load, one job per step for all models)
 * against one {@code fit} per point, on the same DataFrame; the models must agree to the bit, and
 * the test accuracy of each is reported.
 */
public final class GridFits {
  private GridFits() {}

  private static boolean sameCoefficients(
      LinearClassificationModel a, LinearClassificationModel b) {
    return Arrays.equals(a.coefficientMatrix().toArray(), b.coefficientMatrix().toArray());
  }

  private static double last(double[] values) {
    return values.length == 0 ? Double.NaN : values[values.length - 1];
  }

  /**
   * @param loss the models' loss (null: the estimator's default)
   * @param separately also fit each point alone and compare (else only fitMultiple: a tuning run)
   */
  /**
   * What a grid did: its figures for metrics.json and the lines to print.
   *
   * @param metrics the figures by name
   * @param lines one per grid point, then the summary
   */
  public record Outcome(Map<String, Object> metrics, List<String> lines) {}

  public static Outcome run(
      ImageFrames frames,
      String loss,
      int iterations,
      double[] stepSizes,
      double[] regParams,
      boolean separately) {
    Dataset<Row> train = frames.train();
    Dataset<Row> test = frames.test();
    List<String> lines = new ArrayList<>();
    LinearClassifier lc = new LinearClassifier();
    if (loss != null) {
      lc.setLoss(loss);
    }
    if (iterations > 0) {
      lc.setMaxIter(iterations);
    }
    ParamMap[] grid =
        new ParamGridBuilder()
            .addGrid(lc.stepSize(), stepSizes)
            .addGrid(lc.regParam(), regParams)
            .build();
    // One untimed one-step fit first: the first pass over the Parquet rows (and the JIT's first
    // compilations of the reader and the loop) would otherwise be charged to whichever side ran
    // first, here fitMultiple (a 3-11 s load against 0.7-1.8 s for the fits after it).
    lc.fit(train, new ParamMap().put(lc.maxIter(), 1));
    long start = System.nanoTime();
    LinearClassificationModel[] together = lc.fitMultiple(train, grid);
    double togetherSeconds = (System.nanoTime() - start) / 1e9;
    double againSeconds = Double.NaN;
    double apartSeconds = Double.NaN;
    boolean identical = true;
    if (separately) {
      start = System.nanoTime();
      for (int k = 0; k < grid.length; k++) {
        LinearClassificationModel apart = lc.fit(train, grid[k]);
        identical &= sameCoefficients(together[k], apart);
      }
      apartSeconds = (System.nanoTime() - start) / 1e9;
      // fitMultiple again after the fits (A B A): the JVM keeps getting faster for minutes (its
      // compilers, its first touches of the heap), and the first fitMultiple ran in the coldest
      // JVM: 23.9 s, then 16.7 s after the fits, in one run. The mean of the two against the fits
      // cancels that drift instead of charging it to whichever side goes first.
      start = System.nanoTime();
      LinearClassificationModel[] again = lc.fitMultiple(train, grid);
      againSeconds = (System.nanoTime() - start) / 1e9;
      for (int k = 0; k < grid.length; k++) {
        identical &= sameCoefficients(together[k], again[k]);
      }
    }
    double meanSeconds = separately ? (togetherSeconds + againSeconds) / 2 : togetherSeconds;
    double[] accuracy = new double[grid.length];
    int best = 0;
    for (int k = 0; k < grid.length; k++) {
      accuracy[k] = ClassifierFits.accuracy(together[k].transform(test));
      best = accuracy[k] > accuracy[best] ? k : best;
      lines.add(
          String.format(
              Locale.ROOT,
              "  %s stepSize %-8s regParam %-8s test accuracy %.4f, final objective %.4f%s",
              lc.getLoss(),
              together[k].getStepSize(),
              together[k].getRegParam(),
              accuracy[k],
              last(together[k].summary().objectiveHistory()),
              together[k].summary().diverged() ? " (diverged)" : ""));
    }
    String versus =
        separately
            ? String.format(
                Locale.ROOT,
                " before and %.1f s after %d fits of %.1f s (mean %.1f s: %.2f of their time);"
                    + " models bit-identical: %b",
                againSeconds,
                grid.length,
                apartSeconds,
                meanSeconds,
                meanSeconds / apartSeconds,
                identical)
            : "";
    lines.add(
        String.format(
            Locale.ROOT,
            "grid %d x %d of %s, %d steps: fitMultiple %.1f s%s; best test accuracy %.4f (stepSize"
                + " %s, regParam %s)",
            stepSizes.length,
            regParams.length,
            lc.getLoss(),
            lc.getMaxIter(),
            togetherSeconds,
            versus,
            accuracy[best],
            together[best].getStepSize(),
            together[best].getRegParam()));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("loss", lc.getLoss());
    m.put("iterations", lc.getMaxIter());
    m.put("step_sizes", stepSizes);
    m.put("reg_params", regParams);
    m.put("fit_multiple_seconds", meanSeconds);
    if (separately) {
      m.put("fit_multiple_runs_seconds", new double[] {togetherSeconds, againSeconds});
      m.put("separate_fits_seconds", apartSeconds);
      m.put("ratio", meanSeconds / apartSeconds);
      m.put("bit_identical", identical);
    }
    m.put("test_accuracy", accuracy);
    m.put("best_step_size", together[best].getStepSize());
    m.put("best_reg_param", together[best].getRegParam());
    m.put("best_test_accuracy", accuracy[best]);
    return new Outcome(m, lines);
  }
}
