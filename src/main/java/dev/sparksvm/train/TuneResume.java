package dev.sparksvm.train;

import dev.sparksvm.options.TrainOptions;
import dev.sparksvm.options.TuneOptions;
import dev.sparksvm.options.UsageException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/**
 * {@code tune --resume DIR}: the checkpoint and the options of the run it continues, as {@code
 * train --resume} restores them ({@link ResumedOptions}): every option not given is the run's, the
 * models included; a given option that changes the trajectory (the models among them) is refused,
 * all before Spark starts.
 */
final class TuneResume {
  /** Tune's own options: the models, not train's single learning rate and L2 strength. */
  static final Set<String> MODEL_OPTIONS =
      Set.of("--lr", "--reg", "--lr-range", "--reg-range", "--samples");

  private TuneResume() {}

  /** The newest tune checkpoint of {@code --resume}, or null for a fresh run. */
  static TuneCheckpoint read(TuneOptions o, Configuration conf) {
    String dir = o.train().checkpoints().resume();
    if (dir == null) {
      return null;
    }
    TuneCheckpoint c = TuneCheckpoint.newest(dir, conf);
    if (c == null) {
      throw new UsageException("--resume " + dir + ": holds no complete checkpoint");
    }
    return c;
  }

  /**
   * {@code commandLine}'s options where {@code given}, the checkpoint's elsewhere; the models are
   * the checkpoint's unless one of {@link #MODEL_OPTIONS} is given, and then must be the same.
   */
  static TuneOptions restore(TuneOptions commandLine, Set<String> given, TuneCheckpoint c) {
    Set<String> trainGiven = new HashSet<>(given);
    trainGiven.removeAll(MODEL_OPTIONS); // tune's --lr and --reg are lists: restored below
    TrainOptions train = ResumedOptions.restore(commandLine.train(), trainGiven, c.header());
    boolean modelsGiven = given.stream().anyMatch(MODEL_OPTIONS::contains);
    if (modelsGiven && !commandLine.candidates().equals(c.candidates())) {
      throw new UsageException(
          "--resume "
              + train.checkpoints().resume()
              + ": cannot continue that run with these options: its models were "
              + models(c.candidates())
              + ", and are "
              + models(commandLine.candidates())
              + " now (leave --lr, --reg and the ranges out to keep the run's)");
    }
    return new TuneOptions(c.candidates(), train);
  }

  /** Checks the checkpoint against the run's fingerprint now, once Spark has read the data. */
  static void check(TuneCheckpoint c, String dir, Map<String, String> fingerprint, long iters) {
    String difference = c.header().firstDifference(fingerprint);
    if (difference != null) {
      throw new UsageException(
          "--resume "
              + dir
              + ": cannot continue that run with these options or data: "
              + difference);
    }
    if (c.step() > iters) {
      throw new UsageException(
          "--iters "
              + iters
              + " is fewer than the "
              + c.step()
              + " steps the checkpoint in "
              + dir
              + " has taken");
    }
  }

  private static String models(java.util.List<TuneOptions.Candidate> candidates) {
    StringBuilder s = new StringBuilder();
    for (TuneOptions.Candidate m : candidates) {
      s.append(s.length() == 0 ? "" : ", ")
          .append("lr ")
          .append(m.learningRate())
          .append(" reg ")
          .append(m.reg());
    }
    return s.toString();
  }
}
