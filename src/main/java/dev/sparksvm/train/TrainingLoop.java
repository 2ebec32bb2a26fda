package dev.sparksvm.train;

import dev.sparksvm.core.Weights;
import dev.sparksvm.optim.EarlyStopping;
import dev.sparksvm.optim.GradientDescent;
import dev.sparksvm.options.TrainOptions;
import dev.sparksvm.report.History;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens between the steps of a training run: the validation accuracy at the evaluation
 * points, the history row and the progress line of every step, early stopping, checkpoints, and a
 * stop asked for by a signal.
 */
final class TrainingLoop implements GradientDescent.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingLoop.class);
  private final Workspace ws;
  private final TrainOptions options;
  private final EarlyStopping.Tracker tracker;
  private final History history = new History();
  private final Progress progress;
  private final long checkpointEvery;
  private final long stepsPerEpoch;
  private final Map<String, String> fingerprint;
  private StopSignal signal;
  private double lastLoss = Double.NaN;
  private Double lastValidation;
  private long stepsDone;
  private boolean stop;
  private String lastCheckpoint;
  private long lastCheckpointNanos = System.nanoTime();

  TrainingLoop(
      Workspace ws,
      TrainOptions options,
      int batch,
      EarlyStopping stopping,
      long checkpointEvery,
      long stepsPerEpoch,
      Map<String, String> fingerprint) {
    this.ws = ws;
    this.options = options;
    this.tracker = stopping.tracker();
    this.progress = new Progress(options.iterations(), batch, options.printEvery());
    this.checkpointEvery = checkpointEvery;
    this.stepsPerEpoch = stepsPerEpoch;
    this.fingerprint = fingerprint;
  }

  /** Continues from a checkpoint: its history, its early-stopping state and its training time. */
  void restore(Checkpoint c) {
    c.history().forEach(history::add);
    tracker.restore(c.tracker());
    progress.resumeAt(c.step(), c.trainingSeconds());
    stepsDone = c.step();
    lastCheckpoint =
        null; // the resumed-from file is the earlier run's: it goes when this one commits
    if (!c.history().isEmpty()) {
      History.Row last = c.history().get(c.history().size() - 1);
      lastLoss = last.loss();
      lastValidation = last.valAccuracy();
    }
  }

  /** Watches for SIGTERM and Ctrl-C while the descent runs. */
  void watch(StopSignal signal) {
    this.signal = signal;
  }

  @Override
  public void afterStep(long step, double loss, double rate, Weights weights) {
    long done = step + 1;
    Double val = null;
    if ((options.evalEvery() > 0 && done % options.evalEvery() == 0)
        || done == options.iterations()) {
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
    if (checkpointDue(done) && done < options.iterations()) {
      checkpoint(weights, rate);
    }
  }

  @Override
  public boolean stopRequested() {
    return stop || (signal != null && signal.received() != null);
  }

  /** The signal that stopped the run, or null. */
  String signalled() {
    return signal == null ? null : signal.received();
  }

  private boolean checkpointDue(long done) {
    if (checkpointEvery > 0) {
      return done % checkpointEvery == 0;
    }
    if (checkpointEvery == CheckpointOptions.AUTO) {
      return done % stepsPerEpoch == 0
          || System.nanoTime() - lastCheckpointNanos
              > CheckpointOptions.AUTO_SECONDS * 1_000_000_000L;
    }
    return false;
  }

  /**
   * Writes the state after the last step taken, then removes the previous checkpoint (only once the
   * new one is complete). Returns where it went.
   */
  String checkpoint(Weights weights, double rate) {
    String name = Checkpoint.fileName(stepsDone);
    if (name.equals(lastCheckpoint)) {
      return ws.out().path() + "/" + name;
    }
    Checkpoint c =
        new Checkpoint(
            stepsDone,
            progress.trainingSeconds(),
            options.learningRate(),
            weights,
            fingerprint,
            history.rows(),
            tracker.state());
    ws.out().writeNow(name, c::writeTo);
    if (lastCheckpoint != null) {
      ws.out().delete(lastCheckpoint);
    }
    lastCheckpoint = name;
    lastCheckpointNanos = System.nanoTime();
    LOG.debug("checkpoint {} after step {} ({})", name, stepsDone, rate);
    return ws.out().path() + "/" + name;
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
