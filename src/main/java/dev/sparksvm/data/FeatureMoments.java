package dev.sparksvm.data;

import java.io.Serializable;

/**
 * The count, mean and sum of squared deviations (M2) of each feature of some rows, for the training
 * mean and standard deviation. One block's are taken in two passes over its values (the mean, then
 * the deviations from it: no cancellation), and blocks are merged with Chan, Golub and LeVeque's
 * pairwise update in the order the caller gives (partition order), so the same data in the same
 * partitions gives the same bits.
 */
public final class FeatureMoments implements Serializable {
  private static final long serialVersionUID = 1L;
  private long count;
  private final double[] mean;
  private final double[] m2;

  /** No rows yet, of {@code features} features. */
  public FeatureMoments(int features) {
    this.mean = new double[features];
    this.m2 = new double[features];
  }

  /** The moments of a block's values, as stored (floats widened to double). */
  public static FeatureMoments of(VectorBlock block) {
    int d = block.features();
    FeatureMoments m = new FeatureMoments(d);
    int n = block.size();
    if (n == 0) {
      return m;
    }
    double[] row = new double[d];
    for (int i = 0; i < n; i++) {
      block.row(i, row);
      for (int j = 0; j < d; j++) {
        m.mean[j] += row[j];
      }
    }
    for (int j = 0; j < d; j++) {
      m.mean[j] /= n;
    }
    for (int i = 0; i < n; i++) {
      block.row(i, row);
      for (int j = 0; j < d; j++) {
        double dev = row[j] - m.mean[j];
        m.m2[j] += dev * dev;
      }
    }
    m.count = n;
    return m;
  }

  /** Adds the other rows' moments into these and returns this. */
  public FeatureMoments merge(FeatureMoments other) {
    if (other.mean.length != mean.length) {
      throw new IllegalArgumentException(
          "cannot merge moments of " + mean.length + " and " + other.mean.length + " features");
    }
    if (other.count == 0) {
      return this;
    }
    if (count == 0) {
      System.arraycopy(other.mean, 0, mean, 0, mean.length);
      System.arraycopy(other.m2, 0, m2, 0, m2.length);
      count = other.count;
      return this;
    }
    double n = count + other.count;
    double weight = other.count / n;
    double cross = (double) count * other.count / n;
    for (int j = 0; j < mean.length; j++) {
      double delta = other.mean[j] - mean[j];
      mean[j] += delta * weight;
      m2[j] += other.m2[j] + delta * delta * cross;
    }
    count += other.count;
    return this;
  }

  /** Rows counted. */
  public long count() {
    return count;
  }

  /** Features. */
  public int features() {
    return mean.length;
  }

  /** Each feature's mean (a copy). */
  public double[] mean() {
    requireRows();
    return mean.clone();
  }

  /**
   * Each feature's sample standard deviation, {@code sqrt(M2 / (n - 1))}, as spark.ml's {@code
   * StandardScaler} and {@code LogisticRegression} take it; 0 for a single row.
   */
  public double[] std() {
    requireRows();
    double[] std = new double[m2.length];
    if (count > 1) {
      for (int j = 0; j < std.length; j++) {
        std[j] = Math.sqrt(m2[j] / (count - 1));
      }
    }
    return std;
  }

  /**
   * The preprocessing these rows train with: standardization, {@code (x - mean) / std} with a
   * feature of standard deviation 0 sent to 0 (as spark.ml does), or mean subtraction alone.
   */
  public Preprocessing preprocessing(boolean standardize) {
    if (!standardize) {
      return Preprocessing.centring(mean());
    }
    double[] std = std();
    double[] scale = new double[std.length];
    for (int j = 0; j < scale.length; j++) {
      scale[j] = std[j] > 0 ? 1.0 / std[j] : 0.0;
    }
    return new Preprocessing(mean(), scale);
  }

  private void requireRows() {
    if (count == 0) {
      throw new IllegalStateException("no rows: the moments of an empty set are undefined");
    }
  }
}
