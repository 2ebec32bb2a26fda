package dev.sparksvm.options;

import static dev.sparksvm.options.UsageException.require;

import dev.sparksvm.optim.Update;
import dev.sparksvm.optim.UpdateRule;

/**
 * How a step turns the gradient into a change of W: {@code --update sgd|momentum|nesterov} and
 * {@code --momentum MU}. The vanilla update ({@code sgd}) is the default; momentum is opt-in.
 *
 * @param rule the update
 * @param momentum the momentum {@code mu} of {@code momentum} and {@code nesterov}, in [0, 1)
 *     (kept, and unused, with {@code sgd})
 */
public record UpdateOptions(UpdateRule rule, double momentum) {
  /** CS231n's usual momentum. */
  public static final double DEFAULT_MOMENTUM = 0.9;

  public UpdateOptions {
    require(rule != null, "--update", "sgd, momentum or nesterov", null);
    require(momentum >= 0 && momentum < 1, "--momentum", "in [0, 1)", momentum);
  }

  /** The vanilla update. */
  public static UpdateOptions defaults() {
    return new UpdateOptions(UpdateRule.SGD, DEFAULT_MOMENTUM);
  }

  /** {@code rule} with the default momentum. */
  public static UpdateOptions of(UpdateRule rule) {
    return new UpdateOptions(rule, DEFAULT_MOMENTUM);
  }

  public UpdateOptions withMomentum(double value) {
    return new UpdateOptions(rule, value);
  }

  /** Whether the update carries a velocity (and {@link #momentum} applies). */
  public boolean hasVelocity() {
    return rule.hasVelocity();
  }

  /** A new descent's update of a W of {@code classes x features}: zero velocity. */
  public Update start(int classes, int features) {
    return rule.start(momentum, classes, features);
  }

  /** The update of a descent resumed with {@code velocity} (null for {@code sgd}). */
  public Update resume(dev.sparksvm.core.Weights velocity) {
    return rule.resume(momentum, velocity);
  }

  /** The learning rate {@code --lr auto} trains with when its sweep chose {@code vanillaRate}. */
  public double rateFor(double vanillaRate) {
    return rule.rateFor(vanillaRate, momentum);
  }
}
