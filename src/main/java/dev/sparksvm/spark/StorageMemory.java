package dev.sparksvm.spark;

import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;

/**
 * How much of Spark's storage memory (where cached blocks live) is free, from the block manager.
 */
public final class StorageMemory {
  private StorageMemory() {}

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
