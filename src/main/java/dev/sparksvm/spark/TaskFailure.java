package dev.sparksvm.spark;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkException;

/**
 * A job Spark gave up on because one task failed {@code spark.task.maxFailures} times, read from
 * the exception Spark throws on the driver. Spark names the task only in its message ({@code Job
 * aborted due to stage failure: Task 1 in stage 30.0 failed 2 times, most recent failure: Lost task
 * 1.1 in stage 30.0 (TID 61) (127.0.0.1 executor driver): java.lang.IllegalStateException: ...},
 * followed by the executor's stack trace), a format unchanged since Spark 1; the task's index in
 * the stage is its partition, as every job of ours runs one task per partition.
 *
 * @param partition the partition whose task failed
 * @param attempts how many times it failed
 * @param where the host and executor of the last attempt, e.g. {@code 127.0.0.1 executor 1}
 * @param cause the first line of the last failure, e.g. {@code java.lang.IllegalStateException:
 *     ...}
 */
public record TaskFailure(int partition, int attempts, String where, String cause) {
  private static final Pattern ABORT =
      Pattern.compile(
          "Task (\\d+) in stage \\S+ failed (\\d+) times, most recent failure: Lost task \\S+ in"
              + " stage \\S+ \\(TID \\d+\\) \\(([^)]*)\\): (.*)");

  /** The task failure behind {@code e}, or null when {@code e} is not one (or says too little). */
  public static TaskFailure of(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SparkException && t.getMessage() != null) {
        Matcher m = ABORT.matcher(t.getMessage().lines().findFirst().orElse(""));
        if (m.find()) {
          return new TaskFailure(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              m.group(3),
              m.group(4).strip());
        }
      }
    }
    return null;
  }

  /** E.g. {@code the task of partition 1 failed 2 times (spark.task.maxFailures), the last ...}. */
  @Override
  public String toString() {
    return "the task of partition "
        + partition
        + " failed "
        + attempts
        + " times "
        + "(spark.task.maxFailures), the last time on "
        + where
        + ": "
        + cause;
  }
}
