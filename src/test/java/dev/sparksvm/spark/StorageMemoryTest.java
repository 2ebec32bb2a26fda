package dev.sparksvm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;

/** Storage memory as the block manager reports it, right after the job that cached the blocks. */
class StorageMemoryTest {
  @Test
  void everyPartitionOfACachedRddShowsAsSoonAsTheJobReturns() {
    JavaSparkContext sc = LocalSpark.get();
    JavaRDD<double[]> rows =
        sc.parallelize(IntStream.range(0, 64).boxed().toList(), 4)
            .map(i -> new double[1000])
            .persist(StorageLevel.MEMORY_ONLY());
    try {
      assertEquals(64, rows.count());
      StorageMemory.Cached cached = StorageMemory.cached(sc, rows.rdd());
      assertTrue(cached.whole(), cached.toString());
      assertEquals(4, cached.of());
      assertTrue(cached.bytes() >= 64 * 8000L, "64 rows of 1000 doubles: " + cached);
      assertTrue(StorageMemory.freeBytes(sc) > 0);
    } finally {
      rows.unpersist(true);
    }
  }
}
