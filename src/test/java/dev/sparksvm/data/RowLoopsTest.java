package dev.sparksvm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The unrolled loops give each element exactly the plain loop's value, for every length (whole
 * groups of eight, a ragged end, shorter than one group) and at offsets inside larger arrays, and
 * touch nothing outside their range.
 */
class RowLoopsTest {
  private static final int SRC = 5;
  private static final int DST = 3;

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 7, 8, 9, 16, 23, 3072})
  void centredDoublesAreThePlainLoopsToTheBit(int n) {
    SplittableRandom random = new SplittableRandom(n);
    byte[] pixels = bytes(random, SRC + n + 4);
    double[] mean = means(random, n);
    double[] x = new double[DST + n + 2];
    double[] expected = new double[x.length];
    java.util.Arrays.fill(x, -7.0);
    java.util.Arrays.fill(expected, -7.0);
    for (int j = 0; j < n; j++) {
      expected[DST + j] = (pixels[SRC + j] & 0xFF) - mean[j];
    }
    RowLoops.centred(pixels, SRC, mean, x, DST, n);
    assertArrayEquals(expected, x);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 7, 8, 9, 16, 23, 3072})
  void centredFloatsAreTheDoubleDifferenceRoundedOnce(int n) {
    SplittableRandom random = new SplittableRandom(100 + n);
    byte[] pixels = bytes(random, SRC + n + 4);
    double[] mean = means(random, n);
    float[] x = new float[DST + n + 2];
    float[] expected = new float[x.length];
    java.util.Arrays.fill(x, -7.0f);
    java.util.Arrays.fill(expected, -7.0f);
    for (int j = 0; j < n; j++) {
      expected[DST + j] = (float) ((pixels[SRC + j] & 0xFF) - mean[j]);
    }
    RowLoops.centred(pixels, SRC, mean, x, DST, n);
    assertArrayEquals(expected, x);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 7, 8, 9, 16, 23, 3072})
  void pixelSumsAddEveryByteUnsigned(int n) {
    SplittableRandom random = new SplittableRandom(200 + n);
    byte[] pixels = bytes(random, SRC + n + 4);
    long[] sums = new long[n];
    long[] expected = new long[n];
    for (int rep = 0; rep < 3; rep++) {
      for (int j = 0; j < n; j++) {
        expected[j] += pixels[SRC + j] & 0xFF;
      }
      RowLoops.addPixels(pixels, SRC, sums, n);
    }
    assertArrayEquals(expected, sums);
    if (n > 0) {
      // 0xFF is 255, not -1: the sign bit of a byte must not leak into the sums.
      byte[] white = new byte[SRC + n];
      java.util.Arrays.fill(white, (byte) 0xFF);
      long[] one = new long[n];
      RowLoops.addPixels(white, SRC, one, n);
      assertEquals(255L, one[n - 1]);
    }
  }

  private static byte[] bytes(SplittableRandom random, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) random.nextInt(256);
    }
    return b;
  }

  private static double[] means(SplittableRandom random, int n) {
    double[] m = new double[n];
    for (int j = 0; j < n; j++) {
      m[j] = random.nextDouble() * 255;
    }
    return m;
  }
}
