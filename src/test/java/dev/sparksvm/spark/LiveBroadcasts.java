package dev.sparksvm.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.storage.BlockId;
import org.apache.spark.storage.BlockInfo;
import org.apache.spark.storage.BlockManager;
import org.apache.spark.storage.BroadcastBlockId;
import scala.Option;
import scala.Tuple2;

/**
 * The broadcast values the driver's block manager holds right now. Spark's own task binaries (the
 * serialized RDD and function of each stage, a {@code byte[]}) also live there until the garbage
 * collector and Spark's ContextCleaner remove them; everything else is a broadcast someone made and
 * has not destroyed.
 */
public final class LiveBroadcasts {
  private LiveBroadcasts() {}

  /** Every live broadcast value. */
  public static List<Object> values() {
    BlockManager bm = SparkEnv.get().blockManager();
    List<Object> out = new ArrayList<>();
    scala.collection.Iterator<Tuple2<BlockId, BlockInfo>> it = bm.blockInfoManager().entries();
    while (it.hasNext()) {
      BlockId id = it.next()._1();
      if (id instanceof BroadcastBlockId b && b.field().isEmpty()) {
        Option<scala.collection.Iterator<Object>> v = bm.memoryStore().getValues(id);
        if (v.isDefined() && v.get().hasNext()) {
          out.add(v.get().next());
        }
      }
    }
    return out;
  }

  /** Live broadcasts other than Spark's task binaries. */
  public static long notTaskBinaries() {
    return values().stream().filter(v -> !(v instanceof byte[])).count();
  }

  /**
   * Live broadcasts other than task binaries once their count has settled at {@code expected}, or
   * after 10 s: {@code Broadcast.destroy()} removes blocks asynchronously.
   */
  public static long awaitNotTaskBinaries(long expected) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    long count = notTaskBinaries();
    while (count != expected && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      count = notTaskBinaries();
    }
    return count;
  }

  /** Live broadcasts other than task binaries once the count has not changed for 300 ms. */
  public static long settledNotTaskBinaries() {
    long count = notTaskBinaries();
    for (int stable = 0, round = 0; stable < 6 && round < 200; round++) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      long now = notTaskBinaries();
      stable = now == count ? stable + 1 : 0;
      count = now;
    }
    return count;
  }

  /** The largest live task binary, in bytes (0 if none is live). */
  public static long largestTaskBinary() {
    return values().stream()
        .filter(v -> v instanceof byte[])
        .mapToLong(v -> ((byte[]) v).length)
        .max()
        .orElse(0);
  }
}
