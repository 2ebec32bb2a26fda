package dev.sparksvm.optim;

import dev.sparksvm.core.Weights;

/**
 * How one step of gradient descent changes W, given dL/dW and the step size of that step (CS231n's
 * "parameter updates"): the vanilla {@code W -= lr * grad} ({@link VanillaUpdate}), momentum
 * ({@link MomentumUpdate}) or Nesterov's momentum ({@link NesterovUpdate}). {@link UpdateRule}
 * makes them.
 *
 * <p>Lifecycle: an update belongs to one model of one descent, like its W. It may carry state from
 * step to step (the velocity), which is then a function of the steps taken: a descent resumed at
 * step t goes on exactly as the uninterrupted one only when it starts from W and the velocity of
 * step t, so both go into checkpoints.
 */
public interface Update {
  /**
   * Changes {@code w} in place by one step of size {@code lr} along {@code gradient} (the gradient
   * of the loss, which the step descends), updating the velocity, if any, first.
   */
  void apply(Weights w, Weights gradient, double lr);

  /** The velocity carried from step to step (live, updated in place), or null without one. */
  Weights velocity();
}
