package dev.sparksvm.run;

import dev.sparksvm.core.Weights;
import dev.sparksvm.optim.EarlyStopping;
import dev.sparksvm.optim.GradientDescent;
import dev.sparksvm.report.History;

/**
 * What happens between the steps of a training run: the validation accuracy at the evaluation
 * points, the history row and the progress line of every step, and early stopping.
 */
final class TrainingLoop implements GradientDescent.Listener {
  private final Workspace ws;
  private final TrainOptions options;
  private final EarlyStopping.Tracker tracker;
  private final History history = new History();
  private final Progress progress;
  private double lastLoss = Double.NaN;
  private Double lastValidation;
  private long stepsDone;
  private boolean stop;

  TrainingLoop(Workspace ws, TrainOptions options, int batch, EarlyStopping stopping) {
    this.ws = ws;
    this.options = options;
    this.tracker = stopping.tracker();
    this.progress = new Progress(options.iterations(), batch, options.printEvery());
  }

  @Override
  public void afterStep(long step, double loss, double rate, Weights weights) {
    long done = step + 1;
    Double val = null;
    if ((options.evalEvery() > 0 && done % options.evalEvery() == 0) || done == options.iterations()) {
      long evalStart = System.nanoTime();
      val = ws.validationAccuracy(weights);
      progress.exclude(System.nanoTime() - evalStart);
      if (val != null) {
        stop = tracker.record(done, val, weights);
      }
    }
    lastLoss = loss;
    lastValidation = val;
    stepsDone = done;
    history.add(new History.Row(done, loss, progress.trainingSeconds(), rate, val));
    progress.report(done, loss, rate, val);
  }

  @Override
  public boolean stopRequested() {
    return stop;
  }

  History history() {
    return history;
  }

  double lastLoss() {
    return lastLoss;
  }

  /** The validation accuracy measured after the last step taken (null if none was). */
  Double lastValidation() {
    return lastValidation;
  }

  long stepsDone() {
    return stepsDone;
  }

  EarlyStopping.Tracker tracker() {
    return tracker;
  }

  double trainingSeconds() {
    return progress.trainingSeconds();
  }
}
