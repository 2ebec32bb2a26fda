package dev.sparksvm.optim;

import dev.sparksvm.core.Candidates;
import dev.sparksvm.core.Seeds;
import dev.sparksvm.core.Weights;
import java.util.List;
import java.util.SplittableRandom;

/**
 * CS231n's second strategy: start from a random W and repeatedly try {@code W + step * randn},
 * keeping the move when the loss drops. Each try needs the loss at the current W's neighbour, so
 * the steps are sequential: one pass over the data per step.
 *
 * @param steps number of tries, {@code >= 1}
 * @param stepSize standard deviation of a move (CS231n: 1e-4)
 * @param initScale standard deviation of the start (CS231n: 1e-3)
 * @param seed seed of the start and of every move
 */
public record RandomLocalSearch(int steps, double stepSize, double initScale, long seed) {

  public RandomLocalSearch {
    if (steps < 1) {
      throw new IllegalArgumentException("--tries must be >= 1, got " + steps);
    }
    if (!(stepSize > 0) || !Double.isFinite(stepSize)) {
      throw new IllegalArgumentException("--step must be a finite number > 0, got " + stepSize);
    }
    if (!(initScale > 0) || !Double.isFinite(initScale)) {
      throw new IllegalArgumentException("--scale must be a finite number > 0, got " + initScale);
    }
  }

  /** Reports each step: its index, the best loss so far, and whether the move was taken. */
  @FunctionalInterface
  public interface Listener {
    void afterStep(int step, double bestLoss, boolean accepted);
  }

  /** The result: the final W, its loss, and how many moves were accepted. */
  public record Result(Weights best, double bestLoss, int accepted, double[] lossPerStep) {}

  public Result run(LossProbes objective, Listener listener) {
    Weights w =
        Weights.gaussian(
            objective.classes(), objective.features(), initScale, Seeds.derive(seed, 0));
    double bestLoss = objective.loss(w, 0);
    double[] history = new double[steps];
    int accepted = 0;
    for (int step = 0; step < steps; step++) {
      Weights move = w.copy();
      SplittableRandom random = new SplittableRandom(Seeds.derive(seed, step + 1L));
      double[] v = move.values();
      for (int i = 0; i < v.length; i++) {
        v[i] += stepSize * random.nextGaussian();
      }
      double loss = objective.losses(Candidates.of(List.of(move)), 0)[0];
      boolean better = loss < bestLoss;
      if (better) {
        w = move;
        bestLoss = loss;
        accepted++;
      }
      history[step] = bestLoss;
      listener.afterStep(step, bestLoss, better);
    }
    return new Result(w, bestLoss, accepted, history);
  }
}
