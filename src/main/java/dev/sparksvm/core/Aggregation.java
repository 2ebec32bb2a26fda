package dev.sparksvm.core;

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
}
