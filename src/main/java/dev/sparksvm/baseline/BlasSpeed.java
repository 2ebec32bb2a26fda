package dev.sparksvm.baseline;

import dev.ludovic.netlib.blas.BLAS;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How fast a BLAS runs the two GEMMs of a training step's shape (scores: B x D by D x C; gradient:
 * D x B by B x C), in GFLOP/s, median of repeated runs. {@code bench} prints it for the BLAS in use
 * and for netlib's Java implementation side by side, and warns when a native library is the slower.
 *
 * @param name the implementation's class
 * @param scoresGflops GFLOP/s of the scores GEMM
 * @param gradientGflops GFLOP/s of the gradient GEMM
 */
public record BlasSpeed(String name, double scoresGflops, double gradientGflops) {

  /** Measures {@code blas} on rows x features x classes for about {@code seconds} per GEMM. */
  public static BlasSpeed measure(BLAS blas, int rows, int features, int classes, double seconds) {
    SplittableRandom random = new SplittableRandom(1);
    double[] x = random.doubles((long) rows * features).toArray();
    double[] w = random.doubles((long) classes * features).toArray();
    double[] s = new double[rows * classes];
    double[] g = new double[classes * features];
    double flops = 2.0 * rows * features * classes;
    double scores =
        median(
            () ->
                blas.dgemm(
                    "T", "N", classes, rows, features, 1.0, w, features, x, features, 0.0, s,
                    classes),
            seconds);
    double gradient =
        median(
            () ->
                blas.dgemm(
                    "N", "T", features, classes, rows, 1.0, x, features, s, classes, 1.0, g,
                    features),
            seconds);
    return new BlasSpeed(
        blas.getClass().getSimpleName(), flops / scores / 1e9, flops / gradient / 1e9);
  }

  /** A line for people, e.g. {@code VectorBLAS: 15.2 GFLOP/s (scores), 14.8 (gradient)}. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "%s: %.1f GFLOP/s (scores GEMM), %.1f (gradient GEMM)",
        name,
        scoresGflops,
        gradientGflops);
  }

  /** The slower of the two GEMMs. */
  public double gflops() {
    return Math.min(scoresGflops, gradientGflops);
  }

  /** Median seconds of one run of {@code gemm}, repeated for about {@code seconds}. */
  private static double median(Runnable gemm, double seconds) {
    for (int i = 0; i < 5; i++) {
      gemm.run(); // warm the JIT
    }
    double[] times = new double[2000];
    int n = 0;
    long end = System.nanoTime() + (long) (seconds * 1e9);
    while (n < times.length && (n < 11 || System.nanoTime() < end)) {
      long t0 = System.nanoTime();
      gemm.run();
      times[n++] = (System.nanoTime() - t0) / 1e9;
    }
    double[] used = Arrays.copyOf(times, n);
    Arrays.sort(used);
    return used[n / 2];
  }
}
