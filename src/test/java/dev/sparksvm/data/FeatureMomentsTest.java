package dev.sparksvm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Merged per-block moments against a two-pass mean and sample deviation over all the rows. */
class FeatureMomentsTest {
  private static final int D = 4;

  /** Feature 3 is constant; feature 2 has a large mean and a small spread (cancellation bait). */
  private static double value(int i, int j) {
    return switch (j) {
      case 0 -> Math.sin(i) * 3;
      case 1 -> i % 5 - 2.5;
      case 2 -> 1e6 + (i % 7) * 1e-3;
      default -> 42;
    };
  }

  private static VectorBlock block(int from, int to) {
    VectorBlock.Builder b = VectorBlock.builder(D, false);
    double[] row = new double[D];
    for (int i = from; i < to; i++) {
      for (int j = 0; j < D; j++) {
        row[j] = value(i, j);
      }
      b.add(0, row);
    }
    return b.build();
  }

  private static FeatureMoments merged(List<VectorBlock> blocks) {
    FeatureMoments m = new FeatureMoments(D);
    blocks.forEach(b -> m.merge(FeatureMoments.of(b)));
    return m;
  }

  @Test
  void blocksMergedInOrderGiveTheMeanAndSampleStdOfAllRows() {
    int n = 101;
    FeatureMoments m = merged(List.of(block(0, 30), block(30, 30), block(30, 101)));
    assertEquals(n, m.count());
    for (int j = 0; j < D; j++) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += value(i, j);
      }
      double mean = sum / n;
      double squares = 0;
      for (int i = 0; i < n; i++) {
        squares += (value(i, j) - mean) * (value(i, j) - mean);
      }
      double std = Math.sqrt(squares / (n - 1));
      assertEquals(mean, m.mean()[j], 1e-12 * Math.max(1, Math.abs(mean)), "mean " + j);
      assertEquals(std, m.std()[j], 1e-9 * Math.max(1e-6, std), "std " + j);
    }
    assertEquals(0.0, m.std()[3], 0.0, "a constant feature");
  }

  @Test
  void theSameBlocksInTheSameOrderGiveTheSameBits() {
    List<VectorBlock> blocks = List.of(block(0, 17), block(17, 60));
    assertArrayEquals(merged(blocks).std(), merged(blocks).std());
    assertArrayEquals(merged(blocks).mean(), merged(blocks).mean());
  }

  @Test
  void standardizationScalesByTheInverseStdAndSendsConstantFeaturesToZero() {
    FeatureMoments m = merged(List.of(block(0, 50)));
    Preprocessing standardize = m.preprocessing(true);
    for (int j = 0; j < 3; j++) {
      assertEquals(1 / m.std()[j], standardize.scale()[j], 0.0);
    }
    assertEquals(0.0, standardize.scale()[3], 0.0);
    assertArrayEquals(m.mean(), standardize.mean());
    Preprocessing centre = m.preprocessing(false);
    assertNull(centre.scale());
    assertArrayEquals(m.mean(), centre.mean());
  }

  @Test
  void oneRowHasNoSpreadAndNoRowsHaveNoMoments() {
    assertArrayEquals(new double[D], merged(List.of(block(0, 1))).std());
    FeatureMoments none = merged(List.of(block(0, 0)));
    assertEquals(0, none.count());
    assertThrows(IllegalStateException.class, none::mean);
    assertThrows(IllegalArgumentException.class, () -> none.merge(new FeatureMoments(D + 1)));
  }
}
