package dev.sparksvm.optim;

import dev.sparksvm.core.Weights;

/**
 * What a training run does with its validation accuracies: keep the best W seen (CS231n's solver
 * does), and stop early when the accuracy reaches a target or has not improved for a number of
 * evaluations. Fed one evaluation at a time; knows nothing of Spark.
 *
 * @param keepBest keep a copy of the W with the best validation accuracy (else only the last W
 *     counts)
 * @param stopAt stop once validation accuracy reaches this (NaN: never)
 * @param patience stop after this many evaluations in a row without a new best (0: never)
 */
public record EarlyStopping(boolean keepBest, double stopAt, int patience) {

  public EarlyStopping {
    if (!(Double.isNaN(stopAt) || (stopAt > 0 && stopAt <= 1))) {
      throw new IllegalArgumentException(
          "the accuracy to stop at must be in (0, 1], got " + stopAt);
    }
    if (patience < 0) {
      throw new IllegalArgumentException("patience must be >= 0, got " + patience);
    }
  }

  /** Neither keeping the best nor stopping early: train every step and keep the last W. */
  public static EarlyStopping none() {
    return new EarlyStopping(false, Double.NaN, 0);
  }

  /** Why a run ended. */
  public enum Reason {
    /** All the steps asked for were taken. */
    ITERATIONS,
    /** Validation accuracy reached the target. */
    STOP_AT,
    /** No improvement for {@code patience} evaluations. */
    PATIENCE
  }

  /**
   * What a tracker knows, for a checkpoint: the best accuracy and its step, the best W (with {@code
   * keepBest}), and the evaluations since the best.
   */
  public record State(double bestAccuracy, long bestStep, Weights best, int sinceBest) {}

  /** The state of one run. */
  public final class Tracker {
    private double bestAccuracy = Double.NEGATIVE_INFINITY;
    private long bestStep = -1;
    private Weights best;
    private int sinceBest;
    private Reason reason = Reason.ITERATIONS;

    /** Records the validation accuracy of {@code w} after {@code step} steps; true to stop now. */
    public boolean record(long step, double accuracy, Weights w) {
      if (accuracy > bestAccuracy) {
        bestAccuracy = accuracy;
        bestStep = step;
        sinceBest = 0;
        if (keepBest) {
          best = w.copy();
        }
      } else {
        sinceBest++;
      }
      if (!Double.isNaN(stopAt) && accuracy >= stopAt) {
        reason = Reason.STOP_AT;
      } else if (patience > 0 && sinceBest >= patience) {
        reason = Reason.PATIENCE;
      }
      return reason != Reason.ITERATIONS;
    }

    /** A snapshot of what it knows (the best W is shared, not copied: it is never changed). */
    public State state() {
      return new State(bestAccuracy, bestStep, best, sinceBest);
    }

    /** Continues from a snapshot (a resumed run). */
    public void restore(State s) {
      bestAccuracy = s.bestAccuracy();
      bestStep = s.bestStep();
      best = s.best();
      sinceBest = s.sinceBest();
    }

    /** Why the run ended (so far: {@link Reason#ITERATIONS}). */
    public Reason reason() {
      return reason;
    }

    /** The step count of the best evaluation, or -1 before any. */
    public long bestStep() {
      return bestStep;
    }

    /** The best validation accuracy, or NaN before any evaluation. */
    public double bestAccuracy() {
      return bestStep < 0 ? Double.NaN : bestAccuracy;
    }

    /**
     * The W to keep: the best one with {@code keepBest} (when any was evaluated), else {@code
     * last}.
     */
    public Weights kept(Weights last) {
      return keepsBest() ? best : last;
    }

    /** Whether {@link #kept} is the best W seen rather than the last one. */
    public boolean keepsBest() {
      return keepBest && best != null;
    }
  }

  /** A fresh tracker for one run. */
  public Tracker tracker() {
    return new Tracker();
  }
}
