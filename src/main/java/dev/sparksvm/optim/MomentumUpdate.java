package dev.sparksvm.optim;

import dev.sparksvm.core.Weights;

/**
 * The momentum update (CS231n): {@code v = mu * v - lr * dL/dW; W += v}. The velocity v averages
 * the recent gradients, so steps along a consistent direction grow to {@code lr / (1 - mu)} times
 * the gradient while the noise of the mini-batches partly cancels.
 */
public final class MomentumUpdate extends VelocityUpdate {
  /**
   * @param mu the momentum, in [0, 1)
   * @param velocity the velocity to start from (zeros for a new descent), updated in place
   */
  public MomentumUpdate(double mu, Weights velocity) {
    super(mu, velocity);
  }

  @Override
  public void apply(Weights w, Weights gradient, double lr) {
    double[] v = velocityOf(w, gradient);
    double[] g = gradient.values();
    double[] x = w.values();
    for (int i = 0; i < x.length; i++) {
      v[i] = mu * v[i] - lr * g[i];
      x[i] += v[i];
    }
  }
}
