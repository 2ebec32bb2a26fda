package dev.sparksvm.check;

import dev.sparksvm.core.CandidateSet;
import dev.sparksvm.core.Candidates;
import dev.sparksvm.core.Weights;
import dev.sparksvm.optim.LossProbes;
import dev.sparksvm.optim.Objective;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares the analytic gradient of an objective with numerical ones, coordinate by coordinate, by
 * forward differences {@code (L(W + h e_i) - L(W)) / h} and centered differences {@code (L(W + h
 * e_i) - L(W - h e_i)) / 2h}. Every perturbed loss of every checked coordinate is scored in one
 * pass over the data (the perturbed W's are stacked), on the same batch as the analytic gradient.
 *
 * <p><b>Kinks.</b> The SVM's data loss is piecewise linear; where a margin changes sign between
 * {@code W - h e_i} and {@code W + h e_i} no difference quotient is a reference for the
 * subgradient. With L2 regularization {@code reg * sum(W^2)} the loss along a kink-free segment is
 * exactly linear plus {@code reg * t^2}, so its second difference {@code L(+h) - 2 L(0) + L(-h)} is
 * {@code 2 reg h^2}; a coordinate whose second difference departs from that by more than rounding
 * crossed a kink, and is flagged.
 */
public final class GradientCheck {
  private GradientCheck() {}

  /**
   * One checked coordinate: W[cls][feature], the three gradients, the two relative errors, and
   * whether a kink lies within h (only detected for piecewise-linear data losses).
   */
  public record Row(
      int index,
      int cls,
      int feature,
      double analytic,
      double forward,
      double centered,
      double forwardError,
      double centeredError,
      boolean kink) {}

  /**
   * The rows, the maximum relative error of each method, the maximum centered error over the
   * coordinates without a kink, and the loss at W.
   */
  public record Report(
      List<Row> rows,
      double maxForwardError,
      double maxCenteredError,
      double maxCenteredErrorAwayFromKinks,
      int kinks,
      double loss) {}

  /**
   * Checks the coordinates {@code coords} (indices into W's row-major values) at {@code w}.
   *
   * @param h the finite-difference step (CS231n: 1e-5)
   * @param piecewiseLinear whether the data loss is piecewise linear (the SVM), which enables kink
   *     detection
   * @param reg the objective's L2 strength (for the kink test)
   */
  public static <T extends Objective & LossProbes> Report run(
      T objective, Weights w, int[] coords, double h, boolean piecewiseLinear, double reg) {
    Objective.Evaluation analytic = objective.evaluate(w, 0);
    CandidateSet perturbed = Candidates.perturbed(w, coords, h);
    double[] losses = objective.losses(perturbed, 0);
    double base = losses[losses.length - 1];
    // Rounding of a loss of this size, with room for the sums behind it.
    double roundoff = 256 * Math.ulp(Math.abs(base));
    List<Row> rows = new ArrayList<>();
    double maxForward = 0;
    double maxCentered = 0;
    double maxSmooth = 0;
    int kinks = 0;
    for (int m = 0; m < coords.length; m++) {
      double plus = losses[2 * m];
      double minus = losses[2 * m + 1];
      double forward = (plus - base) / h;
      double centered = (plus - minus) / (2 * h);
      double a = analytic.gradient().values()[coords[m]];
      double fe = NumericalGradient.relativeError(a, forward);
      double ce = NumericalGradient.relativeError(a, centered);
      boolean kink =
          piecewiseLinear && Math.abs(plus - 2 * base + minus - 2 * reg * h * h) > roundoff;
      maxForward = Math.max(maxForward, fe);
      maxCentered = Math.max(maxCentered, ce);
      if (kink) {
        kinks++;
      } else {
        maxSmooth = Math.max(maxSmooth, ce);
      }
      rows.add(
          new Row(
              coords[m],
              coords[m] / w.features(),
              coords[m] % w.features(),
              a,
              forward,
              centered,
              fe,
              ce,
              kink));
    }
    return new Report(rows, maxForward, maxCentered, maxSmooth, kinks, analytic.loss());
  }
}
