package dev.sparksvm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The GEMM hot path against naive loops. */
class LinearBatchTest {

  private static Batch randomBatch(int rows, int features, int classes, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = new double[rows * features];
    for (int k = 0; k < x.length; k++) {
      x[k] = random.nextGaussian();
    }
    int[] labels = new int[rows];
    for (int i = 0; i < rows; i++) {
      labels[i] = random.nextInt(classes);
    }
    return Batch.of(x, labels, features);
  }

  /** scores[i][c] = sum_j X[i][j] * W[c][j], by the definition. */
  private static double[] naiveScores(Weights w, Batch b) {
    int c = w.classes();
    int d = w.features();
    double[] s = new double[b.rows() * c];
    for (int i = 0; i < b.rows(); i++) {
      for (int k = 0; k < c; k++) {
        double sum = 0;
        for (int j = 0; j < d; j++) {
          sum += b.x()[i * d + j] * w.get(k, j);
        }
        s[i * c + k] = sum;
      }
    }
    return s;
  }

  @Test
  void scoresMatchTripleLoop() {
    // Non-square, distinct dimensions so that a swapped transpose or leading dimension shows.
    Weights w = Weights.gaussian(7, 11, 1.0, 3);
    Batch b = randomBatch(5, 11, 7, 4);
    double[] expected = naiveScores(w, b);
    double[] actual = LinearBatch.scores(w, b, null);
    assertEquals(expected.length, actual.length);
    for (int k = 0; k < expected.length; k++) {
      assertEquals(expected[k], actual[k], 1e-12, "score " + k);
    }
  }

  @Test
  void scoresUseOnlyTheFilledRowsAndReuseTheBuffer() {
    Weights w = Weights.gaussian(3, 4, 1.0, 5);
    Batch b = new Batch(10, 4);
    Batch full = randomBatch(2, 4, 3, 6);
    System.arraycopy(full.x(), 0, b.x(), 0, 8);
    java.util.Arrays.fill(b.x(), 8, b.x().length, Double.NaN); // garbage past the filled rows
    b.setRows(2);
    double[] out = new double[100];
    java.util.Arrays.fill(out, -1);
    assertSame(out, LinearBatch.scores(w, b, out));
    double[] expected = naiveScores(w, full);
    for (int k = 0; k < 6; k++) {
      assertEquals(expected[k], out[k], 1e-12);
    }
    assertEquals(-1, out[6], 0.0);
  }

  @Test
  void gradientMatchesNaiveChainRule() {
    Weights w = Weights.gaussian(4, 6, 0.5, 7);
    Batch b = randomBatch(9, 6, 4, 8);
    Loss loss = new MulticlassHinge(1);
    double[] s = naiveScores(w, b);
    double[] ds = new double[s.length];
    double expectedLoss = loss.lossAndGradient(s, b.labels(), b.rows(), 4, ds);
    double[] g = new double[24];
    double actualLoss = LinearBatch.addLossAndGradient(w, b, loss, g);
    assertEquals(expectedLoss, actualLoss, 1e-12);
    for (int c = 0; c < 4; c++) {
      for (int j = 0; j < 6; j++) {
        double sum = 0;
        for (int i = 0; i < b.rows(); i++) {
          sum += ds[i * 4 + c] * b.x()[i * 6 + j];
        }
        assertEquals(sum, g[c * 6 + j], 1e-12, "dW[" + c + "][" + j + "]");
      }
    }
  }

  @Test
  void argmaxTakesTheFirstOfTies() {
    assertEquals(2, LinearBatch.argmax(new double[] {7, 1, 2, 9, 3}, 1, 3));
    assertEquals(0, LinearBatch.argmax(new double[] {5, 5, 1}, 0, 3));
  }

  @Test
  void shapeMismatchesAreRejected() {
    Weights w = Weights.zeros(3, 4);
    Batch b = randomBatch(2, 5, 3, 1);
    assertThrows(IllegalArgumentException.class, () -> LinearBatch.scores(w, b, null));
    Batch ok = randomBatch(2, 4, 3, 1);
    assertThrows(
        IllegalArgumentException.class,
        () -> LinearBatch.addLossAndGradient(w, ok, new Softmax(), new double[11]));
    assertThrows(IllegalArgumentException.class, () -> Batch.of(new double[7], new int[2], 4));
    assertThrows(IllegalArgumentException.class, () -> ok.setRows(3));
  }
}
