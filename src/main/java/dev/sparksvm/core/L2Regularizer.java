package dev.sparksvm.core;

/**
 * CS231n's L2 penalty {@code R(W) = reg * sum(W^2)} with gradient {@code 2 * reg * W}. As in
 * CS231n, the bias column is regularized too.
 *
 * @param strength {@code reg}, a finite number {@code >= 0}
 */
public record L2Regularizer(double strength) {

  public L2Regularizer {
    if (!(strength >= 0) || !Double.isFinite(strength)) {
      throw new IllegalArgumentException(
          "regularization strength must be a finite number >= 0, got " + strength);
    }
  }

  /** R(W). */
  public double loss(Weights w) {
    return strength * w.squaredNorm();
  }

  /** {@code gradient += dR/dW = 2 * reg * W}, in place. */
  public void addGradient(Weights w, Weights gradient) {
    if (strength != 0) {
      gradient.addScaled(2 * strength, w);
    }
  }

  /** R of model {@code k} of a stack, read in place (the same bits as {@link #loss(Weights)}). */
  public double loss(StackedWeights w, int k) {
    return strength * w.squaredNorm(k);
  }

  /** {@link #addGradient(Weights, Weights)} for model {@code k} of a stack, read in place. */
  public void addGradient(StackedWeights w, int k, Weights gradient) {
    if (strength != 0) {
      gradient.addScaled(2 * strength, w.values(), k * w.classes() * w.features());
    }
  }
}
