package dev.sparksvm.optim;

import dev.sparksvm.core.Weights;

/**
 * A function of the weights that we minimise: {@code L(W) = mean data loss over a batch + R(W)},
 * and its gradient dL/dW. Which examples form the batch at a given step is the objective's business
 * (a seeded mini-batch, or the whole set); the same (W, step) always gives the same answer.
 *
 * <p>We minimise: the loss is {@code >= 0}, the gradient is dL/dW, and an update subtracts it.
 *
 * <p>This is what gradient descent needs. {@link StackedObjective} adds K models evaluated in one
 * pass ({@code tune}); {@link LossProbes} is the loss alone at many W in one pass (the CS231n
 * strategies, step-size sweeps, gradient checks). {@code LocalObjective} and the Spark objective
 * are all three.
 */
public interface Objective {

  /** Number of classes C of the weights this objective takes. */
  int classes();

  /** Number of features D (including the bias feature) of the weights this objective takes. */
  int features();

  /** Loss and gradient at {@code w} on the batch of {@code step}. Does not modify {@code w}. */
  Evaluation evaluate(Weights w, long step);

  /** The loss and its gradient at one point, and how many examples the data term averaged over. */
  record Evaluation(double loss, Weights gradient, long examples) {}
}
