package dev.sparksvm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedsTest {

  @Test
  void deriveIsAPureFunction() {
    assertEquals(Seeds.derive(42, 3, 7), Seeds.derive(42, 3, 7));
    assertEquals(Seeds.derive(42), Seeds.derive(42));
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
