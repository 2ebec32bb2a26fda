package dev.sparksvm.data;

import dev.sparksvm.core.Seeds;
import java.util.Arrays;
import java.util.HashSet;
import java.util.SplittableRandom;

/**
 * Draws a partition's share of a mini-batch: {@code k} distinct row indices out of {@code n}, in
 * O(k) time and memory (Robert Floyd's algorithm), never a scan of the partition. The draw is a
 * pure function of (seed, iteration, partition), so a recomputed partition samples the same rows
 * and two runs with the same seed see the same batches.
 */
public final class BatchSampler {
  private BatchSampler() {}

  /**
   * Distinct indices in {@code 0..n-1}, sorted ascending (for memory locality and a fixed summation
   * order). When {@code k == n} the whole partition is the batch, as full-batch gradient descent
   * needs.
   */
  public static int[] sample(long seed, long iteration, int partition, int n, int k) {
    if (k < 0 || k > n) {
      throw new IllegalArgumentException("cannot draw " + k + " distinct rows out of " + n);
    }
    int[] out = new int[k];
    if (k == n) {
      for (int i = 0; i < n; i++) {
        out[i] = i;
      }
      return out;
    }
    SplittableRandom random = new SplittableRandom(Seeds.derive(seed, iteration, partition));
    HashSet<Integer> chosen = new HashSet<>(k * 2);
    int m = 0;
    for (int j = n - k; j < n; j++) {
      int t = random.nextInt(j + 1);
      int pick = chosen.add(t) ? t : j;
      if (pick == j) {
        chosen.add(j);
      }
      out[m++] = pick;
    }
    Arrays.sort(out);
    return out;
  }
}
