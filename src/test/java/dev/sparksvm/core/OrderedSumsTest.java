package dev.sparksvm.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Partition sums added in order, per model, read from arrays or buffers, handed over once. */
class OrderedSumsTest {

  @Test
  void floatsAddAsTheirWideningToDouble() {
    SplittableRandom random = new SplittableRandom(3);
    int models = 2;
    int size = 3 * 5000; // more than one chunk per model
    float[] f = new float[models * size];
    double[] widened = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) random.nextGaussian();
      widened[i] = f[i];
    }
    double[] first = random.doubles(f.length).toArray();
    double[] losses = {1.5, 2.5};
    OrderedSums b = new OrderedSums(models, 3, 5000).add(first, losses, 4);
    FloatBuffer buffer = FloatBuffer.wrap(f);
    b.add(buffer, losses, 4);
    assertEquals(0, buffer.remaining(), "every float read");
    assertEquals(8, b.count());
    for (int k = 0; k < models; k++) {
      assertEquals(2 * losses[k], b.lossSum(k), 0.0);
      double[] expected = new double[size];
      for (int i = 0; i < size; i++) {
        expected[i] = first[k * size + i] + widened[k * size + i];
      }
      assertArrayEquals(expected, b.gradientSum(k).values(), 0.0);
    }
  }

  @Test
  void modelsAreSummedApartAndHandedOverOnce() {
    OrderedSums s =
        new OrderedSums(2, 1, 2)
            .add(new double[] {1, 2, 3, Double.NaN}, new double[] {1, 1}, 1)
            .add(new double[] {10, 20, 30, 40}, new double[] {2, 2}, 1);
    assertTrue(s.isFinite(0));
    assertFalse(s.isFinite(1));
    Weights g = s.gradientSum(0);
    assertArrayEquals(new double[] {11, 22}, g.values(), 0.0);
    assertThrows(IllegalStateException.class, () -> s.gradientSum(0));
    assertThrows(IllegalStateException.class, () -> s.isFinite(0));
    assertEquals(3, s.lossSum(0), 0.0);
  }

  @Test
  void sumsOfAnotherShapeAreRefused() {
    OrderedSums s = new OrderedSums(2, 1, 2);
    assertThrows(IllegalArgumentException.class, () -> s.add(new double[3], new double[2], 1));
    assertThrows(IllegalArgumentException.class, () -> s.add(new double[4], new double[1], 1));
  }
}
