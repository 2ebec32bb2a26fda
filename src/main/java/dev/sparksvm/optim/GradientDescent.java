package dev.sparksvm.optim;

import dev.sparksvm.core.Weights;

/**
 * Vanilla gradient descent, {@code W -= lr(t) * dL/dW}. Full-batch, mini-batch and stochastic gradient
 * descent are the same loop: the batch size lives in the {@link Objective}.
 */
public final class GradientDescent {

  /** Called after every update; {@code loss} is the loss at the weights before the update. */
  @FunctionalInterface
  public interface Listener {
    void afterStep(long step, double loss, double rate, Weights weights);
  }

  private final LearningRate rate;

  public GradientDescent(LearningRate rate) {
    this.rate = rate;
  }

  /**
   * Runs {@code iterations} steps from {@code start} (which is updated in place and returned).
   *
   * @throws DivergedException when the loss or the weights stop being finite
   */
  public Weights minimise(Objective objective, Weights start, long iterations, Listener listener) {
    if (iterations < 0) {
      throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
    }
    Weights w = start;
    for (long step = 0; step < iterations; step++) {
      Objective.Evaluation e = objective.evaluate(w, step);
      double lr = rate.at(step);
      if (!Double.isFinite(e.loss())) {
        throw new DivergedException(step, e.loss(), lr);
      }
      w.addScaled(-lr, e.gradient());
      if (!w.isFinite()) {
        throw new DivergedException(step, Double.POSITIVE_INFINITY, lr);
      }
      listener.afterStep(step, e.loss(), lr, w);
    }
    return w;
  }
}
