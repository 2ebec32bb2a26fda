package dev.sparksvm.scaling;

/**
 * Weighted least squares with every coefficient {@code >= 0}, for the handful of coefficients of
 * one cost-model phase: every subset of coefficients is fitted without constraints (normal
 * equations), and the best fit whose coefficients are all non-negative wins. Exact for the small
 * problems it is meant for ({@code 2^k} solves of k x k systems; k is at most {@value
 * #MAX_COEFFICIENTS}).
 */
public final class NonNegativeLeastSquares {
  /** Beyond this, enumerating subsets is the wrong method. */
  public static final int MAX_COEFFICIENTS = 12;

  private NonNegativeLeastSquares() {}

  /**
   * Minimises {@code sum_i w_i^2 (x_i . c - y_i)^2} subject to {@code c >= 0}.
   *
   * @param x rows of features, all of one length k
   * @param y targets, one per row
   * @param w weights, one per row (e.g. {@code 1 / y} for relative error)
   * @return the k coefficients
   */
  public static double[] solve(double[][] x, double[] y, double[] w) {
    int n = x.length;
    if (n == 0 || y.length != n || w.length != n) {
      throw new IllegalArgumentException("need one target and one weight per row, and some rows");
    }
    int k = x[0].length;
    if (k < 1 || k > MAX_COEFFICIENTS) {
      throw new IllegalArgumentException("1.." + MAX_COEFFICIENTS + " coefficients, got " + k);
    }
    double[] best = new double[k];
    double bestCost = cost(x, y, w, best);
    for (int mask = 1; mask < (1 << k); mask++) {
      int[] active = active(mask, k);
      double[] sub = unconstrained(x, y, w, active);
      if (sub == null) {
        continue;
      }
      double[] c = new double[k];
      boolean feasible = true;
      for (int j = 0; j < active.length; j++) {
        feasible &= sub[j] >= 0;
        c[active[j]] = sub[j];
      }
      if (!feasible) {
        continue;
      }
      double cost = cost(x, y, w, c);
      if (cost < bestCost - 1e-12 * Math.abs(bestCost)) {
        bestCost = cost;
        best = c;
      }
    }
    return best;
  }

  /** The weighted sum of squared residuals of {@code c}. */
  public static double cost(double[][] x, double[] y, double[] w, double[] c) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      double r = w[i] * (dot(x[i], c) - y[i]);
      sum += r * r;
    }
    return sum;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static int[] active(int mask, int k) {
    int[] idx = new int[Integer.bitCount(mask)];
    for (int j = 0, m = 0; j < k; j++) {
      if ((mask & (1 << j)) != 0) {
        idx[m++] = j;
      }
    }
    return idx;
  }

  /**
   * Least squares on the active columns (normal equations, Gaussian elimination); null if singular.
   */
  private static double[] unconstrained(double[][] x, double[] y, double[] w, int[] active) {
    int m = active.length;
    double[][] a = new double[m][m + 1];
    for (int i = 0; i < x.length; i++) {
      double wi = w[i] * w[i];
      for (int p = 0; p < m; p++) {
        double xp = x[i][active[p]];
        for (int q = 0; q < m; q++) {
          a[p][q] += wi * xp * x[i][active[q]];
        }
        a[p][m] += wi * xp * y[i];
      }
    }
    // Columns differ in scale by many orders of magnitude (bytes vs counts): pivot on scaled
    // values.
    double[] scale = new double[m];
    for (int p = 0; p < m; p++) {
      scale[p] = Math.sqrt(Math.abs(a[p][p]));
      if (scale[p] == 0) {
        return null;
      }
    }
    for (int p = 0; p < m; p++) {
      for (int q = 0; q < m; q++) {
        a[p][q] /= scale[p] * scale[q];
      }
      a[p][m] /= scale[p];
    }
    for (int col = 0; col < m; col++) {
      int pivot = col;
      for (int r = col + 1; r < m; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      if (Math.abs(a[pivot][col]) < 1e-10) {
        return null;
      }
      double[] tmp = a[col];
      a[col] = a[pivot];
      a[pivot] = tmp;
      for (int r = 0; r < m; r++) {
        if (r != col) {
          double f = a[r][col] / a[col][col];
          for (int q = col; q <= m; q++) {
            a[r][q] -= f * a[col][q];
          }
        }
      }
    }
    double[] c = new double[m];
    for (int p = 0; p < m; p++) {
      c[p] = a[p][m] / a[p][p] / scale[p];
    }
    return c;
  }
}
