package dev.sparksvm.optim;

import dev.sparksvm.core.CandidateSet;
import dev.sparksvm.core.Candidates;
import dev.sparksvm.core.Weights;

/**
 * CS231n's first strategy: try many random W ({@code scale * randn}) and keep the one with the
 * lowest loss. All tries are scored in one pass over the data ({@link
 * LossProbes#losses(CandidateSet, long)}).
 *
 * @param tries number of random W, {@code >= 1}
 * @param scale standard deviation of each entry (CS231n: 1e-4)
 * @param seed seed of the tries
 */
public record RandomSearch(int tries, double scale, long seed) {

  public RandomSearch {
    if (tries < 1) {
      throw new IllegalArgumentException("--tries must be >= 1, got " + tries);
    }
    if (!(scale > 0) || !Double.isFinite(scale)) {
      throw new IllegalArgumentException("--scale must be a finite number > 0, got " + scale);
    }
  }

  /** The result: the best W, its loss, and which try it was. */
  public record Result(Weights best, double bestLoss, int bestTry, double[] losses) {}

  public Result run(LossProbes objective) {
    CandidateSet candidates =
        Candidates.gaussian(objective.classes(), objective.features(), scale, seed, tries);
    double[] losses = objective.losses(candidates, 0);
    int best = 0;
    for (int k = 1; k < losses.length; k++) {
      if (losses[k] < losses[best]) {
        best = k;
      }
    }
    Weights w = Weights.zeros(objective.classes(), objective.features());
    candidates.fill(best, w.values(), 0);
    return new Result(w, losses[best], best, losses);
  }
}
