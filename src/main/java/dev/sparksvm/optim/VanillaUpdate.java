package dev.sparksvm.optim;

import dev.sparksvm.core.Weights;

/** The vanilla update, {@code W -= lr * dL/dW}: no state between steps. */
public final class VanillaUpdate implements Update {
  @Override
  public void apply(Weights w, Weights gradient, double lr) {
    w.addScaled(-lr, gradient);
  }

  /** None: each step depends on the gradient of that step alone. */
  @Override
  public Weights velocity() {
    return null;
  }
}
