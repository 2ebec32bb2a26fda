package dev.sparksvm.train;

import dev.sparksvm.core.Weights;
import dev.sparksvm.optim.EarlyStopping;
import dev.sparksvm.report.History;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a training run needs to go on from step {@code step} exactly as if it had never
 * stopped: W and the update's velocity, the step, the learning rate in use, the history so far, the
 * early-stopping state, and a fingerprint of the options and data that decide the trajectory.
 * Batches are drawn from (seed, step, partition) and the learning rate is a function of the step,
 * so nothing else is needed. Its file, {@code checkpoint-STEP.bin}, is written and read by {@link
 * CheckpointFormat}.
 *
 * @param velocity the velocity of the update ({@code --update momentum|nesterov}) after step {@code
 *     step}, of W's shape; null for the vanilla update, which has none
 * @param fingerprint the options and data that decide the trajectory, in a fixed order
 * @param options every option of the run that wrote it, by name ({@code --data} to its path); empty
 *     for a checkpoint of an earlier version
 */
public record Checkpoint(
    long step,
    double trainingSeconds,
    double learningRate,
    Weights weights,
    Weights velocity,
    Map<String, String> fingerprint,
    List<History.Row> history,
    EarlyStopping.State tracker,
    Map<String, String> options) {
  /**
   * The size of a checkpoint at most: W of {@code weightBytes}, once more for the velocity when the
   * update has one and for the best W when it is kept, a history row per step, and the fingerprint
   * and options.
   */
  static long sizeBound(long weightBytes, long steps, boolean keepsBest, boolean velocity) {
    return weightBytes * (1 + (keepsBest ? 1 : 0) + (velocity ? 1 : 0)) + 41L * steps + SLACK;
  }

  /** Room for what a file holds besides W and the history: names, options, provenance. */
  static final long SLACK = 64 << 10;

  public Checkpoint {
    if (velocity != null
        && (velocity.classes() != weights.classes() || velocity.features() != weights.features())) {
      throw new IllegalArgumentException("the velocity must have W's shape");
    }
    fingerprint = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fingerprint));
    options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }

  /** The file name of the checkpoint after {@code step} steps. */
  static String fileName(long step) {
    return String.format("%s%012d%s", CheckpointFiles.PREFIX, step, CheckpointFiles.SUFFIX);
  }

  /**
   * The first difference between this checkpoint's fingerprint and {@code current}, as a sentence,
   * or null when they agree.
   */
  public String firstDifference(Map<String, String> current) {
    for (Map.Entry<String, String> e : current.entrySet()) {
      String then = fingerprint.get(e.getKey());
      if (!Objects.equals(then, e.getValue())) {
        return e.getKey()
            + " was "
            + (then == null ? "not set" : then)
            + " when the checkpoint was "
            + "written, and is "
            + e.getValue()
            + " now";
      }
    }
    for (String key : fingerprint.keySet()) {
      if (!current.containsKey(key)) {
        return key
            + " was "
            + fingerprint.get(key)
            + " when the checkpoint was written, and is not "
            + "set now";
      }
    }
    return null;
  }
}
