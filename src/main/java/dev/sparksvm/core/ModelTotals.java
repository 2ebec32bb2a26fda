package dev.sparksvm.core;

/**
 * The merged sums of a step for K models: what the driver finishes into losses and gradients. Two
 * ways to merge them, each deterministic: {@link OrderedSums} (plain doubles added in partition
 * order, on the driver) and {@link GradientAccumulator} (exact sums, for merges in any order, such
 * as a tree of executors). The two agree to rounding, not bit for bit.
 */
public interface ModelTotals {

  /** Examples summed over. */
  long count();

  /** False when model {@code k}'s sums are not finite: that model diverged. */
  boolean isFinite(int k);

  /** Model {@code k}'s data-loss sum. */
  double lossSum(int k);

  /**
   * Model {@code k}'s gradient sum, {@code C x D} row-major: the caller's to keep and change, so
   * call it once per model, after the last merge ({@link OrderedSums} hands over its array).
   */
  Weights gradientSum(int k);
}
