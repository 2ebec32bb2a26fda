package dev.sparksvm.optim;

import dev.sparksvm.core.Plane;
import dev.sparksvm.core.Weights;

/**
 * CS231n's loss-landscape slices: the loss along a random ray {@code L(W + a W1)} and over a random
 * plane {@code L(W + a W1 + b W2)}, each grid in one pass over the data.
 */
public final class LossLandscape {
  private LossLandscape() {}

  /** {@code n} evenly spaced values from {@code -extent} to {@code extent}. */
  public static double[] grid(int n, double extent) {
    if (n < 2) {
      throw new IllegalArgumentException("a grid needs at least 2 points, got " + n);
    }
    double[] g = new double[n];
    for (int i = 0; i < n; i++) {
      g[i] = -extent + 2 * extent * i / (n - 1);
    }
    return g;
  }

  /** Loss at {@code W + a W1} for every a. */
  public static double[] ray(LossProbes objective, Weights w, Weights w1, double[] a) {
    return objective.losses(Plane.line(w, w1, a), 0);
  }

  /**
   * Loss at {@code W + a W1 + b W2} for every pair, row-major: value {@code [i * b.length + j]} is
   * at {@code (a[i], b[j])}.
   */
  public static double[] plane(
      LossProbes objective, Weights w, Weights w1, Weights w2, double[] a, double[] b) {
    double[] pa = new double[a.length * b.length];
    double[] pb = new double[pa.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < b.length; j++) {
        pa[i * b.length + j] = a[i];
        pb[i * b.length + j] = b[j];
      }
    }
    return objective.losses(new Plane(w, w1, w2, pa, pb), 0);
  }
}
