package dev.sparksvm.core;

/**
 * The multiclass SVM loss of CS231n (Weston and Watkins): {@code L_i = sum over j != y_i of max(0,
 * s_j - s_{y_i} + delta)}.
 *
 * <p>Its gradient is a subgradient: at a kink ({@code s_j - s_{y_i} + delta == 0}) we take 0 for
 * that term, as CS231n does.
 *
 * @param delta the margin, {@code > 0} (CS231n uses 1; with L2 regularization only its ratio to the
 *     regularization strength matters)
 */
public record MulticlassHinge(double delta) implements Loss {
  /** CS231n's margin. */
  public static final double DEFAULT_DELTA = 1.0;

  public MulticlassHinge {
    if (!(delta > 0) || !Double.isFinite(delta)) {
      throw new IllegalArgumentException(
          "SVM margin delta must be a finite number > 0, got " + delta);
    }
  }

  @Override
  public double lossAndGradient(
      double[] scores, int[] labels, int rows, int classes, double[] dScores) {
    double total = 0;
    for (int i = 0; i < rows; i++) {
      int base = i * classes;
      int y = labels[i];
      double correct = scores[base + y];
      int positive = 0;
      for (int c = 0; c < classes; c++) {
        double margin = scores[base + c] - correct + delta;
        if (c != y && margin > 0) {
          total += margin;
          dScores[base + c] = 1;
          positive++;
        } else {
          dScores[base + c] = 0;
        }
      }
      dScores[base + y] = -positive;
    }
    return total;
  }

  @Override
  public double loss(double[] scores, int[] labels, int rows, int classes) {
    double total = 0;
    for (int i = 0; i < rows; i++) {
      int base = i * classes;
      int y = labels[i];
      double correct = scores[base + y];
      for (int c = 0; c < classes; c++) {
        double margin = scores[base + c] - correct + delta;
        if (c != y && margin > 0) {
          total += margin;
        }
      }
    }
    return total;
  }

  @Override
  public String name() {
    return "svm";
  }
}
