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

  /**
   * Golden values, computed once from the code of commit 5ec3159. A step's shares decide which rows
   * each partition draws, so a run resumed from a checkpoint draws the batches of the run it
   * continues only while these stay the same: changing them breaks checkpoint compatibility and
   * every published weights_sha256.
   */
  @Test
  void sharesAreTheOnesEveryRunAndCheckpointWasBuiltOn() {
    // Proportional shares 2.83, 2.77, 2.80 and 1.60: three leftover rows placed by the seed.
    long[] sizes = {101, 99, 100, 57};
    int[][] expected = {
      {2, 3, 3, 2}, {2, 3, 3, 2}, {2, 3, 3, 2}, {3, 3, 3, 1},
      {3, 2, 3, 2}, {3, 3, 3, 1}, {2, 3, 3, 2}, {3, 3, 3, 1}
    };
    for (int iter = 0; iter < expected.length; iter++) {
      assertArrayEquals(expected[iter], BatchShares.split(8, iter, sizes, 10), "step " + iter);
    }
    // CIFAR-10's 49,000 training rows in 7 uneven partitions, batch 256, late in a run.
    long[] cifar = {5000, 5000, 5000, 5000, 5000, 4999, 1};
    assertArrayEquals(
        new int[] {43, 42, 43, 43, 42, 43, 0}, BatchShares.split(42, 1000, cifar, 256));
    assertArrayEquals(
        new int[] {42, 43, 43, 42, 43, 43, 0}, BatchShares.split(42, 1001, cifar, 256));
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
