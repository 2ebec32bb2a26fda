package dev.sparksvm.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The score-space losses on CS231n's hand-computed examples. */
class LossTest {

  @Test
  void svmOnCs231nExample() {
    // CS231n "Linear classification": scores [13, -7, 11], true class 0, delta 10:
    // max(0, -7 - 13 + 10) + max(0, 11 - 13 + 10) = 0 + 8.
    double[] scores = {13, -7, 11};
    double[] dScores = {99, 99, 99};
    double loss = new MulticlassHinge(10).lossAndGradient(scores, new int[] {0}, 1, 3, dScores);
    assertEquals(8.0, loss, 0.0);
    // Only class 2 violates the margin: it pushes its own score up and the true one down.
    assertArrayEquals(new double[] {-1, 0, 1}, dScores, 0.0);
  }

  @Test
  void svmGradientCountsEveryViolatingClass() {
    // Two rows, one where every other class violates (label 1), one with no violation at all.
    double[] scores = {0.5, 0.0, 0.2, /* row 2 */ 5.0, 0.0, 1.0};
    double[] dScores = new double[6];
    double loss = new MulticlassHinge(1).lossAndGradient(scores, new int[] {1, 0}, 2, 3, dScores);
    assertEquals((0.5 - 0 + 1) + (0.2 - 0 + 1), loss, 1e-15);
    assertArrayEquals(new double[] {1, -2, 1, 0, 0, 0}, dScores, 0.0);
  }

  @Test
  void svmTakesZeroAtTheKink() {
    // margin exactly 0 for class 1: no loss, no gradient (CS231n's choice of subgradient).
    double[] dScores = new double[2];
    double loss =
        new MulticlassHinge(1).lossAndGradient(new double[] {2, 1}, new int[] {0}, 1, 2, dScores);
    assertEquals(0.0, loss, 0.0);
    assertArrayEquals(new double[] {0, 0}, dScores, 0.0);
  }

  @Test
  void svmCountsAnyPositiveMarginHoweverSmall() {
    double[] dScores = new double[2];
    double loss =
        new MulticlassHinge(1)
            .lossAndGradient(new double[] {2, 1.001}, new int[] {0}, 1, 2, dScores);
    assertEquals(0.001, loss, 1e-12);
    assertArrayEquals(new double[] {-1, 1}, dScores, 0.0);
  }

  @Test
  void softmaxOnCs231nExample() {
    // CS231n: scores [-2.85, 0.86, 0.28], true class 2 -> p ~ [0.016, 0.631, 0.353], L = -log p2.
    double[] scores = {-2.85, 0.86, 0.28};
    double[] dScores = new double[3];
    double loss = new Softmax().lossAndGradient(scores, new int[] {2}, 1, 3, dScores);
    double sum = Math.exp(-2.85) + Math.exp(0.86) + Math.exp(0.28);
    double[] p = {Math.exp(-2.85) / sum, Math.exp(0.86) / sum, Math.exp(0.28) / sum};
    assertEquals(0.016, p[0], 1e-3);
    assertEquals(0.631, p[1], 1e-3);
    assertEquals(0.353, p[2], 1e-3);
    assertEquals(-Math.log(p[2]), loss, 1e-14);
    assertEquals(1.04, loss, 5e-3);
    // dL/ds = p - onehot(y).
    assertArrayEquals(new double[] {p[0], p[1], p[2] - 1}, dScores, 1e-15);
    assertEquals(0.0, dScores[0] + dScores[1] + dScores[2], 1e-15);
  }

  @Test
  void softmaxIsStableForHugeScores() {
    double[] dScores = new double[3];
    double loss =
        new Softmax()
            .lossAndGradient(new double[] {1000, 2000, 3000}, new int[] {0}, 1, 3, dScores);
    // p0 underflows to 0, but the loss is still exact: log(sum exp(s - max)) - (s0 - max).
    assertEquals(2000.0, loss, 1e-9);
    assertArrayEquals(new double[] {-1, 0, 1}, dScores, 1e-12);
  }

  @Test
  void lossIsSummedOverRowsAndIgnoresExtraCapacity() {
    double[] scores = {-2.85, 0.86, 0.28, -2.85, 0.86, 0.28, 1e300, 1e300, 1e300};
    int[] labels = {2, 2, 0};
    Loss softmax = new Softmax();
    double one = softmax.loss(scores, labels, 1, 3);
    assertEquals(2 * one, softmax.loss(scores, labels, 2, 3), 1e-14);
  }

  @Test
  void namesAndValidation() {
    assertEquals("svm", new MulticlassHinge(1).name());
    assertEquals("softmax", new Softmax().name());
    assertThrows(IllegalArgumentException.class, () -> new MulticlassHinge(0));
    assertThrows(IllegalArgumentException.class, () -> new MulticlassHinge(Double.NaN));
    assertThrows(
        IllegalArgumentException.class, () -> new MulticlassHinge(Double.POSITIVE_INFINITY));
  }
}
