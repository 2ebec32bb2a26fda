package dev.sparksvm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedsTest {

  /**
   * Golden values, computed once from the code of commit 5ec3159 and checked against an independent
   * SplitMix64 written in Python. Every row a run draws, and so every checkpoint's resumed run, is
   * a function of these seeds: changing any value here breaks checkpoint compatibility (a resumed
   * run would draw other batches than the run it continues) and every published weights_sha256.
   */
  @Test
  void deriveGivesTheSeedsEveryRunAndCheckpointWasBuiltOn() {
    assertEquals(0xAA6A8B8C6177817CL, Seeds.derive(42));
    assertEquals(0xD67B18D46CCFF62CL, Seeds.derive(42, 3, 7));
    // The leftover-row draw of BatchShares uses partition -1.
    assertEquals(0xB9ADEDD96DD1C884L, Seeds.derive(0, 0, -1));
    assertEquals(0x296892609A026D9DL, Seeds.derive(-5, Long.MAX_VALUE, 12));
  }

  @Test
  void coordinatesAndTheirOrderMatter() {
    long base = Seeds.derive(42, 3, 7);
    assertNotEquals(base, Seeds.derive(43, 3, 7));
    assertNotEquals(base, Seeds.derive(42, 7, 3));
    assertNotEquals(base, Seeds.derive(42, 3));
    assertNotEquals(base, Seeds.derive(42, 3, 7, 0));
    assertNotEquals(Seeds.derive(42), Seeds.derive(42, 0));
    assertNotEquals(42L, Seeds.derive(42));
  }

  @Test
  void noCollisionsOverAGridOfCoordinates() {
    Set<Long> seen = new HashSet<>();
    for (long seed = 0; seed < 4; seed++) {
      for (long iter = 0; iter < 500; iter++) {
        for (long p = -1; p < 16; p++) {
          assertTrue(
              seen.add(Seeds.derive(seed, iter, p)), "collision at " + seed + "," + iter + "," + p);
        }
      }
    }
  }

  @Test
  void neighbouringCoordinatesLookIndependent() {
    // Avalanche: one step in the iteration flips about half of the 64 bits.
    double flipped = 0;
    int n = 2000;
    for (long iter = 0; iter < n; iter++) {
      flipped += Long.bitCount(Seeds.derive(9, iter, 0) ^ Seeds.derive(9, iter + 1, 0));
    }
    assertEquals(32, flipped / n, 1.0);
  }
}
