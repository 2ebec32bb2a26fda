package dev.sparksvm.spark;

import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.storage.RDDInfo;

/**
 * What Spark's block manager holds of a cached RDD. {@code SparkContext.getRDDStorageInfo} reads
 * Spark's status store, which the listener bus fills asynchronously from the block updates of the
 * job that cached the RDD: right after that job, on a busy machine, it may not know the blocks yet
 * (and reported nothing cached, now and then, in the tests). So the bus is drained first.
 */
public final class StorageInfo {
  private StorageInfo() {}

  /** The RDD's storage, or null when none of it is cached. */
  public static RDDInfo of(SparkContext sc, RDD<?> rdd) {
    try {
      // Scala private[spark], public to Java; JobCounter drains it the same way.
      sc.listenerBus().waitUntilEmpty(10_000);
    } catch (TimeoutException e) {
      // A bus still busy after 10 s: report what has arrived.
    }
    for (RDDInfo info : sc.getRDDStorageInfo()) {
      if (info.id() == rdd.id()) {
        return info;
      }
    }
    return null;
  }

  /** Bytes in memory and on disk of the cached RDD (0 when none is cached). */
  public static long cachedBytes(SparkContext sc, RDD<?> rdd) {
    RDDInfo info = of(sc, rdd);
    return info == null ? 0 : info.memSize() + info.diskSize();
  }
}
