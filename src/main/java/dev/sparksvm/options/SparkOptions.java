package dev.sparksvm.options;

import dev.sparksvm.io.WritableDirectory;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * Where a command's Spark application runs and what it leaves behind for Spark's own tools.
 *
 * @param master Spark master URL ({@code --master}), or null for spark-submit's (else the command's
 *     default, {@code local[*]} for most)
 * @param eventLog directory of Spark's event log ({@code --event-log}, any Hadoop file system), or
 *     null for none
 */
public record SparkOptions(String master, String eventLog) {
  public SparkOptions {
    if (eventLog != null && eventLog.isBlank()) {
      throw new UsageException("--event-log must name a directory, got '" + eventLog + "'");
    }
  }

  /** spark-submit's master (else the command's default), no event log. */
  public static SparkOptions defaults() {
    return new SparkOptions(null, null);
  }

  /** The master alone, without an event log. */
  public static SparkOptions master(String master) {
    return new SparkOptions(master, null);
  }

  /**
   * These options with a master URL: {@code --master}, else spark-submit's, else {@code fallback}
   * (a command whose default is not {@code local[*]}).
   */
  public SparkOptions orMaster(String fallback) {
    if (master != null) {
      return this;
    }
    // spark-submit hands its --master to the application as the system property spark.master.
    String submitted = System.getProperty("spark.master");
    return withMaster(submitted != null ? submitted : fallback);
  }

  public SparkOptions withMaster(String value) {
    return new SparkOptions(value, eventLog);
  }

  public SparkOptions withEventLog(String value) {
    return new SparkOptions(master, value);
  }

  /**
   * The Spark settings these options add. Creates the event log directory if it is missing and
   * checks that it can be written, before Spark starts (Spark would fail at start-up with a stack
   * trace).
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
