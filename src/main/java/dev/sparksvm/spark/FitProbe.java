package dev.sparksvm.spark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.apache.spark.SparkContext;
import org.apache.spark.storage.RDDInfo;

/**
 * Watches a fit from a background thread: the driver JVM's heap in use and the bytes Spark holds
 * cached (all RDDs, memory and disk), sampled every {@value #PERIOD_MS} ms, and the wall time. In
 * local mode the executors run in the driver's JVM, so its heap is theirs too. Peaks between two
 * samples are missed; a garbage collection first gives every fit the same floor.
 */
public final class FitProbe implements AutoCloseable {
  public static final long PERIOD_MS = 50;

  private final SparkContext sc;
  private final long cachedBefore;
  private final long start;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long peakHeap;
  private volatile long peakCached;
  private long seconds = -1;
  private double elapsed;

  private FitProbe(SparkContext sc) {
    this.sc = sc;
    System.gc();
    this.cachedBefore = cached(sc);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    this.thread =
        new Thread(
            () -> {
              while (running) {
                peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
                peakCached = Math.max(peakCached, cached(sc) - cachedBefore);
                try {
                  Thread.sleep(PERIOD_MS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
              }
            },
            "sparksvm fit probe");
    thread.setDaemon(true);
    this.start = System.nanoTime();
    thread.start();
  }

  /** Starts watching now. */
  public static FitProbe start(SparkContext sc) {
    return new FitProbe(sc);
  }

  private static long cached(SparkContext sc) {
    long bytes = 0;
    for (RDDInfo info : sc.getRDDStorageInfo()) {
      bytes += info.memSize() + info.diskSize();
    }
    return bytes;
  }

  /** Stops watching; the figures below are final from here. */
  @Override
  public void close() {
    if (seconds < 0) {
      elapsed = (System.nanoTime() - start) / 1e9;
      seconds = 0;
      running = false;
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      peakCached = Math.max(peakCached, cached(sc) - cachedBefore);
    }
  }

  /** Wall seconds from start to close. */
  public double seconds() {
    return elapsed;
  }

  /** The largest heap in use seen, in bytes. */
  public long peakHeapBytes() {
    return peakHeap;
  }

  /** The most bytes cached beyond what was cached at the start. */
  public long peakCachedBytes() {
    return peakCached;
  }
}
