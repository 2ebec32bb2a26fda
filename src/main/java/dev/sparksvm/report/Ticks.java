package dev.sparksvm.report;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An axis's range and the ticks a reader takes in at a glance: round values, few of them, and a
 * range padded beyond the data, as CS231n's plots have them. Pure arithmetic, without JFreeChart
 * ({@link TickedAxes} draws them), so each choice is tested alone.
 *
 * @param lower the axis's lower end, in axis coordinates
 * @param upper its upper end
 * @param ticks from lower to upper
 */
record Ticks(double lower, double upper, List<Tick> ticks) implements Serializable {

  /** One labelled tick, at {@code value} in axis coordinates. */
  record Tick(double value, String label) implements Serializable {}

  /**
   * Fractions span at least this much (five points of accuracy), so that the noise of a point is
   * not drawn as a wild swing.
   */
  static final double MIN_FRACTION_SPAN = 0.05;

  /** Round steps of a fraction axis, in the order they are tried. */
  private static final double[] FRACTION_STEPS = {0.01, 0.02, 0.05, 0.1, 0.2};

  /** Ticks an axis holds at most (and a log axis of 1, 2 and 5 spans at most 3 decades). */
  static final int MAX_TICKS = 10;

  Ticks {
    ticks = List.copyOf(ticks);
  }

  /**
   * A fraction axis (accuracy): a range of at least {@value #MIN_FRACTION_SPAN} around the values,
   * padded by a tenth of it and kept inside [0, 1], with ticks every 0.01, 0.02, 0.05, 0.1 or 0.2
   * (the first that needs at most {@value #MAX_TICKS}) labelled with as many decimals as the step.
   */
  static Ticks fraction(double[] values) {
    double[] range = range(values, false, 0, 1);
    double min = range[0];
    double max = range[1];
    double centre = (min + max) / 2;
    double half = Math.max(max - min, MIN_FRACTION_SPAN) / 2 * 1.2; // a tenth of padding each side
    double lo = centre - half;
    double hi = centre + half;
    // Keep the span, inside [0, 1]: an accuracy of 1.0 shows as the top of 0.94 .. 1.00.
    if (hi > 1) {
      lo = Math.max(0, lo - (hi - 1));
      hi = 1;
    }
    if (lo < 0) {
      hi = Math.min(1, hi - lo);
      lo = 0;
    }
    double step = FRACTION_STEPS[FRACTION_STEPS.length - 1];
    for (double s : FRACTION_STEPS) {
      if ((hi - lo) / s <= MAX_TICKS) {
        step = s;
        break;
      }
    }
    // Whole multiples of the step, counted in integers so that 0.07 is not 0.07000000000000001.
    long first = (long) Math.floor(lo / step + 1e-9);
    long last = (long) Math.ceil(hi / step - 1e-9);
    int decimals = step < 0.1 ? 2 : 1;
    List<Tick> ticks = new ArrayList<>();
    for (long k = first; k <= last; k++) {
      double v = BigDecimal.valueOf(step).multiply(BigDecimal.valueOf(k)).doubleValue();
      ticks.add(new Tick(v, String.format(Locale.ROOT, "%." + decimals + "f", v)));
    }
    return new Ticks(ticks.get(0).value(), ticks.get(ticks.size() - 1).value(), ticks);
  }

