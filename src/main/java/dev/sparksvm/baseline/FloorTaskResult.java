package dev.sparksvm.baseline;

import dev.sparksvm.core.Seeds;
import java.util.SplittableRandom;

/** What each task of a {@link SparkFloor} job returns, computed without arithmetic on W. */
public enum FloorTaskResult {
  /**
   * A copy of the W it read: the size and content of a real gradient, computed without arithmetic.
   */
  WEIGHTS {
    @Override
    double[] values(int partition, double[] w) {
      return w.clone();
    }
  },
  /**
   * {@link #checkValues(int, int)} of its partition, so a test can recompute the driver's sum (the
   * task still reads W first).
   */
  CHECK_VALUES {
    @Override
    double[] values(int partition, double[] w) {
      return checkValues(partition, w.length);
    }
  };

  abstract double[] values(int partition, double[] w);

  /**
   * Values a task of {@link #CHECK_VALUES} returns: a pure function of (partition, slot), random
   * doubles of magnitudes 2^-20 .. 2^20 and both signs, so that adding the partitions' arrays in
   * another order would change some bits.
   */
  public static double[] checkValues(int partition, int length) {
    SplittableRandom random = new SplittableRandom(Seeds.derive(0xF100L, partition));
    double[] v = new double[length];
    for (int i = 0; i < length; i++) {
      v[i] = Math.scalb(random.nextDouble() - 0.5, random.nextInt(-20, 21));
    }
    return v;
  }
}
