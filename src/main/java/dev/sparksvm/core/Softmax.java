package dev.sparksvm.core;

/**
 * The softmax (cross-entropy) loss {@code L_i = -log(exp(s_{y_i}) / sum_j exp(s_j))}, computed with
 * the maximum score subtracted first so that exp never overflows.
 */
public record Softmax() implements Loss {

  @Override
  public double lossAndGradient(
      double[] scores, int[] labels, int rows, int classes, double[] dScores) {
    double total = 0;
    for (int i = 0; i < rows; i++) {
      int base = i * classes;
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        max = Math.max(max, scores[base + c]);
      }
      double sum = 0;
      for (int c = 0; c < classes; c++) {
        double e = Math.exp(scores[base + c] - max);
        dScores[base + c] = e;
        sum += e;
      }
      int y = labels[i];
      // log p_y = (s_y - max) - log(sum), exact even when p_y underflows to 0.
      total += Math.log(sum) - (scores[base + y] - max);
      for (int c = 0; c < classes; c++) {
        dScores[base + c] /= sum;
      }
      dScores[base + y] -= 1;
    }
    return total;
  }

  @Override
  public double loss(double[] scores, int[] labels, int rows, int classes) {
    double total = 0;
    for (int i = 0; i < rows; i++) {
      int base = i * classes;
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        max = Math.max(max, scores[base + c]);
      }
      double sum = 0;
      for (int c = 0; c < classes; c++) {
        sum += Math.exp(scores[base + c] - max);
      }
      total += Math.log(sum) - (scores[base + labels[i]] - max);
    }
    return total;
  }

  @Override
  public String name() {
    return "softmax";
  }
}
