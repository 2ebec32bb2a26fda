package dev.sparksvm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BatchSamplerTest {

  @Test
  void rowsAreDistinctSortedAndInRange() {
    for (int n : new int[] {1, 2, 7, 100, 5000}) {
      for (int k : new int[] {0, 1, n / 3, n / 2, n - 1}) {
        if (k < 0 || k > n) {
          continue;
        }
        for (long iter = 0; iter < 20; iter++) {
          int[] rows = BatchSampler.sample(42, iter, 3, n, k);
          assertEquals(k, rows.length);
          for (int i = 0; i < k; i++) {
            int row = rows[i];
            assertTrue(row >= 0 && row < n, () -> "row " + row + " of " + n);
            if (i > 0 && rows[i - 1] >= row) {
              throw new AssertionError("not strictly increasing: " + Arrays.toString(rows));
            }
          }
        }
      }
    }
  }

  @Test
  void drawIsPinnedAndDependsOnSeedIterationAndPartition() {
    // Golden values, computed once from the code of commit 5ec3159: a resumed run draws the rows
    // of the run it continues only while they stay the same (checkpoint compatibility).
    assertArrayEquals(
        new int[] {22, 228, 458, 500, 571, 609, 696, 752, 892, 950},
        BatchSampler.sample(7, 12, 2, 1000, 10));
    assertArrayEquals(
        new int[] {19649, 24989, 33113, 36324, 47570}, BatchSampler.sample(7, 12, 2, 50_000, 5));
    int[] a = BatchSampler.sample(7, 12, 2, 1000, 50);
    assertFalse(Arrays.equals(a, BatchSampler.sample(7, 13, 2, 1000, 50)), "next iteration");
    assertFalse(Arrays.equals(a, BatchSampler.sample(7, 12, 3, 1000, 50)), "other partition");
    assertFalse(Arrays.equals(a, BatchSampler.sample(8, 12, 2, 1000, 50)), "other seed");
  }

  @Test
  void drawingFromTheLargestBlockCostsTheShareAlone() {
    // A sampler that touched every row (a shuffle, a mask, a scan) would need 2^31 steps or
    // gigabytes
    // here; Floyd's algorithm draws 256 numbers.
    int n = Integer.MAX_VALUE;
    int[] rows = BatchSampler.sample(3, 0, 0, n, 256);
    assertEquals(256, rows.length);
    assertTrue(rows[0] >= 0 && rows[255] < n && rows[255] > n / 2, Arrays.toString(rows));
    assertEquals(256, Arrays.stream(rows).distinct().count());
  }

  @Test
  void wholePartitionIsZeroToNMinusOne() {
    int[] all = BatchSampler.sample(1, 2, 3, 6, 6);
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, all);
    assertEquals(0, BatchSampler.sample(1, 2, 3, 6, 0).length);
  }

  @Test
  void tooManyRowsOrNegativeThrows() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BatchSampler.sample(1, 0, 0, 10, 11));
    assertTrue(e.getMessage().contains("11") && e.getMessage().contains("10"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> BatchSampler.sample(1, 0, 0, 10, -1));
  }

  @Test
  void everyRowIsEquallyLikely() {
    int n = 50;
    int k = 10;
    int draws = 10_000;
    int[] hits = new int[n];
    for (int iter = 0; iter < draws; iter++) {
      for (int r : BatchSampler.sample(99, iter, 0, n, k)) {
        hits[r]++;
      }
    }
    double expected = (double) draws * k / n; // 2000, sd ~ 40
    double chiSquare = 0;
    for (int r = 0; r < n; r++) {
      assertEquals(expected, hits[r], 0.1 * expected, "row " + r);
      chiSquare += (hits[r] - expected) * (hits[r] - expected) / expected;
    }
    // 49 degrees of freedom: P(chi2 > 100) < 1e-5 (the variance of a without-replacement count is
    // smaller than the Poisson one, which only makes this looser).
    assertTrue(chiSquare < 100, "chi-square " + chiSquare + ": " + Arrays.toString(hits));
  }

  @Test
  void lastRowsAreNotFavoured() {
    // Floyd's algorithm substitutes j on a collision; a wrong substitution shows as the top rows
    // coming up too often. Pairs (0, n-1) should appear as often as any pair.
    int n = 6;
    int k = 3;
    int draws = 20_000;
    int[][] pairs = new int[n][n];
    for (int iter = 0; iter < draws; iter++) {
      int[] rows = BatchSampler.sample(5, iter, 1, n, k);
      for (int a = 0; a < k; a++) {
        for (int b = a + 1; b < k; b++) {
          pairs[rows[a]][rows[b]]++;
        }
      }
    }
    double expected = draws * (k * (k - 1) / 2.0) / (n * (n - 1) / 2.0); // 4000
    for (int a = 0; a < n; a++) {
      for (int b = a + 1; b < n; b++) {
        assertEquals(expected, pairs[a][b], 0.08 * expected, "pair " + a + "," + b);
      }
    }
  }
}
