package dev.sparksvm.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LearningRateTest {

  @Test
  void decaysOncePerEpoch() {
    LearningRate rate = new LearningRate(1e-3, 0.9, 4);
    for (long step = 0; step < 4; step++) {
      assertEquals(1e-3, rate.at(step), 0.0, "step " + step);
    }
    assertEquals(1e-3 * 0.9, rate.at(4), 1e-18);
    assertEquals(1e-3 * 0.9, rate.at(7), 1e-18);
    assertEquals(1e-3 * 0.9 * 0.9, rate.at(8), 1e-18);
    assertEquals(1e-3 * Math.pow(0.9, 25), rate.at(100), 1e-18);
  }

  @Test
  void constantNeverChanges() {
    LearningRate rate = LearningRate.constant(0.25);
    assertEquals(0.25, rate.at(0), 0.0);
    assertEquals(0.25, rate.at(1_000_000), 0.0);
  }

  @Test
  void invalidValuesNameTheOption() {
    for (double lr : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> new LearningRate(lr, 1, 1));
      assertTrue(e.getMessage().contains("--lr "), e.getMessage());
    }
    for (double decay : new double[] {0, -0.5, 1.01, Double.NaN}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> new LearningRate(1, decay, 1));
      assertTrue(e.getMessage().contains("--lr-decay"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> new LearningRate(1, 1, 0));
  }
}
