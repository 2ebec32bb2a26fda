package dev.sparksvm.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.spark.JobCounter;
import dev.sparksvm.spark.LocalSpark;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.ml.tuning.TrainValidationSplit;
import org.apache.spark.ml.tuning.TrainValidationSplitModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

/**
 * fitMultiple against fits one by one, and Spark's CrossValidator and TrainValidationSplit against
 * the same comparison run by hand, on local[2].
 */
class TuningTest {
  private static final Dataset<Row> DATA = GeneratedFrame.frame(600, 2, 3);
  private static final MulticlassClassificationEvaluator ACCURACY =
      new MulticlassClassificationEvaluator().setMetricName("accuracy");

  private static LinearClassifier estimator() {
    return new LinearClassifier().setMaxIter(30).setBatchSize(64).setSeed(17);
  }

  /** 2 x 2: a step size that learns and one too small to; no and heavy regularization. */
  private static ParamMap[] grid(LinearClassifier lc) {
    return new ParamGridBuilder()
        .addGrid(lc.stepSize(), new double[] {1e-4, 0.5})
        .addGrid(lc.regParam(), new double[] {0.0, 3.0})
        .build();
  }

  @Test
  void fitMultiplesModelKIsTheBitsOfFitWithMapKAlone() {
    LinearClassifier lc = estimator();
    ParamMap[] grid = grid(lc);
    ParamMap auto = ParamMap.empty().put(lc.regParam(), 0.1); // step size by the sweep
    ParamMap longer = ParamMap.empty().put(lc.maxIter(), 35).put(lc.stepSize(), 0.2);
    ParamMap[] maps = {grid[0], grid[1], grid[2], grid[3], auto, longer};
    JobCounter jobs = JobCounter.attach(LocalSpark.get());
    try {
      long before = jobs.jobs();
      LinearClassificationModel[] together = lc.fitMultiple(DATA, maps);
      long togetherJobs = jobs.jobs() - before;
      long aloneJobs = 0;
      for (int k = 0; k < maps.length; k++) {
        long start = jobs.jobs();
        LinearClassificationModel alone = lc.fit(DATA, maps[k]);
        aloneJobs += jobs.jobs() - start;
        assertArrayEquals(
            alone.coefficientMatrix().toArray(),
            together[k].coefficientMatrix().toArray(),
            0.0,
            "map " + k);
        assertArrayEquals(
            alone.interceptVector().toArray(), together[k].interceptVector().toArray(), 0.0);
        assertTrue(together[k].hasParent());
        assertEquals(alone.getStepSize(), together[k].getStepSize(), 0.0);
        assertEquals(alone.getRegParam(), together[k].getRegParam(), 0.0);
        assertEquals(alone.summary().stepSize(), together[k].summary().stepSize(), 0.0, "map " + k);
      }
      assertEquals(5, together[0].summary().modelsTrainedTogether());
      assertEquals(1, together[5].summary().modelsTrainedTogether(), "maxIter differs");
      assertTrue(together[4].summary().stepSizeChosen());
      // One load, the sweep's two passes, 30 steps for five models side by side, 35 for the sixth;
      // alone, six loads and 30 steps each (35 for the last) and the same sweep.
      assertEquals(1 + 2 + 30 + 35, togetherJobs);
      assertEquals(6 + 5 * 30 + 2 + 35, aloneJobs);
    } finally {
      LocalSpark.get().sc().removeSparkListener(jobs);
    }
  }

  @Test
  void crossValidatorPicksTheGridPointTheHandRunComparisonPicks() {
    LinearClassifier lc = estimator();
    ParamMap[] grid = grid(lc);
    CrossValidatorModel cv =
        new CrossValidator()
            .setEstimator(lc)
            .setEstimatorParamMaps(grid)
            .setEvaluator(ACCURACY)
            .setFoldCol("fold")
            .setNumFolds(2)
            .setParallelism(2)
            .fit(DATA);
    double[] byHand = new double[grid.length];
    for (int fold = 0; fold < 2; fold++) {
      Dataset<Row> train = DATA.filter(functions.col("fold").notEqual(fold));
      Dataset<Row> validation = DATA.filter(functions.col("fold").equalTo(fold));
      for (int k = 0; k < grid.length; k++) {
        LinearClassificationModel model = lc.fit(train, grid[k]);
        byHand[k] += ACCURACY.evaluate(model.transform(validation)) / 2;
      }
    }
    assertArrayEquals(byHand, cv.avgMetrics(), 1e-12);
    int best = 0;
    for (int k = 1; k < byHand.length; k++) {
      best = byHand[k] > byHand[best] ? k : best;
    }
    LinearClassificationModel chosen = (LinearClassificationModel) cv.bestModel();
    assertEquals((Double) grid[best].apply(lc.stepSize()), chosen.getStepSize(), 0.0);
    assertEquals((Double) grid[best].apply(lc.regParam()), chosen.getRegParam(), 0.0);
    assertTrue(byHand[best] > 0.85 && byHand[0] < byHand[best], java.util.Arrays.toString(byHand));
  }

  @Test
  void trainValidationSplitAgreesWithTheHandRunComparison() {
    LinearClassifier lc = estimator().setLoss("svm");
    ParamMap[] grid = grid(lc);
    TrainValidationSplitModel tvs =
        new TrainValidationSplit()
            .setEstimator(lc)
            .setEstimatorParamMaps(grid)
            .setEvaluator(ACCURACY)
            .setTrainRatio(0.75)
            .setSeed(23)
            .fit(DATA);
    Dataset<Row>[] split = DATA.randomSplit(new double[] {0.75, 0.25}, 23);
    double[] byHand = new double[grid.length];
    for (int k = 0; k < grid.length; k++) {
      byHand[k] = ACCURACY.evaluate(lc.fit(split[0], grid[k]).transform(split[1]));
    }
    assertArrayEquals(byHand, tvs.validationMetrics(), 1e-12);
  }

  @Test
  void tuneScoresEveryMapOnTheHeldOutRowsAndNamesTheBest() {
    LinearClassifier lc = estimator().setValidationIndicatorCol("held");
    ParamMap[] grid = grid(lc);
    TuningResult result = lc.tune(DATA, grid, ACCURACY);
    Dataset<Row> held = DATA.filter(functions.col("held"));
    LinearClassificationModel[] models = lc.fitMultiple(DATA, grid);
    for (int k = 0; k < grid.length; k++) {
      assertEquals(ACCURACY.evaluate(models[k].transform(held)), result.metrics()[k], 0.0);
    }
    double[] m = result.metrics();
    for (double v : m) {
      assertTrue(v <= result.bestMetric());
    }
    assertEquals(m[result.bestIndex()], result.bestMetric(), 0.0);
    assertSame(result.models()[result.bestIndex()], result.bestModel());
    assertTrue(result.toString().startsWith(result.bestIndex() == 0 ? "* " : "  "));

    TuningResult split = estimator().tune(DATA, grid, ACCURACY);
    assertEquals(4, split.metrics().length);
    assertTrue(split.bestMetric() > 0.85, split.toString());
  }
}
