package dev.sparksvm.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.core.Weights;
import dev.sparksvm.data.ImageSchema;
import dev.sparksvm.data.ImageShape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.junit.jupiter.api.Test;

/** The model in Spark ML's linalg types, and {@code predict}, against plain loops. */
class LinearModelLinalgTest {
  /** Three classes of 2 x 3 x 1 images: D = 7, so no square matrix hides a transposed layout. */
  static LinearModel model(long seed) {
    Weights w = Weights.gaussian(3, 7, 0.1, seed);
    double[] mean = new SplittableRandom(seed + 1).doubles(6, 0, 255).toArray();
    return new LinearModel(
        w,
        mean,
        new ImageSchema(new ImageShape(2, 3, 1), List.of("cat", "dog", "ship")),
        "svm",
        Map.of());
  }

  /** The class with the highest score, the first on a tie, computed the long way round. */
  private static int expected(LinearModel m, double[] pixels) {
    double[] x = new double[7];
    for (int j = 0; j < 6; j++) {
      x[j] = pixels[j] - m.mean()[j];
    }
    x[6] = 1; // the bias trick
    int best = -1;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < 3; c++) {
      double score = 0;
      for (int j = 0; j < 7; j++) {
        score += m.weights().get(c, j) * x[j];
      }
      if (best < 0 || score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
    return best;
  }

  @Test
  void theMatrixIsCByDWithEveryElementInPlace() {
    LinearModel m = model(5);
    Matrix w = m.weightMatrix();
    assertEquals(3, w.numRows());
    assertEquals(7, w.numCols());
    for (int c = 0; c < 3; c++) {
      for (int j = 0; j < 7; j++) {
        assertEquals(m.weights().get(c, j), w.apply(c, j), 0.0, "(" + c + ", " + j + ")");
      }
    }
    // Matrix.toArray is column-major: element (c, j) at j * C + c.
    assertEquals(m.weights().get(2, 1), w.toArray()[1 * 3 + 2], 0.0);
    w.toArray()[0] = 1e9;
    m.weightMatrix().update(0, 0, 1e9);
    assertTrue(m.weights().get(0, 0) < 1, "a copy: changing it leaves the model alone");

    Vector mean = m.meanVector();
    assertArrayEquals(m.mean(), mean.toArray(), 0.0);
    mean.toArray()[0] = -1;
    assertTrue(m.mean()[0] >= 0, "a copy");
  }

  @Test
  void predictIsTheArgmaxOfCentredScoresWithTheBias() {
    SplittableRandom random = new SplittableRandom(11);
    for (long seed = 0; seed < 20; seed++) {
      LinearModel m = model(seed);
      int[] seen = new int[3];
      for (int i = 0; i < 200; i++) {
        double[] pixels = random.ints(6, 0, 256).asDoubleStream().toArray();
        int c = m.predict(Vectors.dense(pixels));
        assertEquals(expected(m, pixels), c);
        assertEquals(c, m.predict(Vectors.dense(pixels).toSparse()), "sparse input too");
        seen[c]++;
      }
      if (seed == 0) {
        assertTrue(
            seen[0] > 0 && seen[1] > 0 && seen[2] > 0,
            "every class is predicted somewhere: " + java.util.Arrays.toString(seen));
      }
    }
  }

  @Test
  void theBiasAloneDecidesAtTheMeanAndTiesGoToTheFirstClass() {
    LinearModel m = model(3);
    double[] w = m.weights().values();
    w[1 * 7 + 6] = 10; // class 1's bias
    assertEquals(1, m.predict(Vectors.dense(m.mean())), "x - mean = 0: scores are the biases");
    LinearModel zero = new LinearModel(Weights.zeros(3, 7), m.mean(), m.schema(), "svm", Map.of());
    assertEquals(0, zero.predict(Vectors.dense(new double[6])));
  }

  @Test
  void aVectorOfTheWrongSizeIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> model(1).predict(Vectors.dense(new double[7])));
    assertTrue(e.getMessage().contains("6 pixels"), e.getMessage());
  }

  @Test
  void aSerializedModelPredictsAlike() throws Exception {
    LinearModel m = model(9);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(m);
    }
    LinearModel back;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (LinearModel) in.readObject();
    }
    assertEquals(m.weights(), back.weights());
    double[] pixels = new SplittableRandom(4).ints(6, 0, 256).asDoubleStream().toArray();
    assertEquals(m.predict(Vectors.dense(pixels)), back.predict(Vectors.dense(pixels)));
  }
}
