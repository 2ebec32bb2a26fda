package dev.sparksvm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class HistoryTest {

  @Test
  void csvHasAHeaderAndAnEmptyCellForUnmeasuredAccuracy() {
    History h = new History();
    h.add(new History.Row(0, 9.5, 0.01234, 1e-7, null));
    h.add(new History.Row(1, 8.25, 1.5, 1e-7, 0.375));
    assertEquals(
        """
        iteration,loss,seconds,learning_rate,val_accuracy
        0,9.5,0.012340,1.0E-7,
        1,8.25,1.500000,1.0E-7,0.375
        """,
        h.toCsv());
  }

  @Test
  void emptyHistoryIsJustTheHeader() {
    assertEquals("iteration,loss,seconds,learning_rate,val_accuracy\n", new History().toCsv());
  }

  @Test
  void secondsDoNotFollowTheDefaultLocale() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY); // decimal comma
      History h = new History();
      h.add(new History.Row(3, 1.5, 2.25, 0.5, 0.5));
      assertEquals("3,1.5,2.250000,0.5,0.5", h.toCsv().lines().toList().get(1));
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void rowsAreACopy() {
    History h = new History();
    h.add(new History.Row(0, 1, 0, 1, null));
    assertThrows(
        UnsupportedOperationException.class, () -> h.rows().add(new History.Row(1, 1, 0, 1, null)));
    assertEquals(1, h.rows().size());
  }
}
