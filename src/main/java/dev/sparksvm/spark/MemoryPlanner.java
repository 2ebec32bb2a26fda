package dev.sparksvm.spark;

import dev.sparksvm.data.DiskRoom;
import dev.sparksvm.data.MemoryPlan;
import dev.sparksvm.data.StorageBudget;
import java.io.File;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The {@link MemoryPlan} of a set about to be loaded, from what Spark has now: the storage memory
 * of its executors (on a local master, the driver's), {@code spark.memory.storageFraction}, and the
 * free space of the local directories that take what does not fit, less what is to stay free there
 * ({@value LocalDisk#RESERVE}).
 */
final class MemoryPlanner {
  /**
   * Caps the bytes a loaded set may cache (Spark's size syntax, e.g. {@code 512m}), below what the
   * storage memory would allow: to leave memory to other work, and in tests.
   */
  static final String CACHE_BYTES = "spark.sparksvm.cacheBytes";

  private MemoryPlanner() {}

  /**
   * The plan for partitions of {@code sizes} images of {@code imageBytes} pixel bytes, caching at
   * most {@code cacheBytes} (and at most {@value #CACHE_BYTES}).
   */
  static MemoryPlan plan(JavaSparkContext sc, long[] sizes, int imageBytes, long cacheBytes) {
    StorageBudget budget = budget(sc);
    if (budget == null) {
      return MemoryPlan.allInMemory(sizes, imageBytes);
    }
    if (cacheBytes < budget.capBytes()) {
      budget = budget.cappedAt(cacheBytes);
    }
    return MemoryPlan.of(sizes, imageBytes, budget, localDiskRoom(sc));
  }

  /**
   * The storage memory of the executors that cache blocks (on a cluster the driver's own block
   * manager caches none), or null when no executor has registered yet.
   */
  static StorageBudget budget(JavaSparkContext sc) {
    String driver = SparkEnv.get().blockManager().blockManagerId().hostPort();
    var status = CollectionConverters.asJava(sc.sc().getExecutorMemoryStatus());
    long pool = 0;
    long free = 0;
    for (var e : status.entrySet()) {
      Tuple2<Object, Object> maxAndFree = e.getValue();
      if (status.size() == 1 || !e.getKey().equals(driver)) {
        pool += ((Number) maxAndFree._1()).longValue();
        free += ((Number) maxAndFree._2()).longValue();
      }
    }
    if (pool == 0) {
      return null;
    }
    SparkConf conf = sc.getConf();
    StorageBudget budget =
        new StorageBudget(pool, free, conf.getDouble("spark.memory.storageFraction", 0.5));
    return conf.contains(CACHE_BYTES) ? budget.cappedAt(conf.getSizeAsBytes(CACHE_BYTES)) : budget;
  }

  /**
   * The room on the driver's first local directory on a local master, where the tasks write; on a
   * cluster the executors' disks are not known here, and each task checks its own before it reads
   * ({@link LocalDisk#room}).
   */
  static DiskRoom localDiskRoom(JavaSparkContext sc) {
    if (!sc.sc().isLocal()) {
      return DiskRoom.UNKNOWN;
    }
    File[] dirs = SparkEnv.get().blockManager().diskBlockManager().localDirs();
    return new DiskRoom(
        dirs.length == 0 ? 0 : dirs[0].getUsableSpace(), LocalDisk.reserve(sc.getConf()));
  }
}
