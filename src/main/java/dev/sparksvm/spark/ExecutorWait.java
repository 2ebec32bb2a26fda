package dev.sparksvm.spark;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says so, from the driver, while a cluster gives the application no executor.
 *
 * <p>A standalone master starts an application's executors only on Workers with free cores (at
 * least {@code spark.executor.cores}, default: all of a Worker's) and free memory ({@code
 * spark.executor.memory}), up to {@code spark.cores.max} cores in all (default: every free one, so
 * the first application takes the whole cluster). An application that gets none keeps waiting (the
 * master starts its executors once others finish); its jobs wait too, and without this the driver
 * would print nothing but Spark's "Initial job has not accepted any resources" warning. A YARN or
 * Kubernetes application waits likewise for containers or pods.
 */
final class ExecutorWait {
  /** Seconds without an executor before the first line, and between lines. */
  static final long EVERY_SECONDS = 15;

  private static final Logger LOG = LoggerFactory.getLogger(ExecutorWait.class);

  private ExecutorWait() {}

  /** Watches a cluster context until its first executor registers (or the context stops). */
  static void watch(JavaSparkContext sc) {
    if (sc.master().startsWith("local")) {
      return;
    }
    long start = System.nanoTime();
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, ExecutorWait::daemon);
    long[] nextLine = {EVERY_SECONDS};
    // The tick shuts its timer down itself: the future is not needed.
    var unused =
        timer.scheduleWithFixedDelay(
            () -> {
              long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
              if (sc.sc().isStopped()) {
                timer.shutdown();
              } else if (!sc.sc().getExecutorIds().isEmpty()) {
                if (nextLine[0] > EVERY_SECONDS) {
                  LOG.info(
                      "executors: {} registered after {} s; the run goes on",
                      sc.sc().getExecutorIds().size(),
                      seconds);
                }
                timer.shutdown();
              } else if (seconds >= nextLine[0]) {
                nextLine[0] += EVERY_SECONDS;
                LOG.info(
                    "waiting for executors: none after {} s; {}", seconds, reason(sc.getConf()));
              }
            },
            1,
            1,
            TimeUnit.SECONDS);
  }

  /** What the cluster must have free for this application, in its settings' words. */
  static String reason(SparkConf conf) {
    String master = conf.get("spark.master");
    String memory = "spark.executor.memory=" + conf.get("spark.executor.memory", "1g");
    if (master.startsWith("spark://")) {
      return "the master "
          + master
          + " starts them only on Workers with free cores ("
          + conf.get("spark.executor.cores", "all of a Worker's")
          + " per executor, spark.cores.max="
          + conf.get("spark.cores.max", "every free one")
          + ") and free memory ("
          + memory
          + "); other applications may hold them all: the run starts when they finish (see the"
          + " master's web UI)";
    }
    return "the cluster manager ("
        + master
        + ") has not started any yet ("
        + memory
        + "): its queue may be full; the run starts when it does";
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "sparksvm-executor-wait");
    t.setDaemon(true);
    return t;
  }
}
