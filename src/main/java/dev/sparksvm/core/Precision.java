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
  /** Doubles throughout (dgemm): the default, and the reference every other result is checked against. */
  DOUBLE,
  /**
   * The batch matrix, W and both GEMMs in float (sgemm): about 1.7 times the multiply-adds per second
   * of dgemm on VectorBLAS, and half the bytes of the batch matrix, at a relative error of about
   * 1e-5 in the gradient (float's 24-bit significand over sums of 3,073 products).
   */
  FLOAT;

  /** The name on the command line, in metrics and in model files: {@code double} or {@code float}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
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
