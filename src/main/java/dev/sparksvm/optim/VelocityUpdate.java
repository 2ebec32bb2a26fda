package dev.sparksvm.optim;

import dev.sparksvm.core.Weights;

/**
 * What the momentum updates share: the momentum {@code mu}, in [0, 1), and the velocity they carry
 * from step to step, of W's shape, updated in place.
 */
abstract class VelocityUpdate implements Update {
  /** The momentum: the fraction of the velocity kept from one step to the next. */
  protected final double mu;

  private final Weights velocity;

  /**
   * @param mu the momentum, in [0, 1): at 1 or more the velocity never decays
   * @param velocity the velocity to start from (zeros for a new descent), used in place
   */
  VelocityUpdate(double mu, Weights velocity) {
    if (!(mu >= 0 && mu < 1)) {
      throw new IllegalArgumentException("--momentum must be in [0, 1), got " + mu);
    }
    this.mu = mu;
    this.velocity = java.util.Objects.requireNonNull(velocity, "velocity");
  }

  @Override
  public final Weights velocity() {
    return velocity;
  }

  /** The velocity's values, once W and the gradient are checked to have its shape. */
  final double[] velocityOf(Weights w, Weights gradient) {
    for (Weights other : new Weights[] {w, gradient}) {
      if (other.classes() != velocity.classes() || other.features() != velocity.features()) {
        throw new IllegalArgumentException(
            "shape mismatch: "
                + other.classes()
                + " x "
                + other.features()
                + " against a velocity of "
                + velocity.classes()
                + " x "
                + velocity.features());
      }
    }
    return velocity.values();
  }
}
