package dev.sparksvm.data;

/**
 * The inner loops that turn a stored row into a batch row (and add up a block's pixels), unrolled
 * by eight by hand. Each element gets exactly the arithmetic of the plain loop, so the values are
 * the same to the bit.
 *
 * <p>Why by hand: the launcher runs {@code train} and the other commands whose arithmetic is on
 * OpenBLAS with C1 only (submit/jvm.sh), and C1 neither unrolls nor hoists a loop's checks. Then
 * the fill of a step's rows, not the GEMMs, was most of a task: two thirds of its CPU samples in a
 * default {@code train} (Flight Recorder), 1.56 ns an element against 0.75 unrolled (a 128-row
 * chunk of CIFAR-10 rows, one thread), 2.5 against 1.0 for the float path. C2 unrolls the plain
 * loop itself and runs both alike (0.52-0.61 ns). See docs/PERFORMANCE.md, "The fill under C1".
 */
final class RowLoops {
  private RowLoops() {}

  /** {@code x[dst + j] = (pixels[src + j] & 0xFF) - mean[j]} for {@code j < n}. */
  static void centred(byte[] pixels, int src, double[] mean, double[] x, int dst, int n) {
    int j = 0;
    for (; j + 8 <= n; j += 8) {
      int s = src + j;
      int t = dst + j;
      x[t] = (pixels[s] & 0xFF) - mean[j];
      x[t + 1] = (pixels[s + 1] & 0xFF) - mean[j + 1];
      x[t + 2] = (pixels[s + 2] & 0xFF) - mean[j + 2];
      x[t + 3] = (pixels[s + 3] & 0xFF) - mean[j + 3];
      x[t + 4] = (pixels[s + 4] & 0xFF) - mean[j + 4];
      x[t + 5] = (pixels[s + 5] & 0xFF) - mean[j + 5];
      x[t + 6] = (pixels[s + 6] & 0xFF) - mean[j + 6];
      x[t + 7] = (pixels[s + 7] & 0xFF) - mean[j + 7];
    }
    for (; j < n; j++) {
      x[dst + j] = (pixels[src + j] & 0xFF) - mean[j];
    }
  }

  /**
   * {@code x[dst + j] = (float) ((pixels[src + j] & 0xFF) - mean[j])} for {@code j < n}: the double
   * difference rounded once, the float nearest the double path's value.
   */
  static void centred(byte[] pixels, int src, double[] mean, float[] x, int dst, int n) {
    int j = 0;
    for (; j + 8 <= n; j += 8) {
      int s = src + j;
      int t = dst + j;
      x[t] = (float) ((pixels[s] & 0xFF) - mean[j]);
      x[t + 1] = (float) ((pixels[s + 1] & 0xFF) - mean[j + 1]);
      x[t + 2] = (float) ((pixels[s + 2] & 0xFF) - mean[j + 2]);
      x[t + 3] = (float) ((pixels[s + 3] & 0xFF) - mean[j + 3]);
      x[t + 4] = (float) ((pixels[s + 4] & 0xFF) - mean[j + 4]);
      x[t + 5] = (float) ((pixels[s + 5] & 0xFF) - mean[j + 5]);
      x[t + 6] = (float) ((pixels[s + 6] & 0xFF) - mean[j + 6]);
      x[t + 7] = (float) ((pixels[s + 7] & 0xFF) - mean[j + 7]);
    }
    for (; j < n; j++) {
      x[dst + j] = (float) ((pixels[src + j] & 0xFF) - mean[j]);
    }
  }

  /** {@code sums[j] += pixels[src + j] & 0xFF} for {@code j < n}. */
  static void addPixels(byte[] pixels, int src, long[] sums, int n) {
    int j = 0;
    for (; j + 8 <= n; j += 8) {
      int s = src + j;
      sums[j] += pixels[s] & 0xFF;
      sums[j + 1] += pixels[s + 1] & 0xFF;
      sums[j + 2] += pixels[s + 2] & 0xFF;
      sums[j + 3] += pixels[s + 3] & 0xFF;
      sums[j + 4] += pixels[s + 4] & 0xFF;
      sums[j + 5] += pixels[s + 5] & 0xFF;
      sums[j + 6] += pixels[s + 6] & 0xFF;
      sums[j + 7] += pixels[s + 7] & 0xFF;
    }
    for (; j < n; j++) {
      sums[j] += pixels[src + j] & 0xFF;
    }
  }
}
