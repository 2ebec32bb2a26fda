package dev.sparksvm.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Doubles as raw bytes, for shipping arrays through Spark without Java serialization's per-element
 * path: {@code ObjectOutputStream} writes a {@code double[]} one element at a time ({@code
 * writeDoubles}), but a {@code byte[]} in one bulk copy.
 *
 * <p>The byte order is fixed to little-endian, so driver and executors agree whatever machines they
 * run on, and on x86 and AArch64 (little-endian) the conversion is a plain memory copy.
 */
final class DoubleBytes {
  private DoubleBytes() {}

  /** The values as {@code 8 * values.length} little-endian bytes. */
  static byte[] encode(double[] values) {
    byte[] bytes = new byte[values.length * Double.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().put(values);
    return bytes;
  }

  /** The doubles of {@code bytes} into {@code out}, which must hold exactly {@code bytes.length / 8}. */
  static double[] decode(byte[] bytes, double[] out) {
    if (bytes.length != out.length * Double.BYTES) {
      throw new IllegalArgumentException(bytes.length + " bytes do not hold " + out.length
          + " doubles");
    }
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
    return out;
  }
}
