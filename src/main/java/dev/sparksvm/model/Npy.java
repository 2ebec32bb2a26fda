package dev.sparksvm.model;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Writes arrays of doubles in NumPy's {@code .npy} format, version 1.0, which {@code numpy.load}
 * reads:
 *
 * <pre>
 *   6 bytes   magic "\x93NUMPY"
 *   2 bytes   version 1, 0
 *   uint16    header length H, little-endian
 *   H bytes   ASCII: {'descr': '&lt;f8', 'fortran_order': False, 'shape': (R, C), }
 *             padded with spaces and ending in '\n', so that 10 + H is a multiple of 64 (the
 *             data starts aligned)
 *   data      the values as little-endian float64, in C order (row-major: the last index fastest)
 * </pre>
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
  private static final int ALIGNMENT = 64;

  private Npy() {}

  /**
   * The magic, version, length and header of a float64 array of {@code shape} in C order.
   *
   * @throws IllegalArgumentException for no dimension, a negative one, or a header version 1.0
   *     cannot hold (over 65535 bytes)
   */
  public static byte[] header(long... shape) {
    if (shape.length == 0 || Arrays.stream(shape).anyMatch(n -> n < 0)) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape));
    }
    // Python's repr of a tuple: a 1-tuple keeps its trailing comma, "(3,)".
    String dims = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", "));
    String tuple = "(" + dims + (shape.length == 1 ? ",)" : ")");
    String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': " + tuple + ", }";
    int unpadded = MAGIC.length + 2 + dict.length() + 1; // + 1: the closing newline
    int total = (unpadded + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    int headerLength = total - MAGIC.length - 2;
    if (headerLength > 0xFFFF) {
      throw new IllegalArgumentException(
          "a .npy 1.0 header holds 65535 bytes, shape "
              + Arrays.toString(shape)
              + " needs "
              + headerLength);
    }
    ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).putShort((short) headerLength).put(dict.getBytes(StandardCharsets.US_ASCII));
    while (b.remaining() > 1) {
      b.put((byte) ' ');
    }
    b.put((byte) '\n');
    return b.array();
  }

  /** Writes a {@code rows x columns} array whose values are given row-major (C order). */
  public static void writeMatrix(OutputStream out, int rows, int columns, double[] rowMajor)
      throws IOException {
    if ((long) rows * columns != rowMajor.length) {
      throw new IllegalArgumentException(
          rows + " x " + columns + " values, got " + rowMajor.length);
    }
    out.write(header(rows, columns));
    writeData(out, rowMajor);
  }

  /** Writes a one-dimensional array. */
  public static void writeVector(OutputStream out, double[] values) throws IOException {
    out.write(header(values.length));
    writeData(out, values);
  }

  private static void writeData(OutputStream out, double[] values) throws IOException {
    // 8 KB at a time: a CIFAR-10 W is 250 KB, and a buffer of the whole array would double it.
    ByteBuffer chunk = ByteBuffer.allocate(8192).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : values) {
      if (!chunk.hasRemaining()) {
        out.write(chunk.array(), 0, chunk.position());
        chunk.clear();
      }
      chunk.putDouble(v);
    }
    out.write(chunk.array(), 0, chunk.position());
  }
}
