package dev.sparksvm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.check.NumericalGradient;
import dev.sparksvm.check.NumericalGradient.Method;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The full analytic dL/dW (the two GEMMs of {@link LinearBatch}, the score-space loss, the mean
 * over the batch and the L2 term) against centered differences, coordinate by coordinate, in double
 * precision.
 */
class GradientCheckTest {
  private static final int CLASSES = 5;
  private static final int FEATURES = 13;
  private static final int ROWS = 20;
  private static final double REG = 0.1;
  private static final double H = 1e-5;

  /** Small enough that some SVM margins are active and some are not at W ~ 1e-2 randn. */
  private static final double SVM_DELTA = 0.05;

  /** A small random problem: W ~ 1e-2 randn, features ~ randn (last feature the bias 1). */
  private record Problem(Weights w, Batch batch) {
    static Problem random(long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      double[] x = new double[ROWS * FEATURES];
      int[] labels = new int[ROWS];
      for (int i = 0; i < ROWS; i++) {
        for (int j = 0; j < FEATURES - 1; j++) {
          x[i * FEATURES + j] = random.nextGaussian();
        }
        x[i * FEATURES + FEATURES - 1] = 1.0;
        labels[i] = random.nextInt(CLASSES);
      }
      double[] w = new double[CLASSES * FEATURES];
      for (int k = 0; k < w.length; k++) {
        w[k] = 1e-2 * random.nextGaussian();
      }
      return new Problem(new Weights(CLASSES, FEATURES, w), Batch.of(x, labels, FEATURES));
    }
  }

  /** L(W) = mean data loss + reg * |W|^2, evaluated independently of the gradient code path. */
  private static ToDoubleFunction<Weights> objective(Batch batch, Loss loss, L2Regularizer reg) {
    return w ->
        loss.loss(LinearBatch.scores(w, batch, null), batch.labels(), batch.rows(), w.classes())
                / batch.rows()
            + reg.loss(w);
  }

  private static Weights analyticGradient(Weights w, Batch batch, Loss loss, L2Regularizer reg) {
    double[] g = new double[w.classes() * w.features()];
    LinearBatch.addLossAndGradient(w, batch, loss, g);
    for (int k = 0; k < g.length; k++) {
      g[k] /= batch.rows();
    }
    Weights gradient = new Weights(w.classes(), w.features(), g);
    reg.addGradient(w, gradient);
    return gradient;
  }

  private static double maxRelativeError(Weights analytic, Weights numerical) {
    double max = 0;
    for (int k = 0; k < analytic.values().length; k++) {
      max =
          Math.max(
              max, NumericalGradient.relativeError(analytic.values()[k], numerical.values()[k]));
    }
    return max;
  }

  private static void assertEveryCoordinateWithin(Weights analytic, Weights numerical, double tol) {
    for (int k = 0; k < analytic.values().length; k++) {
      double a = analytic.values()[k];
      double n = numerical.values()[k];
      double err = NumericalGradient.relativeError(a, n);
      int c = k / FEATURES;
      int j = k % FEATURES;
      assertTrue(
          err < tol,
          "dL/dW["
              + c
              + "]["
              + j
              + "]: analytic "
              + a
              + ", numerical "
              + n
              + ", relative error "
              + err);
    }
  }

  @Test
  void softmaxGradientMatchesCenteredDifferences() {
    Problem p = Problem.random(11);
    Loss loss = new Softmax();
    L2Regularizer reg = new L2Regularizer(REG);
    Weights analytic = analyticGradient(p.w(), p.batch(), loss, reg);
    Weights numerical =
        NumericalGradient.of(objective(p.batch(), loss, reg), p.w(), H, Method.CENTERED);
    assertEveryCoordinateWithin(analytic, numerical, 1e-7);
  }

