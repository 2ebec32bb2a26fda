package dev.sparksvm.train;

import dev.sparksvm.core.Weights;
import dev.sparksvm.optim.EarlyStopping;
import dev.sparksvm.optim.GradientDescent;
import dev.sparksvm.options.CheckpointOptions;
import dev.sparksvm.options.TrainArgs;
import dev.sparksvm.options.TrainOptions;
import dev.sparksvm.report.History;
import dev.sparksvm.session.Workspace;
import java.util.Map;
import java.util.OptionalLong;
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
  private final double learningRate;
  private final EarlyStopping.Tracker tracker;
  private final History history = new History();
  private final Progress progress;
  private final OptionalLong checkpointEvery;
  private final long stepsPerEpoch;
  private final Map<String, String> fingerprint;
  private final Weights velocity;
  private StopSignal signal;
  private double lastLoss = Double.NaN;
  private Double lastValidation;
  private long stepsDone;
  private boolean stop;
  private String lastCheckpoint;
  private long lastCheckpointNanos = System.nanoTime();

  /** Nanoseconds spent in {@link #afterStep} outside the validations: what train adds to a step. */
  private long bookkeepingNanos;

  /**
   * @param learningRate the initial step size in use (given, or chosen by {@code --lr auto})
   * @param batch the global batch
   * @param velocity the update's velocity, which the descent updates in place and checkpoints hold
   *     (null for the vanilla update)
   */
  TrainingLoop(
      Workspace ws,
      TrainOptions options,
      double learningRate,
      int batch,
      long stepsPerEpoch,
      Map<String, String> fingerprint,
      Weights velocity) {
    this.ws = ws;
    this.options = options;
    this.learningRate = learningRate;
    this.tracker = options.stopping().earlyStopping().tracker();
    this.progress =
        new Progress(options.descent().iterations(), batch, options.reporting().printEvery());
    this.checkpointEvery = options.checkpoints().every();
    this.stepsPerEpoch = stepsPerEpoch;
    this.fingerprint = fingerprint;
    this.velocity = velocity;
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
    long start = System.nanoTime();
    long evalNanos = 0;
    long done = step + 1;
    Double val = null;
    int evalEvery = options.reporting().evalEvery();
    if ((evalEvery > 0 && done % evalEvery == 0) || done == options.descent().iterations()) {
      long evalStart = System.nanoTime();
      val = ws.validationAccuracy(weights);
      evalNanos = System.nanoTime() - evalStart;
      progress.exclude(evalNanos);
      if (val != null) {
        stop = tracker.record(done, val, weights);
      }
    }
    lastLoss = loss;
    lastValidation = val;
    stepsDone = done;
    history.add(new History.Row(done, loss, progress.trainingSeconds(), rate, val));
    progress.report(done, loss, rate, val);
    if (checkpointDue(done) && done < options.descent().iterations()) {
      checkpoint(weights, rate);
    }
    bookkeepingNanos += System.nanoTime() - start - evalNanos;
  }

  /**
   * Milliseconds a step spent, on average over {@code steps}, in what train does between steps
   * beyond the descent itself (history, progress, checkpoints, stop checks; validations left out):
   * the part of train's step that bench's step does not have.
   */
  double bookkeepingMillisPerStep(long steps) {
    return steps < 1 ? 0 : bookkeepingNanos / 1e6 / steps;
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
    if (checkpointEvery.isEmpty()) { // every epoch, or after five minutes
      return done % stepsPerEpoch == 0
          || System.nanoTime() - lastCheckpointNanos
              > CheckpointOptions.AUTO_SECONDS * 1_000_000_000L;
    }
    long every = checkpointEvery.getAsLong();
    return every > 0 && done % every == 0;
  }

  /**
   * Writes the state after the last step taken (W, and the velocity as the descent left it), then
   * removes the previous checkpoint (only once the new one is complete). Returns where it went.
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
            learningRate,
            weights,
            velocity,
            fingerprint,
            history.rows(),
            tracker.state(),
            TrainArgs.of(options));
    ws.out().writeNow(name, stream -> CheckpointFormat.write(c, stream));
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
