package dev.sparksvm.core;

import java.io.Serializable;

/**
 * The running totals of a distributed loss evaluation: the gradient sum (row-major {@code C x D}), the
 * loss sum and the number of examples. This is what {@code treeAggregate} carries from executors to the
 * driver.
 *
 * <p>Each partition computes its totals in plain double arithmetic (a fixed order, so reproducible) and
 * adds them here once; accumulators merge through {@link ExactSum}, so the merged totals are
 * bit-identical whatever order Spark merges them in.
 */
public final class GradientAccumulator implements Serializable {
  private static final long serialVersionUID = 1L;
  private final int classes;
  private final int features;
  /** Gradient sums in slots 0..C*D-1, the loss sum in slot C*D. */
  private final ExactSum sums;
  private long count;

  /** Empty totals for a {@code classes x features} model (cheap to serialize until used). */
  public GradientAccumulator(int classes, int features) {
    this.classes = classes;
    this.features = features;
    this.sums = new ExactSum(classes * features + 1);
  }

  /** Adds one partition's (or batch's) totals. */
  public GradientAccumulator add(double[] gradientSum, double lossSum, long examples) {
    if (gradientSum.length != classes * features) {
      throw new IllegalArgumentException("gradient of " + gradientSum.length + " values for a "
          + classes + " x " + features + " model");
    }
    sums.add(gradientSum);
    sums.add(classes * features, lossSum);
    count += examples;
    return this;
  }

  /** Adds the other totals into these and returns this. */
  public GradientAccumulator merge(GradientAccumulator other) {
    sums.merge(other.sums);
    count += other.count;
    return this;
  }

  public long count() {
    return count;
  }

  /** False when any partition produced a NaN, an infinity or an overflow: the loss diverged. */
  public boolean isFinite() {
    return sums.isFinite();
  }

  public double lossSum() {
    return sums.get(classes * features);
  }

  /** The gradient sum as weights-shaped {@code C x D} row-major values. */
  public Weights gradientSum() {
    double[] all = sums.toDoubles();
    return new Weights(classes, features, java.util.Arrays.copyOf(all, classes * features));
  }
}
