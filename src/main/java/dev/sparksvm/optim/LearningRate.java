package dev.sparksvm.optim;

/**
 * A step size that decays once per epoch: {@code initial * decay^floor(step / iterationsPerEpoch)}.
 *
 * @param initial the first step size, a finite number {@code > 0}
 * @param decayPerEpoch factor applied after each epoch, in {@code (0, 1]} (1 keeps it constant)
 * @param iterationsPerEpoch iterations that make one pass over the training set, {@code >= 1}
 */
public record LearningRate(double initial, double decayPerEpoch, long iterationsPerEpoch) {

  public LearningRate {
    if (!(initial > 0) || !Double.isFinite(initial)) {
      throw new IllegalArgumentException("--lr must be a finite number > 0, got " + initial);
    }
    if (!(decayPerEpoch > 0 && decayPerEpoch <= 1)) {
      throw new IllegalArgumentException("--lr-decay must be in (0, 1], got " + decayPerEpoch);
    }
    if (iterationsPerEpoch < 1) {
      throw new IllegalArgumentException(
          "iterations per epoch must be >= 1, got " + iterationsPerEpoch);
    }
  }

  /** A constant step size. */
  public static LearningRate constant(double rate) {
    return new LearningRate(rate, 1, 1);
  }

  /** The step size at {@code step} (0-based). */
  public double at(long step) {
    long epochs = step / iterationsPerEpoch; // whole epochs: the rate drops once per epoch
    return initial * Math.pow(decayPerEpoch, (double) epochs);
  }
}
