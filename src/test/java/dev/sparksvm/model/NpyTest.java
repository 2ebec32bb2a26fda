package dev.sparksvm.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NpyTest {
  /** Magic, version 1.0 and the little-endian header length. */
  private static byte[] prefix(int headerLength) {
    return new byte[] {
      (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) headerLength, (byte) (headerLength >> 8)
    };
  }

  private static byte[] concat(byte[] a, String ascii) {
    byte[] b = ascii.getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /**
   * The bytes numpy 2.4's {@code numpy.save} writes for a (3, 5) and a (4,) float64 array (its
   * extra padding for in-place growth lands on the same 128 bytes): the dict is 59 and 57
   * characters, so 58 and 60 spaces and a newline fill the header to 118 bytes, 128 with the
   * 10-byte prefix.
   */
  @Test
  void headersAreNumpysByteForByte() {
    assertArrayEquals(
        concat(
            prefix(118),
            "{'descr': '<f8', 'fortran_order': False, 'shape': "
                + "(3, 5), }"
                + " ".repeat(58)
                + "\n"),
        Npy.header(3, 5));
    assertArrayEquals(
        concat(
            prefix(118),
            "{'descr': '<f8', 'fortran_order': False, 'shape': "
                + "(4,), }"
                + " ".repeat(60)
                + "\n"),
        Npy.header(4));
  }

  /** A dict of 117 characters fills 128 bytes exactly: no space, only the newline. */
  @Test
  void aHeaderThatFitsExactlyGetsNoPadding() {
    long[] shape = new long[21];
    java.util.Arrays.fill(shape, 1);
    shape[0] = 10; // "(10, 1, ..., 1)" is 64 characters
    String dict =
        "{'descr': '<f8', 'fortran_order': False, 'shape': " + "(10" + ", 1".repeat(20) + "), }";
    assertEquals(117, dict.length());
    assertArrayEquals(concat(prefix(118), dict + "\n"), Npy.header(shape));
    // One character more and the header takes the next 64 bytes.
    shape[0] = 100;
    byte[] longer = Npy.header(shape);
    assertEquals(192, longer.length);
    assertEquals(182, (longer[8] & 0xFF) | (longer[9] & 0xFF) << 8);
    assertEquals(' ', longer[190]);
    assertEquals('\n', longer[191]);
  }

  @Test
  void valuesRoundTripLittleEndianInCOrder() throws IOException {
    double[] w = new SplittableRandom(3).doubles(3 * 1500, -1e3, 1e3).toArray();
    w[0] = -0.0;
    w[1] = Double.MIN_VALUE;
    w[2] = Double.NaN;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Npy.writeMatrix(out, 3, 1500, w); // 36,000 bytes: several of the writer's 8 KB chunks
    NpyReader.Array back = NpyReader.read(out.toByteArray());
    assertArrayEquals(new long[] {3, 1500}, back.shape());
    assertArrayEquals(w, back.values(), 0.0);
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(back.values()[0]));
    byte[] bytes = out.toByteArray();
    // The first value after the 128-byte header, by hand: -0.0 is 0x8000000000000000, LSB first.
    assertArrayEquals(
        new byte[] {0, 0, 0, 0, 0, 0, 0, (byte) 0x80},
        java.util.Arrays.copyOfRange(bytes, 128, 136));

    ByteArrayOutputStream vector = new ByteArrayOutputStream();
    Npy.writeVector(vector, new double[] {1.5, -2, 255});
    NpyReader.Array v = NpyReader.read(vector.toByteArray());
    assertArrayEquals(new long[] {3}, v.shape());
    assertArrayEquals(new double[] {1.5, -2, 255}, v.values(), 0.0);
  }

  @Test
  void shapesThatDoNotFitAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Npy.writeMatrix(new ByteArrayOutputStream(), 3, 4, new double[11]));
    assertThrows(IllegalArgumentException.class, () -> Npy.header());
    assertThrows(IllegalArgumentException.class, () -> Npy.header(-1));
  }
}
