package dev.sparksvm.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.check.NumericalGradient.Method;
import dev.sparksvm.core.Weights;
import org.junit.jupiter.api.Test;

class NumericalGradientTest {
  /** f(W) = sum_k a_k W_k^2 + b_k W_k, gradient 2 a_k W_k + b_k. */
  private static final double[] A = {1, 2, 0.5, 3, 0, 4};

  private static final double[] B = {0.5, -1, 2, 0, 3, -0.25};

  private static double quadratic(Weights w) {
    double f = 0;
    for (int k = 0; k < A.length; k++) {
      double x = w.values()[k];
      f += A[k] * x * x + B[k] * x;
    }
    return f;
  }

  private static final Weights W = new Weights(2, 3, new double[] {0.3, -1.2, 2.0, 0.7, 5, -0.1});

  private static double exact(int k) {
    return 2 * A[k] * W.values()[k] + B[k];
  }

  @Test
  void centeredIsExactOnAQuadratic() {
    Weights g = NumericalGradient.of(NumericalGradientTest::quadratic, W, 1e-4, Method.CENTERED);
    assertEquals(2, g.classes());
    assertEquals(3, g.features());
    for (int k = 0; k < A.length; k++) {
      // The O(h^2) term vanishes on a quadratic: only rounding is left.
      assertEquals(exact(k), g.values()[k], 1e-9, "coordinate " + k);
    }
  }

  @Test
  void forwardIsOffByAHOnAQuadratic() {
    double h = 1e-4;
    Weights g = NumericalGradient.of(NumericalGradientTest::quadratic, W, h, Method.FORWARD);
    for (int k = 0; k < A.length; k++) {
      // (f(x + h) - f(x)) / h = f'(x) + a h exactly.
      assertEquals(exact(k) + A[k] * h, g.values()[k], 1e-9, "coordinate " + k);
    }
  }

  @Test
  void onlyOneCoordinateMovesAndWIsLeftAlone() {
    Weights before = W.copy();
    double[] seenOther = {Double.NaN};
    double d =
        NumericalGradient.at(
            w -> {
              seenOther[0] = w.values()[0];
              return w.values()[4] * 3;
            },
            W,
            4,
            1e-3,
            Method.CENTERED);
    assertEquals(3.0, d, 1e-12);
    assertEquals(0.3, seenOther[0], 0.0);
    assertEquals(before, W);
  }

  @Test
  void stepMustBePositive() {
    assertThrows(
        IllegalArgumentException.class,
        () -> NumericalGradient.at(NumericalGradientTest::quadratic, W, 0, 0, Method.CENTERED));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            NumericalGradient.at(
                NumericalGradientTest::quadratic, W, 0, Double.NaN, Method.FORWARD));
  }

  @Test
  void relativeErrorIsCs231nDefinition() {
    // |a - n| / (|a| + |n|)
    assertEquals(1.0 / 7.0, NumericalGradient.relativeError(4, 3), 1e-16);
    assertEquals(1.0 / 7.0, NumericalGradient.relativeError(-4, -3), 1e-16);
    assertEquals(1.0, NumericalGradient.relativeError(2, -2), 0.0);
    assertEquals(1.0, NumericalGradient.relativeError(1e-3, 0), 0.0);
    assertEquals(0.0, NumericalGradient.relativeError(0, 0), 0.0);
    assertEquals(0.0, NumericalGradient.relativeError(5e-7, 5e-7), 0.0);
    // Symmetric and scale free.
    assertEquals(NumericalGradient.relativeError(3, 4), NumericalGradient.relativeError(4, 3), 0.0);
    assertEquals(
        NumericalGradient.relativeError(3e-9, 4e-9),
        NumericalGradient.relativeError(3e9, 4e9),
        1e-16);
    assertTrue(NumericalGradient.relativeError(1, 1 + 1e-9) < 1e-9);
  }
}
