package dev.sparksvm.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GradientAccumulatorTest {
  private static final int C = 3;
  private static final int D = 5;

  private record Part(double[] gradient, double loss, long count) {}

  private static List<Part> parts(long seed, int n) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Part> parts = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      double[] g = new double[C * D];
      for (int k = 0; k < g.length; k++) {
        g[k] = random.nextGaussian() * Math.pow(10, random.nextInt(-8, 8));
      }
      parts.add(
          new Part(
              g, 1e3 * random.nextDouble() + 1e-9 * random.nextDouble(), random.nextInt(1, 300)));
    }
    return parts;
  }

  private static GradientAccumulator mergeInRandomOrder(List<Part> parts, long seed) {
    Random random = new Random(seed);
    List<GradientAccumulator> accs = new ArrayList<>();
    for (Part p : parts) {
      accs.add(new GradientAccumulator(C, D).add(p.gradient(), p.loss(), p.count()));
    }
    Collections.shuffle(accs, random);
    while (accs.size() > 1) {
      GradientAccumulator a = accs.remove(random.nextInt(accs.size()));
      GradientAccumulator b = accs.remove(random.nextInt(accs.size()));
      accs.add(a.merge(b));
    }
    // An empty accumulator (a partition that drew no rows) changes nothing.
    return accs.get(0).merge(new GradientAccumulator(C, D));
  }

  @Test
  void mergeOrderDoesNotChangeAnyBit() {
    List<Part> parts = parts(1, 37);
    GradientAccumulator reference = mergeInRandomOrder(parts, 0);
    long expectedCount = parts.stream().mapToLong(Part::count).sum();
    for (long seed = 1; seed < 8; seed++) {
      GradientAccumulator other = mergeInRandomOrder(parts, seed);
      assertEquals(reference.gradientSum(), other.gradientSum(), "order " + seed);
      assertEquals(
          Double.doubleToRawLongBits(reference.lossSum()),
          Double.doubleToRawLongBits(other.lossSum()),
          "order " + seed);
      assertEquals(expectedCount, other.count());
    }
    double loss = parts.stream().mapToDouble(Part::loss).sum();
    assertEquals(loss, reference.lossSum(), 1e-12 * loss);
  }

  @Test
  void gradientSumHasTheModelShape() {
    GradientAccumulator acc = new GradientAccumulator(C, D);
    double[] g = new double[C * D];
    for (int k = 0; k < g.length; k++) {
      g[k] = k;
    }
    acc.add(g, 2.5, 4).add(g, 0.5, 6);
    Weights sum = acc.gradientSum();
    assertEquals(C, sum.classes());
    assertEquals(D, sum.features());
    assertEquals(2.0 * (1 * D + 2), sum.get(1, 2), 0.0); // row-major: W[1][2] is slot 7
    assertEquals(3.0, acc.lossSum(), 0.0);
    assertEquals(10, acc.count());
    assertTrue(acc.isFinite());
    assertArrayEquals(new double[C * D], new GradientAccumulator(C, D).gradientSum().values(), 0.0);
    assertThrows(IllegalArgumentException.class, () -> acc.add(new double[C * D - 1], 0, 1));
  }

  @Test
  void divergedPartitionsMakeTheTotalsNonFinite() {
    GradientAccumulator ok = new GradientAccumulator(C, D).add(new double[C * D], 1, 1);
    double[] g = new double[C * D];
    g[3] = Double.POSITIVE_INFINITY;
    assertFalse(ok.merge(new GradientAccumulator(C, D).add(g, 1, 1)).isFinite());

    // Loss sums each in range whose total is not (4 x 4e18 > 2^63).
    GradientAccumulator total = new GradientAccumulator(C, D);
    for (int p = 0; p < 4; p++) {
      total.merge(new GradientAccumulator(C, D).add(new double[C * D], 4e18, 256));
    }
    assertFalse(total.isFinite(), "loss sum " + total.lossSum());
    assertTrue(Double.isNaN(total.lossSum()));
  }
}
