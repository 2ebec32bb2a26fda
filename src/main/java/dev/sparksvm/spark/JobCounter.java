package dev.sparksvm.spark;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;

/** Counts the Spark jobs a context runs: the "passes over the data" a strategy pays for. */
public final class JobCounter extends SparkListener {
  private final AtomicLong jobs = new AtomicLong();

  /** A counter registered with {@code sc}. */
  public static JobCounter attach(JavaSparkContext sc) {
    JobCounter counter = new JobCounter();
    sc.sc().addSparkListener(counter);
    return counter;
  }

  @Override
  public void onJobStart(SparkListenerJobStart jobStart) {
    jobs.incrementAndGet();
  }

  /** Jobs started so far. Listener events arrive asynchronously; call after the work has finished. */
  public long jobs() {
    return jobs.get();
  }
}
