package dev.sparksvm.spark;

import org.apache.spark.api.java.JavaSparkContext;

/** Waiting for a cluster's executors, so that measurements start with every task slot present. */
public final class Executors {
  private Executors() {}

  /**
   * Returns once {@code count} executors have registered with the context, or throws after {@code
   * timeoutSeconds} (local masters have their one executor from the start).
   */
  public static void await(JavaSparkContext sc, int count, long timeoutSeconds) {
    if (sc.master().startsWith("local")) {
      return;
    }
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    while (sc.sc().getExecutorIds().size() < count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "only "
                + sc.sc().getExecutorIds().size()
                + " of "
                + count
                + " executors registered within "
                + timeoutSeconds
                + " s: does the cluster have "
                + count
                + " free cores and enough memory?");
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for executors", e);
      }
    }
  }
}
