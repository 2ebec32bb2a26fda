package dev.sparksvm.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExactSumTest {
  private static final int SIZE = 16;
  private static final int VECTORS = 400;

  /** Vectors with mixed signs and magnitudes from 1e-12 to 1e6 (log-uniform). */
  private static double[][] vectors(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] v = new double[VECTORS][SIZE];
    for (double[] row : v) {
      for (int i = 0; i < SIZE; i++) {
        double magnitude = Math.pow(10, -12 + 18 * random.nextDouble());
        row[i] = random.nextBoolean() ? magnitude : -magnitude;
      }
    }
    return v;
  }

  /** Sums the vectors in a random order, in random groups, merged in a random tree. */
  private static ExactSum randomTree(double[][] vectors, long seed) {
    Random random = new Random(seed);
    List<double[]> order = new ArrayList<>(Arrays.asList(vectors));
    Collections.shuffle(order, random);
    List<ExactSum> groups = new ArrayList<>();
    int i = 0;
    while (i < order.size()) {
      int n = 1 + random.nextInt(40);
      ExactSum s = new ExactSum(SIZE);
      for (int k = 0; k < n && i < order.size(); k++, i++) {
        if (random.nextBoolean()) {
          s.add(order.get(i));
        } else {
          for (int j = 0; j < SIZE; j++) {
            s.add(j, order.get(i)[j]);
          }
        }
      }
      groups.add(s);
    }
    while (groups.size() > 1) {
      ExactSum a = groups.remove(random.nextInt(groups.size()));
      ExactSum b = groups.remove(random.nextInt(groups.size()));
      groups.add(random.nextBoolean() ? a.merge(b) : b.merge(a));
    }
    return groups.get(0);
  }

  private static long[] bits(double[] values) {
    return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
  }

  @Test
  void anyOrderAndGroupingGivesTheSameBits() {
    double[][] v = vectors(1);
    long[] first = bits(randomTree(v, 100).toDoubles());
    for (long seed = 101; seed < 110; seed++) {
      assertArrayEquals(first, bits(randomTree(v, seed).toDoubles()), "merge order " + seed);
    }
  }

  @Test
  void plainDoubleSumsOfTheSameInputDependOnOrder() {
    // Shows the inputs above are hard: naive summation is not order independent on them.
    double[][] v = vectors(1);
    double[] forward = new double[SIZE];
    double[] backward = new double[SIZE];
    for (int k = 0; k < VECTORS; k++) {
      for (int j = 0; j < SIZE; j++) {
        forward[j] += v[k][j];
        backward[j] += v[VECTORS - 1 - k][j];
      }
    }
    assertFalse(Arrays.equals(bits(forward), bits(backward)));
  }

  @Test
  void resultIsCloseToTheExactSum() {
    double[][] v = vectors(2);
    double[] sum = randomTree(v, 7).toDoubles();
    for (int j = 0; j < SIZE; j++) {
      BigDecimal exact = BigDecimal.ZERO;
      for (double[] row : v) {
        exact = exact.add(new BigDecimal(row[j]));
      }
      double reference = exact.round(MathContext.DECIMAL128).doubleValue();
      assertEquals(reference, sum[j], 1e-15 * Math.abs(reference), "sum " + j);
    }
  }

  @Test
  void singleValuesOnTheGridRoundTripExactly() {
    SplittableRandom random = new SplittableRandom(3);
    for (int k = 0; k < 1000; k++) {
      // |x| >= 2^-11: all 53 mantissa bits lie on the 2^-64 grid.
      double x = Math.pow(2, -11 + 72 * random.nextDouble()) * (random.nextBoolean() ? 1 : -1);
      ExactSum s = new ExactSum(1);
      s.add(0, x);
      assertEquals(x, s.get(0), 0.0, "value " + x);
    }
    ExactSum s = new ExactSum(2);
    s.add(new double[] {0.1, -0.1});
    s.add(new double[] {0.2, -0.2});
    // 0.1 + 0.2 in exact arithmetic of the two doubles, rounded once: not the double sum
    // 0.30000000000000004.
    double tenth = 0.1; // the doubles' exact binary values, not the decimals 0.1 and 0.2
    double fifth = 0.2;
    assertEquals(new BigDecimal(tenth).add(new BigDecimal(fifth)).doubleValue(), s.get(0), 0.0);
    assertEquals(-s.get(0), s.get(1), 0.0);
  }

  @Test
  void valuesBelowTheGridAreTruncatedTowardZero() {
    double unit = 0x1.0p-64;
    SplittableRandom random = new SplittableRandom(4);
    for (int k = 0; k < 1000; k++) {
      double x = Math.pow(2, -70 + 59 * random.nextDouble()); // 2^-70 .. 2^-11
      for (double v : new double[] {x, -x}) {
        ExactSum s = new ExactSum(1);
        s.add(0, v);
        double got = s.get(0);
        assertTrue(Math.abs(got) <= Math.abs(v), () -> v + " became " + got);
        assertTrue(Math.abs(v - got) < unit, () -> v + " became " + got);
        assertEquals(Math.signum(v) * Math.floor(Math.abs(v) / unit) * unit, got, 0.0);
      }
    }
  }

  @Test
  void cancellationIsExact() {
    ExactSum s = new ExactSum(1);
    s.add(0, 1e15);
    s.add(0, 1.0);
    s.add(0, -1e15);
    assertEquals(1.0, s.get(0), 0.0);
    ExactSum t = new ExactSum(1);
    t.add(0, -3.5);
    t.add(0, 1.25);
    assertEquals(-2.25, t.get(0), 0.0);
  }

  @Test
  void emptySumIsZeros() {
    ExactSum s = new ExactSum(5);
    assertArrayEquals(new double[5], s.toDoubles(), 0.0);
    assertEquals(0.0, s.get(3), 0.0);
    assertTrue(s.isFinite());
    ExactSum merged = new ExactSum(5).merge(new ExactSum(5));
    assertArrayEquals(new double[5], merged.toDoubles(), 0.0);
    assertEquals(0, new ExactSum(0).toDoubles().length);
  }

  @Test
  void nonFiniteValuesFlagTheSumAndPropagateThroughMerge() {
    for (double bad :
        new double[] {
          Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0x1.0p62, -0x1.0p62, 1e300
        }) {
      ExactSum s = new ExactSum(3);
      s.add(new double[] {1, 2, 3});
      s.add(1, bad);
      assertFalse(s.isFinite(), "value " + bad);
      assertTrue(Double.isNaN(s.get(1)), "value " + bad);
      assertArrayEquals(new double[] {1, Double.NaN, 3}, s.toDoubles(), 0.0, "value " + bad);

      ExactSum finite = new ExactSum(3);
      finite.add(new double[] {4, 5, 6});
      assertTrue(finite.isFinite());
      assertFalse(finite.merge(s).isFinite(), "merged into a finite sum, value " + bad);

      ExactSum empty = new ExactSum(3);
      assertFalse(empty.merge(s).isFinite(), "merged into an empty sum, value " + bad);
      // Sticky: adding more finite values does not clear it.
      s.add(new double[] {1, 1, 1});
      assertFalse(s.isFinite());
    }
  }

  @Test
  void valuesJustBelowTwoToThe62AreExact() {
    double big = Math.nextDown(0x1.0p62);
    ExactSum s = new ExactSum(2);
    s.add(new double[] {big, -big});
    assertTrue(s.isFinite());
    assertEquals(big, s.get(0), 0.0);
    assertEquals(-big, s.get(1), 0.0);
  }

  @Test
  void totalsBeyondTheRangeAreFlaggedNotWrapped() {
    // Each value is in range, but their total (~1.8e19 > 2^63) is not: it used to wrap around to a
    // finite -2048.0.
    double big = Math.nextDown(0x1.0p62);
    for (double sign : new double[] {1, -1}) {
      ExactSum added = new ExactSum(1);
      ExactSum merged = new ExactSum(1);
      for (int k = 0; k < 4; k++) {
        added.add(0, sign * big);
        ExactSum part = new ExactSum(1);
        part.add(0, sign * big);
        merged.merge(part);
      }
      for (ExactSum s : List.of(added, merged)) {
        assertFalse(s.isFinite(), "4 x " + sign * big + " gave " + s.get(0));
        assertTrue(Double.isNaN(s.get(0)));
        assertTrue(Double.isNaN(s.toDoubles()[0]));
      }
    }
  }

  @Test
  void partialSumsOutOfRangeDoNotDependOnOrder() {
    // In some orders the running sum passes 2^63 and comes back; the total is 1.5 in every order.
    double big = Math.nextDown(0x1.0p62);
    double[] values = {big, big, big, -big, -big, -big, 1.5};
    Random random = new Random(5);
    for (int trial = 0; trial < 50; trial++) {
      List<Double> order = new ArrayList<>();
      for (double v : values) {
        order.add(v);
      }
      Collections.shuffle(order, random);
      ExactSum total = new ExactSum(1);
      for (double v : order) {
        ExactSum part = new ExactSum(1);
        part.add(0, v);
        if (random.nextBoolean()) {
          total.merge(part);
        } else {
          total = part.merge(total);
        }
      }
      assertTrue(total.isFinite(), "order " + order);
      assertEquals(1.5, total.get(0), 0.0, "order " + order);
    }
  }

  @Test
  void mergingDifferentSizesThrows() {
    assertThrows(IllegalArgumentException.class, () -> new ExactSum(3).merge(new ExactSum(4)));
    assertThrows(IllegalArgumentException.class, () -> new ExactSum(2).add(new double[3]));
    assertThrows(IllegalArgumentException.class, () -> new ExactSum(-1));
  }

  @Test
  void aShorterVectorAddsToTheFirstSums() {
    ExactSum s = new ExactSum(3);
    s.add(new double[] {1, 2});
    assertArrayEquals(new double[] {1, 2, 0}, s.toDoubles(), 0.0);
    assertEquals(3, s.size());
  }

  @Test
  void aNonFiniteValueSpoilsOnlyItsOwnSum() {
    ExactSum s = new ExactSum(3);
    s.add(new double[] {1, Double.NaN, 3});
    ExactSum t = new ExactSum(3).merge(s);
    t.add(2, Double.POSITIVE_INFINITY);
    assertArrayEquals(new double[] {1, Double.NaN, 3}, s.toDoubles(), 0.0);
    assertArrayEquals(new double[] {1, Double.NaN, Double.NaN}, t.toDoubles(), 0.0);
    assertTrue(s.isFinite(0, 1));
    assertFalse(s.isFinite(0, 2));
    assertFalse(t.isFinite());
  }
}
