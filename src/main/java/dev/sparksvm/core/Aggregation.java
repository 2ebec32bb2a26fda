package dev.sparksvm.core;

import java.util.ArrayList;
import java.util.List;

/**
 * How the partitions' sums of a step meet on the driver, chosen from the partition count: up to
 * {@link #DIRECT_MAX_PARTITIONS} the driver keeps each task's sums and adds them in partition order
 * ({@link OrderedSums}, depth 1); beyond it a tree of {@link ExactSum}s (depth 2) spares the driver
 * holding every result at once. The crossover's measurements are in docs/SCALING.md.
 */
public final class Aggregation {
  /** Partitions up to which the driver merges the tasks' sums itself (docs/SCALING.md). */
  public static final int DIRECT_MAX_PARTITIONS = 64;

  private Aggregation() {}

  /**
   * The aggregation depth for {@code partitions} partitions: 1 (direct) up to the crossover, else
   * 2.
   */
  public static int autoDepth(int partitions) {
    return partitions <= DIRECT_MAX_PARTITIONS ? 1 : 2;
  }

  /**
   * The task counts of Spark's intermediate treeAggregate levels for n tasks at the given depth
   * (empty when the partial results go straight to the driver), as in {@code RDD.treeAggregate}.
   */
  public static List<Integer> levels(int tasks, int depth) {
    List<Integer> levels = new ArrayList<>();
    int n = tasks;
    int scale = Math.max((int) Math.ceil(Math.pow(n, 1.0 / depth)), 2);
    while (n > scale + (int) Math.ceil(n / (double) scale)) {
      n /= scale;
      levels.add(n);
    }
    return levels;
  }

  /** How many partial results the driver folds in at the end of treeAggregate. */
  public static int finalResults(int tasks, int depth) {
    List<Integer> levels = levels(tasks, depth);
    return levels.isEmpty() ? tasks : levels.get(levels.size() - 1);
  }
}
