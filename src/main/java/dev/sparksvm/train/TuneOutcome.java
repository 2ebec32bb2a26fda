package dev.sparksvm.train;

import dev.sparksvm.options.TuneOptions.Candidate;

/**
 * One model of a {@code tune} run: how it ended.
 *
 * @param candidate its learning rate and L2 strength
 * @param finalLoss the loss of its last step (before it diverged, for a dropped model)
 * @param trainAccuracy its accuracy on the training set, or null when it diverged
 * @param valAccuracy its accuracy on the validation set at the last evaluation, or null
 * @param divergedAt the step at which it diverged (0-based), or -1
 * @param losses its loss at every step (NaN after it diverged)
 */
public record TuneOutcome(
    Candidate candidate,
    double finalLoss,
    Double trainAccuracy,
    Double valAccuracy,
    long divergedAt,
    double[] losses) {
  /** Whether the model was dropped for diverging. */
  public boolean diverged() {
    return divergedAt >= 0;
  }
}
