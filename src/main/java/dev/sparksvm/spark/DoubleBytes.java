package dev.sparksvm.spark;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Doubles as raw bytes, for shipping arrays through Spark without Java serialization's per-element
 * path: {@code ObjectOutputStream} writes a {@code double[]} one element at a time ({@code
 * writeDoubles}), a {@code byte[]} in one bulk copy. Little-endian everywhere, so driver and
 * executors agree whatever machines they run on (and on x86 and AArch64 the conversion is a memory
 * copy).
 */
public final class DoubleBytes {
  /** Values converted at a time. */
  private static final int CHUNK = 4096;

  private DoubleBytes() {}

  /** The values as {@code 8 * values.length} little-endian bytes. */
  public static byte[] encode(double[] values) {
    byte[] bytes = new byte[values.length * Double.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().put(values);
    return bytes;
  }

  /**
   * Puts {@code values} rounded to float at {@code b}'s position (a little-endian buffer) and
   * advances it past them.
   */
  static void putAsFloats(ByteBuffer b, double[] values) {
    // A chunk at a time: a bulk copy out of a small array, not a float[] of all the values (2 MB
    // for 16 stacked models of CIFAR-10, every task of every step).
    float[] f = new float[Math.min(CHUNK, values.length)];
    FloatBuffer out = b.asFloatBuffer();
    for (int from = 0; from < values.length; from += f.length) {
      int n = Math.min(f.length, values.length - from);
      for (int i = 0; i < n; i++) {
        f[i] = (float) values[from + i];
      }
      out.put(f, 0, n);
    }
    b.position(b.position() + Float.BYTES * values.length);
  }

  /**
   * The doubles of {@code bytes} into {@code out}, which must hold exactly {@code bytes.length /
   * 8}.
   */
  public static double[] decode(byte[] bytes, double[] out) {
    if (bytes.length != out.length * Double.BYTES) {
      throw new IllegalArgumentException(
          bytes.length + " bytes do not hold " + out.length + " doubles");
    }
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
    return out;
  }

  /** The doubles of {@code bytes}. */
  public static double[] decode(byte[] bytes) {
    if (bytes.length % Double.BYTES != 0) {
      throw new IllegalArgumentException(bytes.length + " bytes are not whole doubles");
    }
    double[] out = new double[bytes.length / Double.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
    return out;
  }
}
