package dev.sparksvm.check;

import dev.sparksvm.core.Weights;
import java.util.function.ToDoubleFunction;

/**
 * Finite-difference gradients of a loss {@code L(W)}, the reference an analytic gradient is checked
 * against.
 *
 * <ul>
 *   <li>forward: {@code (L(W + h e_i) - L(W)) / h}, error O(h);
 *   <li>centered: {@code (L(W + h e_i) - L(W - h e_i)) / 2h}, error O(h^2).
 * </ul>
 *
 * Each coordinate is perturbed on a copy of W, which the loss function may not keep.
 */
public final class NumericalGradient {
  /** Which difference quotient to take. */
  public enum Method {
    FORWARD,
    CENTERED
  }

  private NumericalGradient() {}

  /** dL/dW_i at one coordinate {@code i} (an index into W's row-major values). */
  public static double at(
      ToDoubleFunction<Weights> loss, Weights w, int i, double h, Method method) {
    if (!(h > 0)) {
      throw new IllegalArgumentException("step h must be > 0, got " + h);
    }
    Weights probe = w.copy();
    double[] v = probe.values();
    double original = v[i];
    v[i] = original + h;
    double plus = loss.applyAsDouble(probe);
    if (method == Method.FORWARD) {
      v[i] = original;
      double base = loss.applyAsDouble(probe);
      return (plus - base) / h;
    }
    v[i] = original - h;
    double minus = loss.applyAsDouble(probe);
    return (plus - minus) / (2 * h);
  }

  /**
   * The whole numerical gradient (2 or D*C+1 loss evaluations per coordinate; small models only).
   */
  public static Weights of(ToDoubleFunction<Weights> loss, Weights w, double h, Method method) {
    double[] g = new double[w.values().length];
    for (int i = 0; i < g.length; i++) {
      g[i] = at(loss, w, i, h, method);
    }
    return new Weights(w.classes(), w.features(), g);
  }

  /** CS231n's relative error {@code |a - n| / max(|a| + |n|, tiny)}; 0 when both are 0. */
  public static double relativeError(double analytic, double numerical) {
    double scale = Math.max(Math.abs(analytic) + Math.abs(numerical), 1e-300);
    return Math.abs(analytic - numerical) / scale;
  }
}
