package dev.sparksvm.baseline;

import dev.sparksvm.core.MulticlassHinge;
import org.apache.spark.mllib.linalg.DenseVector;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.optimization.Gradient;

/**
 * CS231n's multiclass SVM loss ({@link MulticlassHinge}: {@code L_i = sum over c != y_i of max(0,
 * s_c - s_{y_i} + delta)}) as an MLlib {@link Gradient}, for the MLlib baseline of {@code bench}.
 *
 * <p>Written the way MLlib's own gradients are ({@code LogisticGradient}'s multinomial branch): one
 * example at a time, the C scores as C dot products, the gradient added row by row into MLlib's
 * cumulative vector. That is the point of the comparison: it measures MLlib's way of working (one
 * {@code Vector} per example, level-1 loops), not our two-GEMM batch path. Loops over the arrays
 * rather than {@code mllib.linalg.BLAS.dot}/{@code axpy} because those take whole vectors and a
 * class's row is a slice of W; {@code LogisticGradient} loops for the same reason.
 *
 * <p>Layout: the weight vector is W flattened row-major, {@code C x D} ({@link
 * dev.sparksvm.core.Weights}'s layout), so {@code W[c][j] = weights[c * D + j]}; D is the feature
 * count of the example (pixels minus the mean, then the bias 1). The label is the class index as a
 * double. At a kink (margin exactly 0) the term contributes nothing, as in {@link MulticlassHinge}.
 */
public final class MulticlassHingeGradient extends Gradient {
  private static final long serialVersionUID = 1L;
  private final int classes;
  private final double delta;

  /**
   * @param classes number of classes C, {@code >= 2}
   * @param delta the margin, a finite number {@code > 0} (CS231n uses 1)
   */
  public MulticlassHingeGradient(int classes, double delta) {
    if (classes < 2) {
      throw new IllegalArgumentException(
          "a multiclass SVM needs at least 2 classes, got " + classes);
    }
    this.classes = classes;
    this.delta = new MulticlassHinge(delta).delta(); // the core loss validates the margin
  }

  /** CS231n's margin, 1. */
  public MulticlassHingeGradient(int classes) {
    this(classes, MulticlassHinge.DEFAULT_DELTA);
  }

  public int classes() {
    return classes;
  }

  public double delta() {
    return delta;
  }

  /**
   * Adds this example's subgradient dL_i/dW into {@code cumGradient} and returns its loss L_i.
   *
   * @param data the features x (length D)
   * @param label the class index y as a double, {@code 0 <= y < C}
   * @param weights W, row-major {@code C x D}, dense
   * @param cumGradient receives {@code += dL_i/dW}, same layout, dense
   */
  @Override
  public double compute(Vector data, double label, Vector weights, Vector cumGradient) {
    int d = data.size();
    if (weights.size() != classes * d) {
      throw new IllegalArgumentException(
          "weights of "
              + weights.size()
              + " values do not match "
              + classes
              + " classes x "
              + d
              + " features");
    }
    int y = (int) label;
    if (y != label || y < 0 || y >= classes) {
      throw new IllegalArgumentException(
          "label must be a class index in 0.." + (classes - 1) + ", got " + label);
    }
    double[] w = dense(weights, "weights");
    double[] g = dense(cumGradient, "cumGradient");
    // Sparse examples would need foreachActive; our inputs are dense, so take the array.
    double[] x = data instanceof DenseVector dv ? dv.values() : data.toArray();

    double[] scores = new double[classes];
    for (int c = 0; c < classes; c++) {
      int row = c * d;
      double s = 0;
      for (int j = 0; j < d; j++) {
        s += w[row + j] * x[j];
      }
      scores[c] = s;
    }

    double loss = 0;
    int violations = 0;
    double correct = scores[y];
    for (int c = 0; c < classes; c++) {
      double margin = scores[c] - correct + delta;
      if (c != y && margin > 0) {
        loss += margin;
        violations++;
        // dL_i/dW_c = x for every class that violates the margin.
        int row = c * d;
        for (int j = 0; j < d; j++) {
          g[row + j] += x[j];
        }
      }
    }
    if (violations > 0) {
      // dL_i/dW_y = -(number of violating classes) x.
      int row = y * d;
      for (int j = 0; j < d; j++) {
        g[row + j] -= violations * x[j];
      }
    }
    return loss;
  }

  private static double[] dense(Vector v, String name) {
    if (v instanceof DenseVector dv) {
      return dv.values();
    }
    throw new IllegalArgumentException(
        name + " must be a dense vector, got " + v.getClass().getSimpleName());
  }
}
