package dev.sparksvm.optim;

import dev.sparksvm.core.Weights;

/**
 * Nesterov's momentum in CS231n's form, {@code v_prev = v; v = mu * v - lr * dL/dW; W += -mu *
 * v_prev + (1 + mu) * v}: the velocity of {@link MomentumUpdate}, with W kept at the look-ahead
 * point {@code W + mu * v}, so that the next gradient is taken where the momentum is about to carry
 * W.
 */
public final class NesterovUpdate extends VelocityUpdate {
  /**
   * @param mu the momentum, in [0, 1)
   * @param velocity the velocity to start from (zeros for a new descent), updated in place
   */
  public NesterovUpdate(double mu, Weights velocity) {
    super(mu, velocity);
  }

  @Override
  public void apply(Weights w, Weights gradient, double lr) {
    double[] v = velocityOf(w, gradient);
    double[] g = gradient.values();
    double[] x = w.values();
    for (int i = 0; i < x.length; i++) {
      double previous = v[i];
      v[i] = mu * previous - lr * g[i];
      x[i] += -mu * previous + (1 + mu) * v[i];
    }
  }
}
