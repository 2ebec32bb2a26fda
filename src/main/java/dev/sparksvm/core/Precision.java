package dev.sparksvm.core;

import java.util.Locale;

/**
 * The arithmetic of the gradient path's two GEMMs (see {@link BatchKernel#lossAndGradient(
 * FeatureRows, int[], StackedWeights, Loss, Precision)}). Everything around them stays double: W on
 * the driver and in the broadcast, the loss and its score gradient, and every sum across chunks,
 * partitions and steps. Only the loss and gradient of a training step take a precision; accuracy,
 * candidate losses, planes, gradient checks and sweeps always run in double.
 */
public enum Precision {
  /**
   * Doubles throughout (dgemm): the default, and the reference every other result is checked
   * against.
   */
  DOUBLE,
  /**
   * The batch matrix, W and both GEMMs in float (sgemm). On VectorBLAS (AVX2, one thread, 128 rows
   * of CIFAR-10 by 192 stacked rows) sgemm ran the scores GEMM 1.8 times and the gradient GEMM 1.3
   * times as fast as dgemm (the gradient's inner dimension is only the chunk's rows). The gradient
   * moves by about 1e-7 relative to double's on CIFAR-sized data, since every sum past one chunk's
   * GEMM stays double.
   */
  FLOAT;

  /**
   * The name on the command line, in metrics and in model files: {@code double} or {@code float}.
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The {@link #label()}: what the command line lists as the choices. */
  @Override
  public String toString() {
    return label();
  }

  /** The precision of the given {@link #label()}. */
  public static Precision named(String label) {
    for (Precision p : values()) {
      if (p.label().equals(label)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown precision '" + label + "': use double or float");
  }
}
