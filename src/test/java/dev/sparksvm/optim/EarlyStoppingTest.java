package dev.sparksvm.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.core.Weights;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {
  private static Weights w(double v) {
    return new Weights(1, 1, new double[] {v});
  }

  @Test
  void keepsACopyOfTheBestWeightsAndItsStep() {
    EarlyStopping.Tracker t = new EarlyStopping(true, Double.NaN, 0).tracker();
    Weights live = w(1);
    assertFalse(t.record(100, 0.30, live));
    live.values()[0] = 2;
    assertFalse(t.record(200, 0.35, live));
    live.values()[0] = 3;
    assertFalse(t.record(300, 0.33, live));
    assertEquals(200, t.bestStep());
    assertEquals(0.35, t.bestAccuracy(), 0.0);
    assertEquals(2.0, t.kept(live).values()[0], 0.0, "a copy taken at step 200");
    assertEquals(EarlyStopping.Reason.ITERATIONS, t.reason());
    Weights last = w(9);
    assertSame(last, new EarlyStopping(false, Double.NaN, 0).tracker().kept(last));
  }

  @Test
  void stopsAtTheTargetOrAfterThePatienceRunsOut() {
    EarlyStopping.Tracker target = new EarlyStopping(false, 0.4, 0).tracker();
    assertFalse(target.record(1, 0.39, w(0)));
    assertTrue(target.record(2, 0.40, w(0)));
    assertEquals(EarlyStopping.Reason.STOP_AT, target.reason());

    EarlyStopping.Tracker patient = new EarlyStopping(false, Double.NaN, 2).tracker();
    assertFalse(patient.record(1, 0.30, w(0)));
    assertFalse(patient.record(2, 0.29, w(0)));
    assertFalse(patient.record(3, 0.31, w(0)), "a new best resets the count");
    assertFalse(patient.record(4, 0.31, w(0)));
    assertTrue(patient.record(5, 0.2, w(0)));
    assertEquals(EarlyStopping.Reason.PATIENCE, patient.reason());
  }

  @Test
  void badSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(false, 1.5, 0));
    assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(false, Double.NaN, -1));
  }
}
