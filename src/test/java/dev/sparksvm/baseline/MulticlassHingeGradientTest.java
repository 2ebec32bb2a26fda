package dev.sparksvm.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.core.Batch;
import dev.sparksvm.core.LinearBatch;
import dev.sparksvm.core.MulticlassHinge;
import dev.sparksvm.core.Weights;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.spark.mllib.linalg.DenseVector;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.junit.jupiter.api.Test;

/**
 * MLlib's per-example hinge gradient against the core's score-space loss and two-GEMM batch path.
 */
class MulticlassHingeGradientTest {

  @Test
  void cs231nExample() {
    // CS231n "Linear classification": scores [13, -7, 11], true class 0, delta 10 -> loss 8, and
    // only
    // class 2 violates the margin. One feature x = 1 makes W's column the scores.
    DenseVector g = (DenseVector) Vectors.zeros(3);
    double loss =
        new MulticlassHingeGradient(3, 10)
            .compute(Vectors.dense(1), 0, Vectors.dense(13, -7, 11), g);
    assertEquals(8.0, loss, 0.0);
    assertArrayEquals(new double[] {-1, 0, 1}, g.values(), 0.0);
  }

  @Test
  void summedOverExamplesEqualsTheCoreBatchGradient() {
    for (int[] shape : new int[][] {{10, 3073, 6}, {4, 9, 8}}) {
      int classes = shape[0];
      int features = shape[1];
      int rows = shape[2];
      SplittableRandom random = new SplittableRandom(17 + features);
      double[] x = new double[rows * features];
      for (int k = 0; k < x.length; k++) {
        x[k] = 100 * random.nextGaussian(); // pixel-minus-mean sized
      }
      int[] labels = new int[rows];
      for (int i = 0; i < rows; i++) {
        labels[i] = random.nextInt(classes);
      }
      // Scale so that some but not all margins are violated.
      Weights w = Weights.gaussian(classes, features, 1.0 / (100 * Math.sqrt(features)), 5);

      double[] expectedGradient = new double[classes * features];
      double expectedLoss =
          LinearBatch.addLossAndGradient(
              w, Batch.of(x, labels, features), new MulticlassHinge(1), expectedGradient);

      MulticlassHingeGradient gradient = new MulticlassHingeGradient(classes);
      DenseVector cum = (DenseVector) Vectors.zeros(classes * features);
      Vector weights = Vectors.dense(w.values());
      double loss = 0;
      for (int i = 0; i < rows; i++) {
        double[] row = Arrays.copyOfRange(x, i * features, (i + 1) * features);
        loss += gradient.compute(Vectors.dense(row), labels[i], weights, cum);
      }

      assertTrue(expectedLoss > 0, "the examples must violate some margins");
      assertEquals(expectedLoss, loss, 1e-12 * expectedLoss);
      double scale = 0;
      for (double v : expectedGradient) {
        scale = Math.max(scale, Math.abs(v));
      }
      assertTrue(scale > 0);
      for (int k = 0; k < expectedGradient.length; k++) {
        assertEquals(expectedGradient[k], cum.values()[k], 1e-12 * scale, "gradient " + k);
      }
    }
  }

  @Test
  void addsIntoTheCumulativeGradient() {
    MulticlassHingeGradient gradient = new MulticlassHingeGradient(2);
    DenseVector cum = (DenseVector) Vectors.dense(5, 5, 5, 5);
    // W = 0: the other class violates by delta, so dL/dW = [[-x], [x]].
    double loss = gradient.compute(Vectors.dense(1, 2), 0, Vectors.zeros(4), cum);
    assertEquals(1.0, loss, 0.0);
    assertArrayEquals(new double[] {4, 3, 6, 7}, cum.values(), 0.0);
  }

  @Test
  void rejectsBadInput() {
    MulticlassHingeGradient gradient = new MulticlassHingeGradient(3);
    Vector x = Vectors.dense(1, 2);
    Vector w = Vectors.zeros(6);
    assertThrows(IllegalArgumentException.class, () -> gradient.compute(x, 3, w, Vectors.zeros(6)));
    assertThrows(
        IllegalArgumentException.class, () -> gradient.compute(x, 1.5, w, Vectors.zeros(6)));
    assertThrows(
        IllegalArgumentException.class,
        () -> gradient.compute(x, 1, Vectors.zeros(5), Vectors.zeros(5)));
    assertThrows(
        IllegalArgumentException.class,
        () -> gradient.compute(x, 1, w, Vectors.sparse(6, new int[0], new double[0])));
    assertThrows(IllegalArgumentException.class, () -> new MulticlassHingeGradient(1));
    assertThrows(IllegalArgumentException.class, () -> new MulticlassHingeGradient(3, 0));
  }
}
