package dev.sparksvm.measure;

import dev.sparksvm.ml.LinearClassificationModel;
import dev.sparksvm.ml.LinearClassifier;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The second comparison of {@code ml-bench}: a stepSize x regParam grid through {@code fitMultiple}
 * (one load, one job per step for all models) against one {@code fit} per point, on the same
 * DataFrame; the models must agree to the bit, and the test accuracy of each is reported.
 */
final class MlGrid {
  private MlGrid() {}

  static Map<String, Object> run(
      Dataset<Row> train,
      Dataset<Row> test,
      int iterations,
      double[] stepSizes,
      double[] regParams) {
    LinearClassifier lc = new LinearClassifier();
    if (iterations > 0) {
      lc.setMaxIter(iterations);
    }
    ParamMap[] grid =
        new ParamGridBuilder()
            .addGrid(lc.stepSize(), stepSizes)
            .addGrid(lc.regParam(), regParams)
            .build();
    long start = System.nanoTime();
    LinearClassificationModel[] together = lc.fitMultiple(train, grid);
    double togetherSeconds = (System.nanoTime() - start) / 1e9;
    start = System.nanoTime();
    LinearClassificationModel[] apart = new LinearClassificationModel[grid.length];
    for (int k = 0; k < grid.length; k++) {
      apart[k] = lc.fit(train, grid[k]);
    }
    double apartSeconds = (System.nanoTime() - start) / 1e9;
    boolean identical = true;
    double[] accuracy = new double[grid.length];
    int best = 0;
    for (int k = 0; k < grid.length; k++) {
      identical &=
          Arrays.equals(
              together[k].coefficientMatrix().toArray(), apart[k].coefficientMatrix().toArray());
      accuracy[k] = MlFits.accuracy(together[k].transform(test));
      best = accuracy[k] > accuracy[best] ? k : best;
    }
    System.out.printf(
        Locale.ROOT,
        "grid %d x %d, %s steps: fitMultiple %.1f s, %d fits %.1f s (%.2f of their time);"
            + " models bit-identical: %b; best test accuracy %.4f (stepSize %s, regParam %s)%n",
        stepSizes.length,
        regParams.length,
        iterations > 0 ? Integer.toString(iterations) : "default",
        togetherSeconds,
        grid.length,
        apartSeconds,
        togetherSeconds / apartSeconds,
        identical,
        accuracy[best],
        together[best].getStepSize(),
        together[best].getRegParam());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("step_sizes", stepSizes);
    m.put("reg_params", regParams);
    m.put("fit_multiple_seconds", togetherSeconds);
    m.put("separate_fits_seconds", apartSeconds);
    m.put("ratio", togetherSeconds / apartSeconds);
    m.put("bit_identical", identical);
    m.put("test_accuracy", accuracy);
    m.put("best_step_size", together[best].getStepSize());
    m.put("best_reg_param", together[best].getRegParam());
    m.put("best_test_accuracy", accuracy[best]);
    return m;
  }
}
