package dev.sparksvm.optim;

import dev.sparksvm.core.CandidateSet;
import dev.sparksvm.core.Candidates;
import dev.sparksvm.core.L2Regularizer;
import dev.sparksvm.core.Plane;
import dev.sparksvm.core.StackedWeights;
import dev.sparksvm.core.Weights;
import java.util.List;

/**
 * A function of the weights that we minimise: {@code L(W) = mean data loss over a batch + R(W)},
 * and its gradient dL/dW. Which examples form the batch at a given step is the objective's business
 * (a seeded mini-batch, or the whole set); the same (W, step) always gives the same answer.
 *
 * <p>We minimise: the loss is {@code >= 0}, the gradient is dL/dW, and an update subtracts it.
 */
public interface Objective {

  /** Number of classes C of the weights this objective takes. */
  int classes();

  /** Number of features D (including the bias feature) of the weights this objective takes. */
  int features();

  /** Loss and gradient at {@code w} on the batch of {@code step}. Does not modify {@code w}. */
  Evaluation evaluate(Weights w, long step);

  /**
   * Loss and gradient of K stacked models on the batch of {@code step}, model k regularized by
   * {@code regs[k]} instead of this objective's own regularizer. A model whose loss is not finite
   * gets a NaN loss; the others are unaffected. Model k's result is the same as {@link
   * #evaluate(Weights, long)} of that model alone with its regularizer. This default pays one pass
   * per model; the objectives over data do all K in one pass.
   */
  default Evaluation[] evaluate(StackedWeights w, L2Regularizer[] regs, long step) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " does not evaluate stacked models");
  }

  /**
   * The loss of every candidate on the batch of {@code step}, all scored in one pass over the data
   * (the candidates are stacked into one larger product).
   */
  double[] losses(CandidateSet candidates, long step);

  /**
   * The loss at every point of a line or plane through W on the batch of {@code step}, in one pass:
   * scores are linear in W, so three score matrices give every point.
   */
  double[] losses(Plane plane, long step);

  /** The loss at one W (one pass, no gradient). */
  default double loss(Weights w, long step) {
    return losses(Candidates.of(List.of(w)), step)[0];
  }

  /** The loss and its gradient at one point, and how many examples the data term averaged over. */
  record Evaluation(double loss, Weights gradient, long examples) {}
}
