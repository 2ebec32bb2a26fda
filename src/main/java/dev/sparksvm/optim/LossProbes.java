package dev.sparksvm.optim;

import dev.sparksvm.core.CandidateSet;
import dev.sparksvm.core.Candidates;
import dev.sparksvm.core.Plane;
import dev.sparksvm.core.Weights;
import java.util.List;

/**
 * The objective's loss alone (no gradient) at many W, each set scored in one pass over the data:
 * what random search, random local search, loss landscapes, step-size sweeps and gradient checks
 * probe it with. The loss is the same {@code L(W)} an {@link Objective} of the same data, loss and
 * regularizer computes.
 */
public interface LossProbes {

  /** Number of classes C of the weights probed. */
  int classes();

  /** Number of features D (including the bias feature) of the weights probed. */
  int features();

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
}
