package dev.sparksvm.options;

import dev.sparksvm.io.WritableDirectory;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * Where a command's Spark application runs and what it leaves behind for Spark's own tools.
 *
 * @param master Spark master URL, or null for spark-submit's (else {@code local[*]})
 * @param eventLog directory of Spark's event log (any Hadoop file system), or null for none
 */
public record SparkOptions(String master, String eventLog) {
  public SparkOptions {
    if (eventLog != null && eventLog.isBlank()) {
      throw new UsageException("--event-log must name a directory, got '" + eventLog + "'");
    }
  }

  /** The master alone, without an event log. */
  public static SparkOptions master(String master) {
    return new SparkOptions(master, null);
  }

  /**
   * The Spark settings these options add: with an event log, Spark's {@code spark.eventLog.*}, from
   * which its History Server shows a finished application's jobs and stages. Creates the event log
   * directory if it is missing (Spark does not) and checks that it can be written, before Spark
   * starts (Spark would fail at start-up with a stack trace).
   *
   * @throws IllegalArgumentException (an {@code OutputException}) naming {@code --event-log}
   */
  public Map<String, String> settings(Configuration conf) {
    if (eventLog == null) {
      return Map.of();
    }
    String dir = WritableDirectory.create("--event-log", eventLog, conf).toString();
    return Map.of("spark.eventLog.enabled", "true", "spark.eventLog.dir", dir);
  }
}
