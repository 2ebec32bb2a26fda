package dev.sparksvm.spark;

import org.apache.spark.sql.SparkSession;

/** A SparkSession over the tests' one shared {@code local[2]} context ({@link LocalSpark}). */
public final class LocalSession {
  private LocalSession() {}

  /** The session; starts the shared context when it is not running. */
  public static synchronized SparkSession get() {
    LocalSpark.get();
    // getOrCreate finds the running context (SparkContext.getOrCreate) instead of starting one.
    return SparkSession.builder().getOrCreate();
  }
}
