package dev.sparksvm.ml;

import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Preprocessing;
import dev.sparksvm.optim.EarlyStopping;
import dev.sparksvm.optim.StackedDescent;
import dev.sparksvm.spark.DistributedAccuracy;
import dev.sparksvm.spark.FeatureData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Between steps: every model's objective, and at the validation points every live model's
 * validation accuracy (one job for all), with the best W of each kept.
 */
final class FitRecorder implements StackedDescent.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(FitRecorder.class);

  /** About this many validation accuracies are measured over a run, and one after the last step. */
  static final int VALIDATIONS = 20;

  private final JavaSparkContext sc;
  private final FeatureData validation;
  private final Preprocessing pre;
  private final long maxIter;
  private final long every;
  private final double[][] history;
  private final List<List<double[]>> curves = new ArrayList<>();
  private final EarlyStopping.Tracker[] trackers;
  private long steps;

  FitRecorder(
      JavaSparkContext sc,
      FeatureData validation,
      Preprocessing pre,
      int k,
      long maxIter,
      boolean keepBest) {
    this.sc = sc;
    this.validation = validation;
    this.pre = pre;
    this.maxIter = maxIter;
    this.every = Math.max(1, (maxIter + VALIDATIONS - 1) / VALIDATIONS);
    this.history = new double[k][(int) maxIter];
    this.trackers = new EarlyStopping.Tracker[k];
    for (int m = 0; m < k; m++) {
      curves.add(new ArrayList<>());
      trackers[m] = new EarlyStopping(keepBest, Double.NaN, 0).tracker();
    }
  }

  @Override
  public void afterStep(long step, double[] losses, List<Weights> weights, boolean[] active) {
    for (int m = 0; m < losses.length; m++) {
      history[m][(int) step] = losses[m];
    }
    steps = step + 1;
    if (steps % Math.max(1, maxIter / 10) == 0) {
      LOG.info(
          "LinearClassifier: step {}/{}: objective {}", steps, maxIter, Arrays.toString(losses));
    }
    if (validation == null || (steps % every != 0 && steps != maxIter)) {
      return;
    }
    sc.setJobDescription("LinearClassifier: validation accuracy after step " + steps);
    double[] accuracy = DistributedAccuracy.ofLive(sc, validation, weights, active, pre);
    for (int m = 0; m < active.length; m++) {
      if (active[m]) {
        curves.get(m).add(new double[] {steps, accuracy[m]});
        trackers[m].record(steps, accuracy[m], weights.get(m));
      }
    }
  }

  /** Steps recorded so far. */
  long steps() {
    return steps;
  }

  TrainedModel trained(
      int m,
      StackedDescent.Result result,
      double rate,
      FitSettings s,
      double seconds,
      LinearClassificationSummary.Rows facts) {
    EarlyStopping.Tracker tracker = trackers[m];
    Weights w = tracker.kept(result.weights().get(m));
    List<double[]> curve = curves.get(m);
    long[] at = new long[curve.size()];
    double[] accuracy = new double[curve.size()];
    for (int i = 0; i < at.length; i++) {
      at[i] = (long) curve.get(i)[0];
      accuracy[i] = curve.get(i)[1];
    }
    long diverged = result.diverged(m) ? result.divergedAt()[m] + 1 : -1;
    if (diverged >= 0) {
      LOG.warn(
          "LinearClassifier: the model with stepSize {} and regParam {} diverged at step {}:"
              + " lower its stepSize (or leave it unset to have it chosen)",
          rate,
          s.regParam(),
          diverged);
    }
    LinearClassificationSummary summary =
        new LinearClassificationSummary(
            Arrays.copyOf(history[m], (int) steps),
            at,
            accuracy,
            rate,
            s.autoStepSize(),
            diverged,
            tracker.keepsBest() ? tracker.bestStep() : steps,
            seconds,
            history.length,
            facts);
    return new TrainedModel(w, pre, summary);
  }
}
