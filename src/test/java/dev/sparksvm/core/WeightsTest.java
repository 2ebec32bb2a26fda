package dev.sparksvm.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class WeightsTest {

  @Test
  void sha256IsAFunctionOfTheBits() {
    Weights a = Weights.gaussian(10, 31, 1e-3, 42);
    Weights b = Weights.gaussian(10, 31, 1e-3, 42);
    assertEquals(a, b);
    assertEquals(a.sha256(), b.sha256());
    assertEquals(64, a.sha256().length());
    assertTrue(a.sha256().matches("[0-9a-f]{64}"));

    // Flip the lowest mantissa bit of one entry.
    Weights c = a.copy();
    int k = 123;
    c.values()[k] = Double.longBitsToDouble(Double.doubleToRawLongBits(c.values()[k]) ^ 1L);
    assertNotEquals(a, c);
    assertNotEquals(a.sha256(), c.sha256());
    // copy() is deep: a is unchanged.
    assertEquals(b.sha256(), a.sha256());
  }

  @Test
  void equalityIncludesTheShape() {
    double[] v = new double[12];
    assertNotEquals(new Weights(3, 4, v), new Weights(4, 3, v));
    assertEquals(new Weights(3, 4, v), new Weights(3, 4, new double[12]));
    assertEquals(new Weights(3, 4, v).hashCode(), new Weights(3, 4, new double[12]).hashCode());
  }

  @Test
  void toBytesIsBigEndianRowMajor() {
    Weights w = new Weights(2, 3, new double[] {1.0, 2.0, 3.0, 4.0, 5.0, -0.5});
    byte[] bytes = w.toBytes();
    assertEquals(6 * 8, bytes.length);
    // 1.0 = 0x3FF0000000000000: big-endian puts 0x3F first.
    assertArrayEquals(
        new byte[] {0x3F, (byte) 0xF0, 0, 0, 0, 0, 0, 0}, java.util.Arrays.copyOf(bytes, 8));
    ByteBuffer buffer = ByteBuffer.wrap(bytes); // big-endian by default
    for (int c = 0; c < 2; c++) {
      for (int j = 0; j < 3; j++) {
        assertEquals(w.get(c, j), buffer.getDouble((c * 3 + j) * 8), 0.0);
      }
    }
    assertEquals(4.0, w.get(1, 0), 0.0); // row-major: W[1][0] is values[3]
  }

  @Test
  void arithmeticAndValidation() {
    Weights w = new Weights(1, 2, new double[] {1, 2});
    w.addScaled(-2, new Weights(1, 2, new double[] {3, 4}));
    assertArrayEquals(new double[] {-5, -6}, w.values(), 0.0);
    assertEquals(61, w.squaredNorm(), 0.0);
    assertTrue(w.isFinite());
    w.values()[1] = Double.NaN;
    assertTrue(!w.isFinite());
    assertThrows(IllegalArgumentException.class, () -> new Weights(2, 3, new double[5]));
    assertThrows(IllegalArgumentException.class, () -> new Weights(0, 3, new double[0]));
    assertThrows(IllegalArgumentException.class, () -> w.addScaled(1, Weights.zeros(2, 1)));
  }

  @Test
  void gaussianHasTheRequestedScale() {
    Weights w = Weights.gaussian(10, 1000, 1e-2, 1);
    double sd = Math.sqrt(w.squaredNorm() / w.values().length);
    assertEquals(1e-2, sd, 1e-3);
    assertNotEquals(w, Weights.gaussian(10, 1000, 1e-2, 2));
  }
}
