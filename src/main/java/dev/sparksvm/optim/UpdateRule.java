package dev.sparksvm.optim;

import dev.sparksvm.core.Weights;
import java.util.Locale;

/**
 * The updates {@code --update} names, each with the factory of its {@link Update}: {@code sgd} (the
 * vanilla update, the default), {@code momentum} and {@code nesterov}.
 */
public enum UpdateRule {
  /** {@code W -= lr * grad} ({@link VanillaUpdate}). */
  SGD,
  /** {@code v = mu * v - lr * grad; W += v} ({@link MomentumUpdate}). */
  MOMENTUM,
  /** Nesterov's momentum, CS231n's form ({@link NesterovUpdate}). */
  NESTEROV;

  /** Whether the update carries a velocity from step to step (a checkpoint then holds it). */
  public boolean hasVelocity() {
    return this != SGD;
  }

  /** A new descent's update: zero velocity of W's shape; {@code mu} applies to momentum only. */
  public Update start(double mu, int classes, int features) {
    return resume(mu, hasVelocity() ? Weights.zeros(classes, features) : null);
  }

  /**
   * The update of a descent that goes on from a checkpoint with {@code velocity} (used in place;
   * null for {@code sgd}, which has none).
   */
  public Update resume(double mu, Weights velocity) {
    if (hasVelocity() != (velocity != null)) {
      throw new IllegalArgumentException(
          label() + (hasVelocity() ? " needs a velocity" : " has no velocity"));
    }
    return switch (this) {
      case SGD -> new VanillaUpdate();
      case MOMENTUM -> new MomentumUpdate(mu, velocity);
      case NESTEROV -> new NesterovUpdate(mu, velocity);
    };
  }

  /**
   * The learning rate whose steady step matches a vanilla step of {@code vanillaRate}: with
   * momentum a constant gradient moves W by {@code lr / (1 - mu)} per step once the velocity has
   * built up, so {@code --lr auto} takes {@code (1 - mu)} of the rate its sweep chose for one
   * vanilla step.
   */
  public double rateFor(double vanillaRate, double mu) {
    return hasVelocity() ? vanillaRate * (1 - mu) : vanillaRate;
  }

  /**
   * The name on the command line and in metrics: {@code sgd}, {@code momentum}, {@code nesterov}.
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The {@link #label()}: what picocli lists as the choices and what a user reads. */
  @Override
  public String toString() {
    return label();
  }

  /** The rule of the given {@link #label()} (any case), or null. */
  public static UpdateRule named(String label) {
    for (UpdateRule r : values()) {
      if (r.label().equalsIgnoreCase(label)) {
        return r;
      }
    }
    return null;
  }
}
