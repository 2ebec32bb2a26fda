package dev.sparksvm.spark;

import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.storage.RDDInfo;

/**
 * What Spark's status store knows of a persisted RDD's cached blocks. The store is filled from the
 * listener bus, on another thread: read right after the job that cached the blocks, it could miss
 * some or all of them (MLlib's examples once looked "not cached" that way). So the bus is drained
 * first.
 */
public final class StorageInfo {
  private StorageInfo() {}

  /** The RDD's storage info once every event posted so far is delivered; empty if none cached. */
  public static Optional<RDDInfo> of(JavaSparkContext sc, RDD<?> rdd) {
    try {
      sc.sc().listenerBus().waitUntilEmpty(10_000); // Scala private[spark], public to Java
    } catch (TimeoutException e) {
      // A bus this slow: report what has arrived.
    }
    for (RDDInfo info : sc.sc().getRDDStorageInfo()) {
      if (info.id() == rdd.id()) {
        return Optional.of(info);
      }
    }
    return Optional.empty();
  }
}
