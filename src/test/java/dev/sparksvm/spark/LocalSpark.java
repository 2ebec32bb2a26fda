package dev.sparksvm.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The one real {@code local[2]} SparkContext the tests of this JVM share (Spark allows one per JVM;
 * starting it takes seconds). Stopped when the JVM exits.
 */
public final class LocalSpark {
  private static JavaSparkContext context;

  private LocalSpark() {}

  /** The shared context, started on first use. */
  public static synchronized JavaSparkContext get() {
    if (context == null || context.sc().isStopped()) {
      SparkConf conf =
          new SparkConf()
              .setMaster("local[2]")
              .setAppName("sparksvm-tests")
              .set("spark.ui.enabled", "false")
              .set("spark.driver.host", "127.0.0.1")
              .set("spark.driver.bindAddress", "127.0.0.1")
              .set("spark.ui.showConsoleProgress", "false");
      context = new JavaSparkContext(conf);
      JavaSparkContext started = context;
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
    }
    return context;
  }

  /**
   * Stops the shared context, for a test that must open contexts of its own (Spark allows one per
   * JVM); the next {@link #get()} starts a new one.
   */
  public static synchronized void stop() {
    if (context != null) {
      context.stop();
      context = null;
    }
  }
}
