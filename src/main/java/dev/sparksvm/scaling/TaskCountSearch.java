package dev.sparksvm.scaling;

/**
 * What a predicted iteration time says about the number of tasks: the speed-up of n tasks over one,
 * the global batch from which doubling the tasks pays, and the task count with the shortest
 * iteration. Searches over any time function of (tasks, global batch), so they are the same for
 * every model of one iteration ({@link CostModel}).
 */
final class TaskCountSearch {
  /** Predicted milliseconds of one iteration. */
  @FunctionalInterface
  interface IterationTime {
    double ms(int tasks, int batch);
  }

  private TaskCountSearch() {}

  /** The speed-up of n tasks over one task at the same global batch. */
  static double speedup(IterationTime t, int tasks, int batch) {
    return t.ms(1, batch) / t.ms(tasks, batch);
  }

  /**
   * The smallest global batch B (up to 2^30) with {@code T(2n, B) < T(n, B)}, or {@link
   * Integer#MAX_VALUE} when none is: doubling first, then bisecting.
   */
  static int criticalBatch(IterationTime t, int tasks) {
    int lo = 1;
    int hi = 1;
    while (!faster(t, tasks, hi)) {
      if (hi >= 1 << 30) {
        return Integer.MAX_VALUE;
      }
      lo = hi;
      hi *= 2;
    }
    if (faster(t, tasks, lo)) {
      return lo;
    }
    while (hi - lo > 1) {
      int mid = lo + (hi - lo) / 2;
      if (faster(t, tasks, mid)) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }

  private static boolean faster(IterationTime t, int tasks, int batch) {
    return t.ms(2 * tasks, batch) < t.ms(tasks, batch);
  }

  /** The task count in 1..maxTasks with the shortest iteration at batch B (the first on a tie). */
  static int bestTasks(IterationTime t, int batch, int maxTasks) {
    int best = 1;
    double bestMs = t.ms(1, batch);
    for (int n = 2; n <= maxTasks; n++) {
      double ms = t.ms(n, batch);
      if (ms < bestMs) {
        best = n;
        bestMs = ms;
      }
    }
    return best;
  }
}
