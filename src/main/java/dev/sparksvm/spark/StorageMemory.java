package dev.sparksvm.spark;

import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.storage.RDDInfo;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Spark's storage memory, where cached blocks live: how much is free, and how much an RDD's cached
 * blocks take.
 */
public final class StorageMemory {
  /** How long {@link #cached} waits for Spark's storage status to show every partition. */
  static final long STATUS_WAIT_MS = 10_000;

  private StorageMemory() {}

  /**
   * What the blocks of a persisted RDD take, once a job has computed them.
   *
   * @param partitions the partitions whose blocks are cached
   * @param of the RDD's partitions
   * @param bytes in memory and on disk
   */
  public record Cached(int partitions, int of, long bytes) {
    /** Whether every partition's block is cached. */
    public boolean whole() {
      return partitions == of;
    }
  }

  /**
   * The cached blocks of {@code rdd}. Spark's storage status is fed by its listener bus, which on a
   * busy machine can trail the job that cached the blocks: until every partition shows, ask again
   * for up to {@value #STATUS_WAIT_MS} ms (a block that did not fit never shows).
   */
  public static Cached cached(JavaSparkContext sc, RDD<?> rdd) {
    long deadline = System.nanoTime() + STATUS_WAIT_MS * 1_000_000L;
    while (true) {
      Cached found = new Cached(0, rdd.getNumPartitions(), 0);
      for (RDDInfo info : sc.sc().getRDDStorageInfo()) {
        if (info.id() == rdd.id()) {
          found =
              new Cached(
                  info.numCachedPartitions(),
                  info.numPartitions(),
                  info.memSize() + info.diskSize());
        }
      }
      if (found.whole() || System.nanoTime() > deadline) {
        return found;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return found;
      }
    }
  }

  /**
   * Bytes of storage memory free on the executors. On a cluster the driver's own block manager is
   * left out (it caches no training data); on a local master the driver is the one executor.
   */
  public static double freeBytes(JavaSparkContext sc) {
    String driver = SparkEnv.get().blockManager().blockManagerId().hostPort();
    var status = CollectionConverters.asJava(sc.sc().getExecutorMemoryStatus());
    double free = 0;
    for (var e : status.entrySet()) {
      Tuple2<Object, Object> maxAndFree = e.getValue();
      if (status.size() == 1 || !e.getKey().equals(driver)) {
        free += ((Number) maxAndFree._2()).doubleValue();
      }
    }
    return free;
  }
}
