package dev.sparksvm.train;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress lines of a training loop: iteration, loss, throughput, elapsed time and ETA. A line is
 * printed every {@code every} iterations, after the first and the last, and whenever {@value
 * #MAX_SILENCE_SECONDS} s have passed without one, so a slow run never looks hung.
 */
final class Progress {
  private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
  static final long MAX_SILENCE_SECONDS = 5;
  private final long iterations;
  private final int batch;
  private final int every;
  private final long start = System.nanoTime();
  private long excludedNanos;
  private long lastLine = start;

  /** Steps and seconds done before this process (a resumed run). */
  private long firstStep;

  private double earlierSeconds;

  Progress(long iterations, int batch, int every) {
    this.iterations = iterations;
    this.batch = batch;
    this.every = every;
  }

  /** Counts from step {@code step} after {@code seconds} of training in an earlier process. */
  void resumeAt(long step, double seconds) {
    firstStep = step;
    earlierSeconds = seconds;
  }

  /** Time spent on side work (validation) that is not training. */
  void exclude(long nanos) {
    excludedNanos += nanos;
  }

  /** Seconds of training so far (earlier processes included), side work excluded. */
  double trainingSeconds() {
    return earlierSeconds + (System.nanoTime() - start - excludedNanos) / 1e9;
  }

  void report(long done, double loss, double rate, Double valAccuracy) {
    report(done, loss, rate, valAccuracy, "");
  }

  /** A progress line, with {@code suffix} at its end. */
  void report(long done, double loss, double rate, Double valAccuracy, String suffix) {
    long now = System.nanoTime();
    boolean quiet = now - lastLine > MAX_SILENCE_SECONDS * 1_000_000_000L;
    if (done % every != 0 && done != iterations && done != 1 && !quiet) {
      return;
    }
    lastLine = now;
    double elapsed = trainingSeconds();
    double here = elapsed - earlierSeconds;
    double eta = here / (done - firstStep) * (iterations - done);
    LOG.info(
        String.format(
                "iter %d/%d  loss %.5f  lr %.3g  %.0f examples/s  elapsed %.1f s  ETA %.1f s%s",
                done,
                iterations,
                loss,
                rate,
                (done - firstStep) * (double) batch / here,
                elapsed,
                eta,
                valAccuracy == null ? "" : String.format("  val_acc %.4f", valAccuracy))
            + suffix);
  }
}
