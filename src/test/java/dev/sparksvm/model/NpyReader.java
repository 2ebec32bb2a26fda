package dev.sparksvm.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny {@code .npy} reader for the tests, written from NumPy's format description and independent
 * of {@link Npy}: version 1.0, little-endian float64 in C order only.
 */
public final class NpyReader {
  private static final Pattern HEADER =
      Pattern.compile(
          "\\{'descr': '<f8', 'fortran_order': False, 'shape': \\(([0-9, ]*)\\), \\} *\n");

  /** An array as read: its shape and its values in C order. */
  public record Array(long[] shape, double[] values) {}

  private NpyReader() {}

  /** Parses a whole {@code .npy} file, checking the magic, the version, the header and the size. */
  public static Array read(byte[] file) {
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    byte[] magic = new byte[6];
    b.get(magic);
    if (!Arrays.equals(magic, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'})) {
      throw new IllegalArgumentException("bad magic");
    }
    if (b.get() != 1 || b.get() != 0) {
      throw new IllegalArgumentException("not version 1.0");
    }
    int length = Short.toUnsignedInt(b.getShort());
    String header = new String(file, 10, length, StandardCharsets.US_ASCII);
    Matcher m = HEADER.matcher(header);
    if (!m.matches()) {
      throw new IllegalArgumentException("unexpected header: " + header);
    }
    long[] shape =
        Arrays.stream(m.group(1).split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .mapToLong(Long::parseLong)
            .toArray();
    long count = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
    b.position(10 + length);
    if (b.remaining() != 8 * count) {
      throw new IllegalArgumentException(
          b.remaining() + " data bytes for shape " + Arrays.toString(shape));
    }
    double[] values = new double[(int) count];
    b.asDoubleBuffer().get(values);
    return new Array(shape, values);
  }
}
