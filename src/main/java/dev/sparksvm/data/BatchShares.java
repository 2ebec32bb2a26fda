package dev.sparksvm.data;

import dev.sparksvm.core.Seeds;
import java.util.SplittableRandom;

/**
 * Splits a global mini-batch of B examples across partitions in proportion to their sizes. Each
 * partition p gets {@code floor(B * n_p / N)} rows plus, with probability equal to the fractional
 * part, one more (systematic sampling with a random start drawn from (seed, iteration)). So shares
 * add up to exactly B, each partition's expected share is exactly {@code B * n_p / N} and, with B =
 * 1, every example is equally likely: stochastic gradient descent is not tied to partition 0.
 */
public final class BatchShares {
  private BatchShares() {}

  /** Rows each partition contributes at {@code iteration}; sums to {@code batch}. */
  public static int[] split(long seed, long iteration, long[] partitionSizes, int batch) {
    long total = 0;
    for (long n : partitionSizes) {
      if (n < 0) {
        throw new IllegalArgumentException("partition sizes must be >= 0");
      }
      total += n;
    }
    if (batch <= 0 || batch > total) {
      throw new IllegalArgumentException(
          "batch must be in 1.." + total + " (the training set size), got " + batch);
    }
    int p = partitionSizes.length;
    int[] shares = new int[p];
    double[] fraction = new double[p];
    long assigned = 0;
    for (int i = 0; i < p; i++) {
      // Exact integer floor; the fraction only steers the leftover rows.
      long numerator = (long) batch * partitionSizes[i];
      shares[i] = (int) (numerator / total);
      fraction[i] = (double) (numerator % total) / total;
      assigned += shares[i];
    }
    int leftover = (int) (batch - assigned);
    if (leftover > 0) {
      double u = new SplittableRandom(Seeds.derive(seed, iteration, -1)).nextDouble();
      double cumulative = 0;
      int given = 0;
      for (int i = 0; i < p && given < leftover; i++) {
        double next = cumulative + fraction[i];
        // Partition i gets a row for each point u, u + 1, u + 2, ... in [cumulative, next).
        while (given < leftover
            && u + given < next
            && u + given >= cumulative
            && shares[i] < partitionSizes[i]) {
          shares[i]++;
          given++;
        }
        cumulative = next;
      }
      // Rounding in the fractions can leave a row unplaced; give it to the first partition with
      // room.
      for (int i = 0; i < p && given < leftover; i++) {
        while (given < leftover && shares[i] < partitionSizes[i]) {
          shares[i]++;
          given++;
        }
      }
    }
    return shares;
  }
}
