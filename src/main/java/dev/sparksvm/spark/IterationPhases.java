package dev.sparksvm.spark;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Where the wall time of one distributed evaluation went, split along its critical path: the task
 * whose totals were ready last decides when the aggregation can finish, so its broadcast read and
 * its compute are the ones that count. In nanoseconds; the five parts add up to {@link
 * #totalNanos()}.
 *
 * @param broadcastNanos creating the broadcast of W on the driver, plus the critical task's read of
 *     it (its fetch from the driver or a peer when it is the executor's first task of the
 *     evaluation)
 * @param computeNanos the critical task's sampling, batch building, GEMMs and exact-sum conversion
 * @param aggregationNanos from the critical task's totals being ready to {@code treeAggregate}
 *     returning on the driver: serializing the task results, shipping them, any intermediate reduce
 *     stages and the merges on the driver
 * @param driverNanos on the driver after the aggregation: destroying the broadcast, averaging,
 *     adding the regularization (and, when the caller adds it, the update of W)
 * @param schedulingNanos the remainder: submitting the job, launching the tasks and shipping their
 *     closures until the critical task started, and waiting for a free core
 * @param tasks tasks that computed totals
 */
public record IterationPhases(
    long broadcastNanos,
    long computeNanos,
    long aggregationNanos,
    long driverNanos,
    long schedulingNanos,
    int tasks) {

  /** Wall time of the whole evaluation. */
  public long totalNanos() {
    return broadcastNanos + computeNanos + aggregationNanos + driverNanos + schedulingNanos;
  }

  /**
   * Mean milliseconds a step of each phase, in this record's order (for logs and metrics.json),
   * when these are the sums of {@code steps} evaluations.
   */
  public Map<String, Double> millisPerStep(long steps) {
    double per = 1e6 * Math.max(1, steps);
    Map<String, Double> ms = new LinkedHashMap<>();
    ms.put("broadcast", broadcastNanos / per);
    ms.put("compute", computeNanos / per);
    ms.put("aggregation", aggregationNanos / per);
    ms.put("driver", driverNanos / per);
    ms.put("scheduling", schedulingNanos / per);
    return ms;
  }

  /** {@link #millisPerStep} as one line's text: {@code broadcast 0.68, compute 6.50, ...}. */
  public String describePerStep(long steps) {
    StringJoiner line = new StringJoiner(", ");
    millisPerStep(steps)
        .forEach((phase, ms) -> line.add(String.format(Locale.ROOT, "%s %.2f", phase, ms)));
    return line.toString();
  }

  /**
   * The same split with {@code extraDriverNanos} (e.g. the caller's update of W) added to the
   * driver.
   */
  public IterationPhases plusDriver(long extraDriverNanos) {
    return new IterationPhases(
        broadcastNanos,
        computeNanos,
        aggregationNanos,
        driverNanos + extraDriverNanos,
        schedulingNanos,
        tasks);
  }

  /**
   * Splits one evaluation.
   *
   * @param totalNanos the evaluation's wall time on the driver
   * @param broadcastCreateNanos creating the broadcast on the driver
   * @param jobEndMicros wall clock (microseconds since the epoch) when {@code treeAggregate}
   *     returned
   * @param driverNanos driver time after the aggregation
   * @param tasks what the tasks reported (none only if no task computed anything)
   */
  public static IterationPhases split(
      long totalNanos,
      long broadcastCreateNanos,
      long jobEndMicros,
      long driverNanos,
      Collection<TaskTiming> tasks) {
    TaskTiming critical = null;
    for (TaskTiming t : tasks) {
      if (critical == null || t.computeEndMicros() > critical.computeEndMicros()) {
        critical = t;
      }
    }
    long fetch = critical == null ? 0 : critical.fetchNanos();
    long compute = critical == null ? 0 : critical.computeNanos();
    long broadcast = broadcastCreateNanos + fetch;
    long rest = Math.max(0, totalNanos - broadcast - compute - driverNanos);
    long measured = critical == null ? 0 : 1000 * (jobEndMicros - critical.computeEndMicros());
    // Clocks of different JVMs agree only to within their reading error: keep the parts within the
    // total.
    long aggregation = Math.min(rest, Math.max(0, measured));
    return new IterationPhases(
        broadcast, compute, aggregation, driverNanos, rest - aggregation, tasks.size());
  }
}
