package dev.sparksvm.train;

import dev.sparksvm.core.Weights;
import dev.sparksvm.options.CheckpointOptions;
import dev.sparksvm.options.TuneOptions.Candidate;
import dev.sparksvm.session.Workspace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What {@code tune} keeps of its models between steps (every loss so far, the last validation
 * accuracies, the step each dropped model diverged at) and its checkpoints: written every {@code
 * --checkpoint-every} steps (by default every epoch or five minutes of training, as {@code train}),
 * each replacing the one before once it is complete.
 */
final class TuneState {
  private final List<Candidate> candidates;
  private final double[][] losses;
  private final Double[] val;
  private final long[] divergedAt;
  private final Map<String, String> fingerprint;
  private final Map<String, String> options;
  private String lastCheckpoint;
  private long lastCheckpointNanos = System.nanoTime();

  private TuneState(
      List<Candidate> candidates,
      long iterations,
      Map<String, String> fingerprint,
      Map<String, String> options) {
    int k = candidates.size();
    this.candidates = List.copyOf(candidates);
    this.losses = new double[k][(int) iterations];
    for (double[] row : losses) {
      Arrays.fill(row, Double.NaN);
    }
    this.val = new Double[k];
    this.divergedAt = new long[k];
    Arrays.fill(divergedAt, -1);
    this.fingerprint = fingerprint;
    this.options = options;
  }

  /** A fresh run's state, or {@code resume}'s (whose losses stop at its step). */
  static TuneState of(
      List<Candidate> candidates,
      long iterations,
      Map<String, String> fingerprint,
      Map<String, String> options,
      TuneCheckpoint resume) {
    TuneState s = new TuneState(candidates, iterations, fingerprint, options);
    if (resume != null) {
      for (int m = 0; m < candidates.size(); m++) {
        System.arraycopy(resume.losses()[m], 0, s.losses[m], 0, (int) resume.step());
        s.val[m] = resume.val()[m];
        s.divergedAt[m] = resume.divergedAt()[m];
      }
    }
    return s;
  }

  /** Records step {@code step}'s losses; returns the models dropped at this step. */
  List<Integer> record(long step, double[] stepLosses, boolean[] active) {
    List<Integer> dropped = new ArrayList<>();
    for (int m = 0; m < losses.length; m++) {
      losses[m][(int) step] = stepLosses[m];
      if (!active[m] && divergedAt[m] < 0) {
        divergedAt[m] = step;
        dropped.add(m);
      }
    }
    return dropped;
  }

  double[][] losses() {
    return losses;
  }

  /** Each model's last validation accuracy (null before the first): updated in place. */
  Double[] val() {
    return val;
  }

  long[] divergedAt() {
    return divergedAt.clone();
  }

  /** Whether a checkpoint is due after {@code done} steps ({@code train}'s rule). */
  boolean checkpointDue(long done, OptionalLong every, long stepsPerEpoch) {
    if (every.isEmpty()) { // every epoch, or after five minutes
      return done % stepsPerEpoch == 0
          || System.nanoTime() - lastCheckpointNanos
              > CheckpointOptions.AUTO_SECONDS * 1_000_000_000L;
    }
    return every.getAsLong() > 0 && done % every.getAsLong() == 0;
  }

  /**
   * Writes the state after {@code done} steps with {@code weights} and the updates' {@code
   * velocities} (null entries for the vanilla update), then removes the previous checkpoint (only
   * once the new one is complete). Returns where it went.
   */
  String checkpoint(
      Workspace ws, long done, double seconds, List<Weights> weights, List<Weights> velocities) {
    String name = Checkpoint.fileName(done);
    if (!name.equals(lastCheckpoint)) {
      double[][] sofar = new double[losses.length][];
      for (int m = 0; m < losses.length; m++) {
        sofar[m] = Arrays.copyOf(losses[m], (int) done);
      }
      TuneCheckpoint c =
          new TuneCheckpoint(
              done,
              seconds,
              candidates,
              weights,
              velocities,
              divergedAt.clone(),
              val.clone(),
              sofar,
              fingerprint,
              options);
      ws.out().writeNow(name, c::writeTo);
      if (lastCheckpoint != null) {
        ws.out().delete(lastCheckpoint);
      }
      lastCheckpoint = name;
      lastCheckpointNanos = System.nanoTime();
    }
    return ws.out().path() + "/" + name;
  }
}
