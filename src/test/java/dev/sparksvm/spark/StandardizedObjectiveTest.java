package dev.sparksvm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.core.L2Regularizer;
import dev.sparksvm.core.Precision;
import dev.sparksvm.core.Softmax;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Preprocessing;
import dev.sparksvm.optim.MiniBatchPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The gradient of the objective over standardized DataFrame rows against centered differences of a
 * reference written here with plain loops on the raw rows: mean and sample std by two passes, the
 * scores through the folded-back coefficients {@code W[c][j] / std_j} and intercepts, softmax
 * cross-entropy and the penalty {@code reg * |W|^2}.
 */
class StandardizedObjectiveTest {
  private static final int N = 60;
  private static final int D = 5;
  private static final int C = 3;
  private static final double REG = 0.05;

  @Test
  void theGradientOfTheStandardizedObjectiveIsTheDerivativeOfTheRawRowsLoss() {
    SplittableRandom r = new SplittableRandom(3);
    double[][] x = new double[N][D];
    int[] y = new int[N];
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      y[i] = i % C;
      for (int j = 0; j < D; j++) {
        x[i][j] = j == 4 ? 7.0 : 100 * j + Math.pow(10, j - 2) * (r.nextGaussian() + y[i]);
      }
      rows.add(RowFactory.create((double) y[i], Vectors.dense(x[i].clone())));
    }
    StructType schema =
        new StructType(
            new StructField[] {
              new StructField("label", DataTypes.DoubleType, false, Metadata.empty()),
              new StructField("features", SQLDataTypes.VectorType(), false, Metadata.empty())
            });
    FrameBlocks blocks =
        FrameLoader.load(
            LocalSession.get().createDataFrame(LocalSpark.get().parallelize(rows, 2), schema),
            FrameColumns.vector("label", "features"),
            false,
            0,
            "gradient check");
    double[] mean = new double[D];
    double[] std = new double[D];
    for (int j = 0; j < D; j++) {
      for (double[] row : x) {
        mean[j] += row[j];
      }
      mean[j] /= N;
      for (double[] row : x) {
        std[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / (N - 1);
      }
      std[j] = Math.sqrt(std[j]);
    }
    Preprocessing pre = blocks.preprocessing(true);
    Weights w = Weights.gaussian(C, D + 1, 0.3, 11);
    try (SparkObjective objective =
        new SparkObjective(
            LocalSpark.get(),
            blocks.train(),
            pre,
            new MiniBatchPlan(N, 1, blocks.train().partitionSizes()),
            new Softmax(),
            new L2Regularizer(REG),
            1,
            Precision.DOUBLE)) {
      double[] analytic = objective.evaluate(w, 0).gradient().values();
      double h = 1e-5;
      for (int k = 0; k < w.values().length; k++) {
        Weights plus = w.copy();
        plus.values()[k] += h;
        Weights minus = w.copy();
        minus.values()[k] -= h;
        double centered = (loss(plus, x, y, mean, std) - loss(minus, x, y, mean, std)) / (2 * h);
        double error =
            Math.abs(analytic[k] - centered)
                / Math.max(1e-8, Math.abs(analytic[k]) + Math.abs(centered));
        assertTrue(error < 1e-6, "coordinate " + k + ": " + analytic[k] + " vs " + centered);
        if (k % (D + 1) == 4) {
          assertEquals(
              2 * REG * w.values()[k], centered, 1e-8, "a constant feature moves no score");
        }
      }
      assertEquals(loss(w, x, y, mean, std), objective.loss(w, 0), 1e-9);
    } finally {
      blocks.unpersist();
    }
  }

  /** Mean softmax loss of the raw rows through the folded-back model, plus the penalty. */
  private static double loss(Weights w, double[][] x, int[] y, double[] mean, double[] std) {
    double total = 0;
    for (int i = 0; i < N; i++) {
      double[] s = new double[C];
      for (int c = 0; c < C; c++) {
        double intercept = w.get(c, D);
        double score = 0;
        for (int j = 0; j < D; j++) {
          double coefficient = std[j] > 0 ? w.get(c, j) / std[j] : 0;
          score += coefficient * x[i][j];
          intercept -= coefficient * mean[j];
        }
        s[c] = score + intercept;
      }
      double max = Math.max(s[0], Math.max(s[1], s[2]));
      double sum = 0;
      for (double v : s) {
        sum += Math.exp(v - max);
      }
      total += Math.log(sum) + max - s[y[i]];
    }
    return total / N + REG * w.squaredNorm();
  }
}
