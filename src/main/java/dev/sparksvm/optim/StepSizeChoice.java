package dev.sparksvm.optim;

import dev.sparksvm.core.Plane;
import dev.sparksvm.core.Weights;

/**
 * {@code --lr auto}: a learning rate read off CS231n's step-size sweep, so that a new data set does
 * not need a guess that is off by orders of magnitude. The gradient is taken at the initial W on
 * the batch of step 0; the loss after one step {@code W - s * grad} is measured for step sizes s
 * from 1e-12 to 1 (four per decade) on the batch of step 1, a different sample, so the step is
 * judged on data it did not see. All step sizes lie on one line through W, so they cost one pass
 * ({@link LossProbes#losses(Plane, long)}). The best single step overshoots once the noise of later
 * batches and the decay of W come in; {@code train} takes {@value #SAFETY} of it. (The spark.ml
 * estimator, on standardized features, takes a fraction of its own: see {@code LinearParams}.)
 *
 * @param learningRate the learning rate to train with: a fraction of {@code bestStep}
 * @param bestStep the step size that lowered the held-out batch's loss most
 * @param lossBefore the loss at W on that batch
 * @param lossAfter the loss after the best step
 * @param steps every step size tried
 * @param losses the loss after each
 */
public record StepSizeChoice(
    double learningRate,
    double bestStep,
    double lossBefore,
    double lossAfter,
    double[] steps,
    double[] losses) {
  /** The fraction of the best one-step size that training uses. */
  public static final double SAFETY = 0.5;

  /** Sweeps from {@code w} (two passes over a batch) and chooses {@value #SAFETY} of the best. */
  public static <T extends Objective & LossProbes> StepSizeChoice sweep(T objective, Weights w) {
    return sweep(objective, w, SAFETY);
  }

  /**
   * Sweeps from {@code w} (two passes over a batch) and chooses {@code fraction} of the best step.
   */
  public static <T extends Objective & LossProbes> StepSizeChoice sweep(
      T objective, Weights w, double fraction) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("the fraction of the best step must be in (0, 1]");
    }
    double[] steps = new double[49];
    for (int i = 0; i < steps.length; i++) {
      steps[i] = Math.pow(10, -12 + i / 4.0);
    }
    Weights gradient = objective.evaluate(w, 0).gradient();
    double[] a = new double[steps.length + 1];
    for (int i = 0; i < steps.length; i++) {
      a[i] = -steps[i];
    }
    // The last point is W itself: the loss before the step, on the same batch.
    double[] all = objective.losses(Plane.line(w, gradient, a), 1);
    double before = all[steps.length];
    double[] losses = java.util.Arrays.copyOf(all, steps.length);
    int best = -1;
    for (int i = 0; i < steps.length; i++) {
      if (Double.isFinite(losses[i])
          && losses[i] < before
          && (best < 0 || losses[i] < losses[best])) {
        best = i;
      }
    }
    if (best < 0) {
      throw new DivergedException(0, Double.NaN, steps[0]);
    }
    return new StepSizeChoice(
        fraction * steps[best], steps[best], before, losses[best], steps, losses);
  }
}
