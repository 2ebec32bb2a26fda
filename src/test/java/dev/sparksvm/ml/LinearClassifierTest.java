package dev.sparksvm.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The estimator end to end on generated rows, on local[2]. */
class LinearClassifierTest {
  private static final Dataset<Row> TRAIN = GeneratedFrame.frame(900, 2, 1);
  private static final Dataset<Row> TEST = GeneratedFrame.frame(300, 2, 2);

  private static LinearClassifier quick() {
    return new LinearClassifier().setMaxIter(40).setBatchSize(128).setSeed(5);
  }

  @Test
  void aFitWithNothingSetLearnsRowsItHasNeverSeen() {
    LinearClassificationModel model = new LinearClassifier().fit(TRAIN);
    double accuracy = GeneratedFrame.accuracy(model.transform(TEST));
    assertTrue(accuracy > 0.9, "test accuracy " + accuracy);
    assertEquals(GeneratedFrame.CLASSES, model.numClasses());
    assertEquals(GeneratedFrame.D, model.numFeatures());
    LinearClassificationSummary summary = model.summary();
    assertEquals(LinearParams.DEFAULT_MAX_ITER, summary.totalIterations());
    assertTrue(summary.stepSizeChosen());
    assertEquals("float", summary.precision());
    // 8 floats and a byte label a row, plus the blocks' few dozen bytes.
    assertTrue(summary.bytesPerRow() >= 33 && summary.bytesPerRow() < 40, summary.toString());
    double[] history = summary.objectiveHistory();
    assertTrue(history[history.length - 1] < 0.5 * history[0], summary.toString());
  }

  @Test
  void theSameSeedGivesTheSameBitsOnOneTwoAndThreePartitions() {
    for (int partitions = 1; partitions <= 3; partitions++) {
      LinearClassifier lc = quick().setPrecision("double");
      double[] first =
          lc.fit(GeneratedFrame.frame(500, partitions, 9)).coefficientMatrix().toArray();
      double[] again =
          lc.fit(GeneratedFrame.frame(500, partitions, 9)).coefficientMatrix().toArray();
      assertArrayEquals(first, again, 0.0, partitions + " partitions");
      double[] floats =
          quick().fit(GeneratedFrame.frame(500, partitions, 9)).coefficientMatrix().toArray();
      assertArrayEquals(
          floats,
          quick().fit(GeneratedFrame.frame(500, partitions, 9)).coefficientMatrix().toArray(),
          0.0,
          partitions + " partitions, float");
      if (partitions == 1) {
        double[] otherSeed =
            lc.setSeed(6).fit(GeneratedFrame.frame(500, 1, 9)).coefficientMatrix().toArray();
        assertFalse(Arrays.equals(first, otherSeed), "another seed, other batches");
      }
    }
  }

  @Test
  void theCoefficientsInTheOriginalSpaceReproduceTheRawPredictions() {
    for (boolean standardize : new boolean[] {true, false}) {
      LinearClassificationModel model =
          quick().setPrecision("double").setStandardization(standardize).fit(TRAIN);
      Matrix coef = model.coefficientMatrix();
      Vector intercept = model.interceptVector();
      assertEquals(GeneratedFrame.CLASSES, coef.numRows());
      assertEquals(GeneratedFrame.D, coef.numCols());
      List<Row> rows = model.transform(TEST).select("features", "rawPrediction").collectAsList();
      for (Row row : rows) {
        double[] x = ((Vector) row.get(0)).toArray();
        double[] raw = ((Vector) row.get(1)).toArray();
        for (int c = 0; c < raw.length; c++) {
          double s = intercept.apply(c);
          for (int j = 0; j < x.length; j++) {
            s += coef.apply(c, j) * x[j];
          }
          assertEquals(raw[c], s, 1e-9 * Math.max(1, Math.abs(raw[c])), "class " + c);
        }
      }
      if (standardize) {
        for (int c = 0; c < coef.numRows(); c++) {
          assertEquals(0.0, coef.apply(c, GeneratedFrame.D - 1), 0.0, "a constant feature");
        }
      }
    }
  }

  @Test
  void softmaxGivesProbabilitiesAndAnSvmNone() {
    LinearClassificationModel softmax = quick().fit(TRAIN);
    Row row = softmax.transform(TEST).select("probability", "prediction").first();
    double[] p = ((Vector) row.get(0)).toArray();
    assertEquals(1.0, Arrays.stream(p).sum(), 1e-12);
    assertEquals(((Vector) row.get(0)).argmax(), row.getDouble(1), 0.0);
    assertTrue(softmax.hasProbabilities());

    LinearClassifier svm = quick().setLoss("svm");
    LinearClassificationModel model = svm.fit(TRAIN);
    assertFalse(model.hasProbabilities());
    List<String> columns = Arrays.asList(model.transform(TEST).columns());
    assertTrue(columns.containsAll(List.of("rawPrediction", "prediction")), columns.toString());
    assertFalse(columns.contains("probability"), columns.toString());
    assertFalse(
        Arrays.asList(model.transformSchema(TEST.schema()).fieldNames()).contains("probability"));
    assertFalse(
        Arrays.asList(svm.transformSchema(TRAIN.schema()).fieldNames()).contains("probability"));
    assertTrue(GeneratedFrame.accuracy(model.transform(TEST)) > 0.85);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> model.setThresholds(new double[] {1, 1, 1}).transform(TEST));
    assertTrue(e.getMessage().contains("svm model has none"));
    Vector zeros = org.apache.spark.ml.linalg.Vectors.zeros(GeneratedFrame.D);
    assertThrows(UnsupportedOperationException.class, () -> model.predictProbability(zeros));
  }

  @Test
  void validationRowsAreHeldOutAndTheBestWIsKept() {
    LinearClassificationModel model =
        quick().setMaxIter(60).setStepSize(3.0).setValidationIndicatorCol("held").fit(TRAIN);
    LinearClassificationSummary s = model.summary();
    assertEquals(180, s.validationRows());
    assertEquals(720, s.trainRows());
    long[] steps = s.validationSteps();
    double[] accuracy = s.validationAccuracy();
    assertEquals(20, steps.length, Arrays.toString(steps));
    assertEquals(3, steps[0]);
    assertEquals(60, steps[steps.length - 1]);
    int best = 0;
    for (int k = 1; k < accuracy.length; k++) {
      best = accuracy[k] > accuracy[best] ? k : best;
    }
    assertEquals(steps[best], s.keptStep());
    double kept =
        GeneratedFrame.accuracy(
            model.transform(TRAIN.filter(org.apache.spark.sql.functions.col("held"))));
    assertEquals(accuracy[best], kept, 1.5 / 180, "the kept W scores the best accuracy");
  }

  @Test
  void theSummaryCountsDoubleRowsAtEightBytesAFeature() {
    LinearClassificationSummary s = quick().setPrecision("double").fit(TRAIN).summary();
    assertEquals("double", s.precision());
    assertTrue(s.bytesPerRow() >= 65 && s.bytesPerRow() < 75, s.toString());
    assertEquals(40, s.totalIterations());
    assertEquals(1, s.modelsTrainedTogether());
    assertFalse(s.stepSizeChosen() && s.stepSize() <= 0);
    assertNotEquals(-1, s.keptStep());
  }
}
