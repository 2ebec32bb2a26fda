package dev.sparksvm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BatchSharesTest {

  @Test
  void sharesAddUpAndFitTheirPartitions() {
    SplittableRandom random = new SplittableRandom(4);
    for (int trial = 0; trial < 2000; trial++) {
      int p = random.nextInt(1, 12);
      long[] sizes = new long[p];
      long total = 0;
      for (int i = 0; i < p; i++) {
        sizes[i] = random.nextInt(0, 60);
        total += sizes[i];
      }
      if (total == 0) {
        continue;
      }
      int batch = (int) random.nextLong(1, total + 1);
      int[] shares = BatchShares.split(3, trial, sizes, batch);
      assertEquals(p, shares.length);
      assertEquals(batch, Arrays.stream(shares).sum(), Arrays.toString(sizes) + " batch " + batch);
      for (int i = 0; i < p; i++) {
        assertTrue(
            shares[i] >= 0 && shares[i] <= sizes[i],
            "share " + shares[i] + " of partition " + i + " of size " + sizes[i]);
        // Systematic sampling: floor or ceiling of the proportional share.
        double exact = (double) batch * sizes[i] / total;
        assertTrue(
            shares[i] >= Math.floor(exact) && shares[i] <= Math.ceil(exact),
            "share " + shares[i] + " for expected " + exact);
      }
    }
  }

  @Test
  void wholeTrainingSetIsEveryPartition() {
    long[] sizes = {3, 0, 8, 5};
    assertArrayEquals(new int[] {3, 0, 8, 5}, BatchShares.split(1, 9, sizes, 16));
  }

  @Test
  void deterministicPerSeedAndIteration() {
    long[] sizes = {101, 99, 100, 57};
    for (long iter = 0; iter < 50; iter++) {
      assertArrayEquals(
          BatchShares.split(8, iter, sizes, 10), BatchShares.split(8, iter, sizes, 10));
    }
  }

  @Test
  void batchOfOnePicksPartitionsInProportionToTheirSizes() {
    long[] sizes = {100, 300, 600, 0};
    int iterations = 20_000;
    int[] picked = new int[sizes.length];
    for (int iter = 0; iter < iterations; iter++) {
      int[] shares = BatchShares.split(11, iter, sizes, 1);
      assertEquals(1, Arrays.stream(shares).sum());
      for (int i = 0; i < sizes.length; i++) {
        picked[i] += shares[i];
      }
    }
    assertEquals(0, picked[3]);
    assertEquals(0.1 * iterations, picked[0], 0.1 * 0.1 * iterations, Arrays.toString(picked));
    assertEquals(0.3 * iterations, picked[1], 0.05 * 0.3 * iterations, Arrays.toString(picked));
    assertEquals(0.6 * iterations, picked[2], 0.05 * 0.6 * iterations, Arrays.toString(picked));
  }

  @Test
  void expectedShareIsProportionalForEveryBatchSize() {
    long[] sizes = {7, 13, 29, 51};
    int batch = 9; // 0.63, 1.17, 2.61, 4.59 per step
    int iterations = 20_000;
    double[] mean = new double[sizes.length];
    for (int iter = 0; iter < iterations; iter++) {
      int[] shares = BatchShares.split(2, iter, sizes, batch);
      for (int i = 0; i < sizes.length; i++) {
        mean[i] += shares[i] / (double) iterations;
      }
    }
    for (int i = 0; i < sizes.length; i++) {
      assertEquals(batch * sizes[i] / 100.0, mean[i], 0.02, "partition " + i);
    }
  }

  @Test
  void invalidBatchOrSizesThrow() {
    long[] sizes = {3, 4};
    assertThrows(IllegalArgumentException.class, () -> BatchShares.split(1, 0, sizes, 0));
    assertThrows(IllegalArgumentException.class, () -> BatchShares.split(1, 0, sizes, 8));
    assertThrows(
        IllegalArgumentException.class, () -> BatchShares.split(1, 0, new long[] {-1, 5}, 1));
  }
}