  @Test
  void svmGradientMatchesCenteredDifferencesAwayFromKinks() {
    Problem p = Problem.random(12);
    MulticlassHinge loss = new MulticlassHinge(SVM_DELTA);
    // The check is only meaningful away from the kinks of max(0, .): every margin must stay on one
    // side while a coordinate moves by h (|x| < 5 here, so scores move by < 5e-5).
    double[] s = LinearBatch.scores(p.w(), p.batch(), null);
    double closest = Double.POSITIVE_INFINITY;
    int active = 0;
    int inactive = 0;
    for (int i = 0; i < ROWS; i++) {
      int y = p.batch().labels()[i];
      for (int c = 0; c < CLASSES; c++) {
        if (c == y) {
          continue;
        }
        double margin = s[i * CLASSES + c] - s[i * CLASSES + y] + SVM_DELTA;
        closest = Math.min(closest, Math.abs(margin));
        if (margin > 0) {
          active++;
        } else {
          inactive++;
        }
      }
    }
    assertTrue(closest > 1e-3, "a margin is within " + closest + " of a kink: pick another seed");
    assertTrue(
        active > 0 && inactive > 0,
        "want both active (" + active + ") and inactive (" + inactive + ") margins");
    for (double x : p.batch().x()) {
      assertTrue(Math.abs(x) < 5);
    }

    L2Regularizer reg = new L2Regularizer(REG);
    Weights analytic = analyticGradient(p.w(), p.batch(), loss, reg);
    Weights numerical =
        NumericalGradient.of(objective(p.batch(), loss, reg), p.w(), H, Method.CENTERED);
    assertEveryCoordinateWithin(analytic, numerical, 1e-7);
  }

  @Test
  void forwardDifferencesAreWorseThanCentered() {
    for (Loss loss : new Loss[] {new Softmax(), new MulticlassHinge(SVM_DELTA)}) {
      Problem p = Problem.random(11);
      L2Regularizer reg = new L2Regularizer(REG);
      ToDoubleFunction<Weights> f = objective(p.batch(), loss, reg);
      Weights analytic = analyticGradient(p.w(), p.batch(), loss, reg);
      double centered =
          maxRelativeError(analytic, NumericalGradient.of(f, p.w(), H, Method.CENTERED));
      double forward =
          maxRelativeError(analytic, NumericalGradient.of(f, p.w(), H, Method.FORWARD));
      // Forward differences carry an O(h) error (h * reg from the L2 term alone): orders worse.
      assertTrue(
          forward > 100 * centered,
          loss.name() + ": forward " + forward + ", centered " + centered);
      assertTrue(forward > 1e-7, loss.name() + ": forward " + forward);
    }
  }

  @Test
  void gradientIsAccumulatedNotOverwritten() {
    Problem p = Problem.random(13);
    Loss loss = new Softmax();
    double[] once = new double[CLASSES * FEATURES];
    double lossOnce = LinearBatch.addLossAndGradient(p.w(), p.batch(), loss, once);
    double[] twice = new double[CLASSES * FEATURES];
    LinearBatch.addLossAndGradient(p.w(), p.batch(), loss, twice);
    double lossTwice = LinearBatch.addLossAndGradient(p.w(), p.batch(), loss, twice);
    assertEquals(lossOnce, lossTwice, 0.0);
    for (int k = 0; k < once.length; k++) {
      assertEquals(2 * once[k], twice[k], 1e-15 * Math.abs(once[k]) + 1e-300);
    }
  }

  @Test
  void regularizerLossAndGradient() {
    Weights w = new Weights(1, 3, new double[] {1, -2, 3});
    L2Regularizer reg = new L2Regularizer(0.5);
    assertEquals(0.5 * 14, reg.loss(w), 0.0);
    Weights g = new Weights(1, 3, new double[] {10, 10, 10});
    reg.addGradient(w, g);
    assertEquals(new Weights(1, 3, new double[] {11, 8, 13}), g);
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> new L2Regularizer(-1));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> new L2Regularizer(Double.NaN));
  }
}
