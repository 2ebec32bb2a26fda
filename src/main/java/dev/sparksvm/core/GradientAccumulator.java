package dev.sparksvm.core;

import java.io.Serializable;

/**
 * The running totals of a distributed loss evaluation of K models (K = 1 for plain training): each
 * model's gradient sum ({@code C x D} row-major), each model's loss sum, and the number of
 * examples, merged exactly. This is what a tree of merges ({@code treeAggregate}) carries.
 *
 * <p>Each partition computes its totals in plain double arithmetic (a fixed order, so reproducible)
 * and adds them here once; accumulators merge through {@link ExactSum}, so the merged totals are
 * bit-identical whatever order Spark merges them in.
 */
public final class GradientAccumulator implements ModelTotals, Serializable {
  private static final long serialVersionUID = 2L;
  private final int models;
  private final int classes;
  private final int features;

  /** Gradient sums in slots 0..K*C*D-1, the K loss sums after them. */
  private final ExactSum sums;

  private long count;

  /** Empty totals for one {@code classes x features} model (cheap to serialize until used). */
  public GradientAccumulator(int classes, int features) {
    this(1, classes, features);
  }

  /** Empty totals for K stacked models of {@code classes x features}. */
  public GradientAccumulator(int models, int classes, int features) {
    this.models = models;
    this.classes = classes;
    this.features = features;
    this.sums = new ExactSum(models * classes * features + models);
  }

  /** Adds one model's totals over a partition (or batch). */
  public GradientAccumulator add(double[] gradientSum, double lossSum, long examples) {
    return add(gradientSum, new double[] {lossSum}, examples);
  }

  /** Adds the K models' totals over a partition: K stacked gradient sums and K loss sums. */
  public GradientAccumulator add(double[] gradientSums, double[] lossSums, long examples) {
    int size = models * classes * features;
    if (gradientSums.length != size || lossSums.length != models) {
      throw new IllegalArgumentException(
          "totals of "
              + gradientSums.length
              + " gradient and "
              + lossSums.length
              + " loss values for "
              + models
              + " models of "
              + classes
              + " x "
              + features);
    }
    sums.add(gradientSums);
    for (int k = 0; k < models; k++) {
      sums.add(size + k, lossSums[k]);
    }
    count += examples;
    return this;
  }

  /** Adds the other totals into these and returns this. */
  public GradientAccumulator merge(GradientAccumulator other) {
    sums.merge(other.sums);
    count += other.count;
    return this;
  }

  public int models() {
    return models;
  }

  @Override
  public long count() {
    return count;
  }

  /** False when any partition produced a NaN, an infinity or an overflow: some loss diverged. */
  public boolean isFinite() {
    return sums.isFinite();
  }

  /** False when model {@code k}'s gradient or loss sum is not finite: that model diverged. */
  @Override
  public boolean isFinite(int k) {
    int size = classes * features;
    return sums.isFinite(k * size, (k + 1) * size)
        && sums.isFinite(models * size + k, models * size + k + 1);
  }

  /** Model 0's loss sum. */
  public double lossSum() {
    return lossSum(0);
  }

  /** Model {@code k}'s loss sum. */
  @Override
  public double lossSum(int k) {
    return sums.get(models * classes * features + k);
  }

  /** Model 0's gradient sum as weights-shaped {@code C x D} row-major values. */
  public Weights gradientSum() {
    return gradientSum(0);
  }

  /** Model {@code k}'s gradient sum. */
  @Override
  public Weights gradientSum(int k) {
    int size = classes * features;
    return new Weights(classes, features, sums.toDoubles(k * size, (k + 1) * size));
  }
}
