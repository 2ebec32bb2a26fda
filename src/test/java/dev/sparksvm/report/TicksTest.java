package dev.sparksvm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Test;

/** Axes a reader takes in at a glance: round ticks, few of them, and a padded range. */
class TicksTest {

  private static List<String> labels(Ticks t) {
    return t.ticks().stream().map(Ticks.Tick::label).toList();
  }

  /**
   * The validation accuracy of the issue: 0.3925 to 0.4055, once ticked every 0.0005 so that a
   * point's noise looked like a swing. Now every 0.01 over at least five points, with room.
   */
  @Test
  void anAccuracyAxisTicksEveryHundredthOverAtLeastFivePoints() {
    Ticks t = Ticks.fraction(new double[] {0.3925, Double.NaN, 0.4055});
    assertEquals(
        List.of("0.36", "0.37", "0.38", "0.39", "0.40", "0.41", "0.42", "0.43"), labels(t));
    assertEquals(0.36, t.lower(), 0.0);
    assertEquals(0.43, t.upper(), 0.0);
    assertTrue(t.upper() - t.lower() >= Ticks.MIN_FRACTION_SPAN);
    for (Ticks.Tick tick : t.ticks()) {
      assertEquals(Double.parseDouble(tick.label()), tick.value(), 0.0, "exact hundredths");
    }
  }

  @Test
  void aWideAccuracyRangeTicksEveryTwentiethAndStaysInsideZeroToOne() {
    assertEquals(
        List.of("0.05", "0.10", "0.15", "0.20", "0.25", "0.30", "0.35", "0.40", "0.45", "0.50"),
        labels(Ticks.fraction(new double[] {0.1, 0.45})));
    Ticks perfect = Ticks.fraction(new double[] {1.0, 1.0});
    assertEquals(1.0, perfect.upper(), 0.0);
    assertTrue(perfect.lower() <= 1 - Ticks.MIN_FRACTION_SPAN, "the span is kept: " + perfect);
    Ticks all = Ticks.fraction(new double[] {0.0, 1.0});
    assertEquals(0.0, all.lower(), 0.0);
    assertEquals(1.0, all.upper(), 0.0);
    assertEquals("0.5", all.ticks().get(5).label());
    assertEquals(11, Ticks.fraction(new double[0]).ticks().size(), "no values: 0 to 1");
  }

  @Test
  void aLossUnderADecadeIsLabelledAtEveryDigit() {
    // Real CIFAR-10, 100 steps: the loss falls from 9.2 to 4.4. JFreeChart labelled "10" alone.
    Ticks t = Ticks.log(new double[] {9.2, 6.1, 4.4}, 8);
    assertEquals(List.of("4", "5", "6", "7", "8", "9", "10"), labels(t));
    assertEquals(4.0, t.lower(), 0.0);
    assertEquals(10.0, t.upper(), 0.0);
  }

  @Test
  void aLossOverAFewDecadesIsLabelledAtOneTwoAndFive() {
    assertEquals(
        List.of("0.1", "0.2", "0.5", "1", "2", "5", "10"),
        labels(Ticks.log(new double[] {9.2, 0.3, 0.11}, 8)));
    assertEquals(
        List.of("1", "2", "5", "10", "20", "50", "100", "200"),
        labels(Ticks.log(new double[] {1.2, 150}, 8)));
  }

  @Test
  void aLossOverManyDecadesIsLabelledAtEachPowerOfTenWithPlainNumbers() {
    Ticks t = Ticks.log(new double[] {9.2, 0.02, 7.4e-6}, 8);
    assertEquals(
        List.of("1e-06", "0.00001", "0.0001", "0.001", "0.01", "0.1", "1", "10"), labels(t));
    assertEquals(1e-6, t.lower(), 0.0);
  }

  @Test
  void aDivergingLossIsCutOffAtMaxDecadesAboveTheSmallest() {
    Ticks t = Ticks.log(new double[] {0.5, 3, 1e300, Double.POSITIVE_INFINITY, 0, -1}, 8);
    assertEquals(0.1, t.lower(), 0.0);
    assertEquals(1e8, t.upper(), 1e-7, "at most 8 decades above 0.5, to the next power");
    assertTrue(t.ticks().size() <= Ticks.MAX_TICKS, t.toString());
  }

  @Test
  void decadesAreTickedAtOneAndThreeTimesEachPowerAndLabelledWithTheValues() {
    // tune's default grid of learning rates: 1e-7, 3e-7, 1e-6, 3e-6 (log10 -7 .. -5.52)
    double[] lr = {-7, Math.log10(3e-7), -6, Math.log10(3e-6)};
    Ticks t = Ticks.decades(lr);
    assertEquals(List.of("1e-07", "3e-07", "1e-06", "3e-06"), labels(t));
    assertEquals(-7.25, t.lower(), 1e-12);
    assertEquals(Math.log10(3e-6) + 0.25, t.upper(), 1e-12);
    assertEquals(
        List.of("0.001", "0.01", "0.1", "1", "10", "100", "1000"),
        labels(Ticks.decades(new double[] {-3, 3})),
        "over more than 4 decades, whole decades only");
  }

  @Test
  void aZeroIsLabelledWhereItIsDrawnAndNothingBetweenItAndTheSmallestValue() {
    // Regularization 0, 1e2, 1e3, 1e4: zero drawn a decade below 1e2.
    Ticks t = Ticks.decades(new double[] {1, 2, 3, 4}).withZeroAt(1, 2);
    assertEquals(List.of("0", "100", "300", "1000", "3000", "10000"), labels(t));
    assertEquals(1.0, t.ticks().get(0).value(), 0.0);
    assertTrue(t.lower() <= 0.75, t.toString());
  }

  @Test
  void roundStepsAreOneTwoOrFiveTimesAPowerOfTen() {
    assertEquals(0.02, Ticks.roundStep(0.0158), 0.0);
    assertEquals(0.5, Ticks.roundStep(0.3), 0.0);
    assertEquals(1.0, Ticks.roundStep(1.0), 0.0);
    assertEquals(10.0, Ticks.roundStep(7), 0.0);
    assertEquals(0.001, Ticks.roundStep(0.001), 0.0);
    assertThrows(IllegalArgumentException.class, () -> Ticks.roundStep(0));
  }

  /** The axes draw exactly these ticks, not JFreeChart's own choice. */
  @Test
  void theAxesDrawTheTicksAndRangeTheyAreGiven() {
    Ticks loss = Ticks.log(new double[] {9.2, 4.4}, 8);
    ValueAxis log = TickedAxes.log("loss", loss);
    ValueAxis accuracy = TickedAxes.linear("accuracy", Ticks.fraction(new double[] {0.4}));
    assertEquals(4.0, log.getLowerBound(), 0.0);
    assertEquals(10.0, log.getUpperBound(), 0.0);
    assertEquals(labels(loss), texts(log.refreshTicks(null, null, null, RectangleEdge.LEFT)));
    assertEquals(
        List.of("0.37", "0.38", "0.39", "0.40", "0.41", "0.42", "0.43"),
        texts(accuracy.refreshTicks(null, null, null, RectangleEdge.RIGHT)));
  }

  private static List<String> texts(List<?> ticks) {
    return ticks.stream().map(t -> ((ValueTick) t).getText()).toList();
  }
}