  /**
   * A log axis of positive values (losses, times), in the values themselves: from the largest round
   * value (1, 2 or 5 times a power of ten) below the smallest to the smallest above the largest,
   * with a tick at each such value when that spans at most 3 decades, else at each power of ten;
   * under a decade, with too few of them, at 2, 3, 4 .. 9 times each power. Labels are plain
   * numbers (0.5, 20, 1000; 1e-05 only past five decimals). It spans at most {@code maxDecades} up
   * from the smallest value: the part of a diverging curve above is cut off.
   */
  static Ticks log(double[] values, int maxDecades) {
    double[] range = range(values, true, 1, 10);
    double min = range[0];
    double max = Math.min(range[1], min * Math.pow(10, maxDecades));
    // A little room, so that a curve does not run along the frame.
    double lo = min / 1.05;
    double hi = max * 1.05;
    int lowDecade = (int) Math.floor(Math.log10(lo));
    int highDecade = (int) Math.ceil(Math.log10(hi));
    List<Tick> ticks = enclosing(lo, hi, lowDecade, highDecade, new int[] {1, 2, 5});
    if (ticks.size() < 4) {
      // Less than a decade: every digit (2, 3, 4 .. 9, 10).
      ticks = enclosing(lo, hi, lowDecade, highDecade, new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
    } else if (ticks.size() > MAX_TICKS) {
      // Too many for 1, 2 and 5: every power of ten, the range widened to whole decades.
      ticks = enclosing(lo, hi, lowDecade, highDecade, new int[] {1});
    }
    return new Ticks(ticks.get(0).value(), ticks.get(ticks.size() - 1).value(), ticks);
  }

  /** Ticks at {@code mantissas} times each power of ten, from the last <= lo to the first >= hi. */
  private static List<Tick> enclosing(
      double lo, double hi, int lowDecade, int highDecade, int[] mantissas) {
    List<Tick> round = new ArrayList<>();
    for (int k = lowDecade; k <= highDecade; k++) {
      for (int m : mantissas) {
        round.add(tick(m, k));
      }
    }
    int from = 0;
    while (from + 1 < round.size() && round.get(from + 1).value() <= lo) {
      from++;
    }
    int to = round.size() - 1;
    while (to - 1 >= 0 && round.get(to - 1).value() >= hi) {
      to--;
    }
    return List.copyOf(round.subList(from, to + 1));
  }

  /**
   * An axis in decades (log10 of the values, as the model search's map draws learning rates and
   * regularization strengths): the range padded by a quarter of a decade each side, ticks at whole
   * decades and, when the range spans at most 4 of them, at 3 times each power of ten (half a
   * decade, near enough, and a value people choose); labelled with the values, not their logs.
   */
  static Ticks decades(double[] log10Values) {
    double[] range = range(log10Values, false, 0, 1);
    double lo = range[0] - 0.25;
    double hi = range[1] + 0.25;
    boolean threes = hi - lo <= 4;
    List<Tick> ticks = new ArrayList<>();
    for (int k = (int) Math.floor(lo); k <= (int) Math.ceil(hi); k++) {
      for (int m : threes ? new int[] {1, 3} : new int[] {1}) {
        double at = k + Math.log10(m);
        if (at >= lo - 1e-9 && at <= hi + 1e-9) {
          ticks.add(new Tick(at, tick(m, k).label()));
        }
      }
    }
    return new Ticks(lo, hi, ticks);
  }

  /**
   * These ticks with one labelled "0" at {@code at}, where a value of zero is drawn on an axis in
   * decades, and none between it and {@code firstPositive}, the smallest other value: the scale
   * means nothing there.
   */
  Ticks withZeroAt(double at, double firstPositive) {
    List<Tick> kept = new ArrayList<>();
    kept.add(new Tick(at, "0"));
    for (Tick t : ticks) {
      if (t.value() >= firstPositive - 0.01) {
        kept.add(t);
      }
    }
    return new Ticks(Math.min(lower, at - 0.25), upper, kept);
  }

  /**
   * The smallest and largest finite values (only those > 0 when {@code positive}), or {@code
   * otherwise} when there are none.
   */
  private static double[] range(
      double[] values, boolean positive, double otherwiseMin, double otherwiseMax) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (Double.isFinite(v) && (!positive || v > 0)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    return min <= max ? new double[] {min, max} : new double[] {otherwiseMin, otherwiseMax};
  }

  /** The smallest of 1, 2 or 5 times a power of ten that is at least {@code atLeast} (> 0). */
  static double roundStep(double atLeast) {
    if (!(atLeast > 0) || !Double.isFinite(atLeast)) {
      throw new IllegalArgumentException("a step must be finite and > 0, got " + atLeast);
    }
    int k = (int) Math.floor(Math.log10(atLeast));
    for (int decade = k - 1; ; decade++) {
      for (int m : new int[] {1, 2, 5}) {
        double step = tick(m, decade).value();
        if (step >= atLeast * (1 - 1e-12)) {
          return step;
        }
      }
    }
  }

  /** The tick at {@code m} times 10^{@code k}, labelled plainly. */
  private static Tick tick(int m, int k) {
    BigDecimal value = BigDecimal.valueOf(m).scaleByPowerOfTen(k);
    String label =
        k >= -5 && k <= 5
            ? value.stripTrailingZeros().toPlainString()
            : String.format(Locale.ROOT, "%de%s%02d", m, k < 0 ? "-" : "+", Math.abs(k));
    return new Tick(value.doubleValue(), label);
  }
}
