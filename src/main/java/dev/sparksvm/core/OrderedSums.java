package dev.sparksvm.core;

import java.util.Arrays;

/**
 * The sums of K models over partitions, added in plain double arithmetic in a fixed order: the
 * caller adds the partitions' sums in partition order, so the result is the same bits whatever
 * order the partitions' tasks finished in. Cheap (one add per value), which matters for many
 * stacked models; when the order cannot be fixed (a tree of merges), use {@link
 * GradientAccumulator}.
 */
public final class OrderedSums implements ModelTotals {
  private final int classes;
  private final int features;
  private final double[] gradient;
  private final double[] losses;
  private long count;

  /** Zero sums for K models of {@code classes x features}. */
  public OrderedSums(int models, int classes, int features) {
    this.classes = classes;
    this.features = features;
    this.gradient = new double[models * classes * features];
    this.losses = new double[models];
  }

  /** Adds the next partition's K gradient sums and K loss sums (in partition order). */
  public OrderedSums add(double[] gradientSums, double[] lossSums, long examples) {
    if (gradientSums.length != gradient.length || lossSums.length != losses.length) {
      throw new IllegalArgumentException(
          "sums of "
              + gradientSums.length
              + " and "
              + lossSums.length
              + " values for "
              + losses.length
              + " models of "
              + classes
              + " x "
              + features);
    }
    for (int i = 0; i < gradient.length; i++) {
      gradient[i] += gradientSums[i];
    }
    for (int k = 0; k < losses.length; k++) {
      losses[k] += lossSums[k];
    }
    count += examples;
    return this;
  }

  @Override
  public long count() {
    return count;
  }

  @Override
  public boolean isFinite(int k) {
    if (!Double.isFinite(losses[k])) {
      return false;
    }
    int size = classes * features;
    for (int i = k * size; i < (k + 1) * size; i++) {
      if (!Double.isFinite(gradient[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public double lossSum(int k) {
    return losses[k];
  }

  @Override
  public Weights gradientSum(int k) {
    int size = classes * features;
    return new Weights(classes, features, Arrays.copyOfRange(gradient, k * size, (k + 1) * size));
  }
}
