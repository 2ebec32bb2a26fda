package dev.sparksvm.spark;

import java.nio.file.Path;
import org.apache.spark.SparkEnv;

/**
 * Where a block's images that do not fit in memory go: a fresh file in this executor's local
 * directories ({@code spark.local.dir}, Spark's {@code DiskBlockManager}), which Spark deletes with
 * the executor (on a local master, with the context).
 */
final class LocalDisk {
  private LocalDisk() {}

  /** A new, empty file of this executor's local directories. */
  static Path newFile() {
    return SparkEnv.get().blockManager().diskBlockManager().createTempLocalBlock()._2().toPath();
  }
}
