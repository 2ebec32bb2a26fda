package dev.sparksvm.optim;

import dev.sparksvm.core.Weights;

/**
 * Gradient descent: at each step the gradient of the {@link Objective} at W and the step size of
 * the {@link LearningRate} go to the {@link Update}, by default the vanilla {@code W -= lr(t) *
 * dL/dW}. Full-batch, mini-batch and stochastic gradient descent are the same loop: the batch size
 * lives in the objective.
 */
public final class GradientDescent {

  /**
   * Called after every update; {@code loss} is the loss at the weights before the update. A
   * listener may end the descent early (early stopping, a signal) through {@link #stopRequested()}.
   */
  @FunctionalInterface
  public interface Listener {
    void afterStep(long step, double loss, double rate, Weights weights);

    /** Checked after each {@link #afterStep}: true ends the descent there. */
    default boolean stopRequested() {
      return false;
    }
  }

  private final LearningRate rate;
  private final Update update;

  /** Vanilla gradient descent with step sizes {@code rate}. */
  public GradientDescent(LearningRate rate) {
    this(rate, new VanillaUpdate());
  }

  /**
   * Gradient descent with step sizes {@code rate} and {@code update} (its velocity, if any, is the
   * one of the step the descent starts at, and goes on being updated in place).
   */
  public GradientDescent(LearningRate rate, Update update) {
    this.rate = rate;
    this.update = java.util.Objects.requireNonNull(update, "update");
  }

  /** Runs steps {@code 0 .. iterations - 1} from {@code start} (updated in place and returned). */
  public Weights minimise(Objective objective, Weights start, long iterations, Listener listener) {
    return minimise(objective, start, 0, iterations, listener);
  }

  /**
   * Runs steps {@code from .. to - 1} from {@code start}, which is updated in place and returned: a
   * run resumed at step {@code from} (from W and the velocity of that step) draws the batches and
   * step sizes an uninterrupted run draws there.
   *
   * @throws DivergedException when the loss or the weights stop being finite
   */
  public Weights minimise(
      Objective objective, Weights start, long from, long to, Listener listener) {
    if (from < 0 || to < from) {
      throw new IllegalArgumentException(
          "steps must satisfy 0 <= from <= to, got " + from + ", " + to);
    }
    Weights w = start;
    for (long step = from; step < to; step++) {
      Objective.Evaluation e = objective.evaluate(w, step);
      double lr = rate.at(step);
      if (!Double.isFinite(e.loss())) {
        throw new DivergedException(step, e.loss(), lr);
      }
      update.apply(w, e.gradient(), lr);
      if (!w.isFinite()) {
        throw new DivergedException(step, Double.POSITIVE_INFINITY, lr);
      }
      listener.afterStep(step, e.loss(), lr, w);
      if (listener.stopRequested()) {
        break;
      }
    }
    return w;
  }
}
