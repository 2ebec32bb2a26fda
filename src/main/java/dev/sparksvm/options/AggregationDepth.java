package dev.sparksvm.options;

import static dev.sparksvm.options.UsageException.require;

import dev.sparksvm.core.Aggregation;
import java.util.OptionalInt;

/**
 * {@code --aggregation-depth}: how the partitions' sums meet on the driver. Depth 1 sends every
 * task's sums straight to the driver, 2 or more is a {@code treeAggregate} of that depth, and auto
 * (the command line's 0) chooses from the partition count ({@link Aggregation#autoDepth}).
 *
 * @param levels the depth, or empty for auto
 */
public record AggregationDepth(OptionalInt levels) {
  /** Chosen from the partition count. */
  public static final AggregationDepth AUTO = new AggregationDepth(OptionalInt.empty());

  public AggregationDepth {
    require(
        levels.isEmpty() || levels.getAsInt() >= 1,
        "--aggregation-depth",
        "an integer >= 0 (0: auto)",
        levels.orElse(0));
  }

  /** The depth the command line names: 0 is auto, 1 direct, 2 or more a tree. */
  public static AggregationDepth of(int depth) {
    return depth == 0 ? AUTO : new AggregationDepth(OptionalInt.of(depth));
  }

  /** Whether the depth is chosen from the partition count. */
  public boolean auto() {
    return levels.isEmpty();
  }

  /** The depth used with {@code partitions} partitions. */
  public int resolve(int partitions) {
    return levels.orElse(Aggregation.autoDepth(partitions));
  }

  /**
   * As the command line and {@code SparkObjective}'s constructor write it: the depth, 0 for auto.
   */
  public int value() {
    return levels.orElse(0);
  }

  @Override
  public String toString() {
    return Integer.toString(value());
  }
}
