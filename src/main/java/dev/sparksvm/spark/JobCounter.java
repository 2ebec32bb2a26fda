package dev.sparksvm.spark;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;

/** Counts the Spark jobs a context runs: the "passes over the data" a strategy pays for. */
public final class JobCounter extends SparkListener {
  private final AtomicLong jobs = new AtomicLong();
  private final JavaSparkContext sc;

  private JobCounter(JavaSparkContext sc) {
    this.sc = sc;
  }

  /** A counter registered with {@code sc}. */
  public static JobCounter attach(JavaSparkContext sc) {
    JobCounter counter = new JobCounter(sc);
    sc.sc().addSparkListener(counter);
    return counter;
  }

  @Override
  public void onJobStart(SparkListenerJobStart jobStart) {
    jobs.incrementAndGet();
  }

  /** Stops counting: removes this listener from its context. */
  public void detach() {
    sc.sc().removeSparkListener(this);
  }

  /** Jobs started so far, counting every job submitted before this call. */
  public long jobs() {
    // Listener events are delivered on Spark's listener-bus thread; drain it so that a job that has
    // already run is counted. (The bus is Scala private[spark], public to Java.)
    try {
      sc.sc().listenerBus().waitUntilEmpty(10_000);
    } catch (java.util.concurrent.TimeoutException e) {
      // A slow bus: report what has arrived.
    }
    return jobs.get();
  }
}
