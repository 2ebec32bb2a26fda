package dev.sparksvm.core;

import java.io.Serializable;

/**
 * Summed losses of K candidates (or points) over the examples seen so far, and the example count:
 * what {@code treeAggregate} carries back when many losses are evaluated in one pass. Merges are
 * exact ({@link ExactSum}), so the result does not depend on merge order.
 */
public final class LossSums implements Serializable {
  private static final long serialVersionUID = 1L;
  private final ExactSum sums;
  private long count;

  /** Zero sums for {@code size} losses. */
  public LossSums(int size) {
    this.sums = new ExactSum(size);
  }

  /** Adds per-candidate loss sums over {@code examples} examples. */
  public LossSums add(double[] lossSums, long examples) {
    sums.add(lossSums);
    count += examples;
    return this;
  }

  public LossSums merge(LossSums other) {
    sums.merge(other.sums);
    count += other.count;
    return this;
  }

  public long count() {
    return count;
  }

  /** The mean loss of each candidate over the examples (NaN where a sum was not finite). */
  public double[] means() {
    double[] m = sums.toDoubles();
    for (int k = 0; k < m.length; k++) {
      m[k] /= count;
    }
    return m;
  }
}
