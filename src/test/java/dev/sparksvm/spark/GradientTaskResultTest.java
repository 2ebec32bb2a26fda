package dev.sparksvm.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparksvm.core.BatchTotals;
import dev.sparksvm.core.OrderedSums;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A task's sums reach the driver with every bit, in floats when that loses none. */
class GradientTaskResultTest {
  private static final TaskTiming TIMING = new TaskTiming(3, 1_700_000_000_000_000L, 5, 7, 512);

  private static long[] bits(double[] values) {
    return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
  }

  private static GradientTask.Result roundTrip(double[] gradient, double[] losses, int bytes) {
    byte[] encoded = GradientTask.Result.encode(new BatchTotals(gradient, losses, 1024), TIMING);
    assertEquals(bytes, encoded.length, "encoded size");
    GradientTask.Result r = GradientTask.Result.decode(3, encoded);
    assertArrayEquals(bits(gradient), bits(r.gradientSums()));
    assertArrayEquals(bits(losses), bits(r.lossSums()));
    assertEquals(1024, r.examples());
    assertEquals(TIMING, r.timing());
    // Added straight from the bytes: the same bits as the decoded arrays added, on top of the
    // sums of an earlier partition.
    int models = losses.length;
    int size = gradient.length / models;
    double[] earlier = new double[gradient.length];
    Arrays.fill(earlier, 0.1);
    OrderedSums viaArrays =
        new OrderedSums(models, 1, size)
            .add(earlier, losses, 1)
            .add(r.gradientSums(), r.lossSums(), r.examples());
    OrderedSums viaBytes = new OrderedSums(models, 1, size).add(earlier, losses, 1);
    assertEquals(TIMING, GradientTask.Result.addTo(viaBytes, 3, encoded));
    assertEquals(viaArrays.count(), viaBytes.count());
    for (int k = 0; k < models; k++) {
      assertEquals(
          Double.doubleToRawLongBits(viaArrays.lossSum(k)),
          Double.doubleToRawLongBits(viaBytes.lossSum(k)));
      assertArrayEquals(
          bits(viaArrays.gradientSum(k).values()), bits(viaBytes.gradientSum(k).values()));
    }
    return r;
  }

  @Test
  void floatExactSumsTravelAsFloatsWithEveryBit() {
    SplittableRandom random = new SplittableRandom(7);
    double[] gradient = new double[2 * 10 * 31];
    for (int i = 0; i < gradient.length; i++) {
      gradient[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(-30, 30)));
    }
    gradient[0] = -0.0;
    gradient[1] = Double.POSITIVE_INFINITY;
    gradient[2] = Float.MIN_VALUE; // a subnormal float
    gradient[3] = Double.NaN; // the canonical NaN is a float NaN widened
    // Loss sums are doubles whatever the gradient's width.
    double[] losses = {0.1, 1.0 / 3};
    roundTrip(gradient, losses, 8 + 4 * gradient.length + 8 * 2 + 40);
  }

  @Test
  void otherSumsTravelAsDoubles() {
    SplittableRandom random = new SplittableRandom(8);
    double[] gradient = new double[10 * 31];
    for (int i = 0; i < gradient.length; i++) {
      gradient[i] = (float) random.nextGaussian();
    }
    // One value a float cannot hold sends them all as doubles: here, in turn, a double's extra
    // mantissa bits, a NaN whose payload a float cannot hold, and doubles beyond float's range.
    double payloadNan = Double.longBitsToDouble(0x7ff8_0000_0000_0001L);
    for (double odd : new double[] {0.1, payloadNan, 1e300, Double.MIN_VALUE}) {
      double[] g = gradient.clone();
      g[g.length - 1] = odd;
      roundTrip(g, new double[] {2.5}, 8 + 8 * g.length + 8 + 40);
    }
  }
}
