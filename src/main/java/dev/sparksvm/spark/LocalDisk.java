package dev.sparksvm.spark;

import dev.sparksvm.data.DiskReaders;
import dev.sparksvm.data.DiskRoom;
import dev.sparksvm.data.ImageBlock;
import dev.sparksvm.data.InvalidDataException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.storage.BlockManager;
import org.apache.spark.storage.RDDBlockId;
import org.apache.spark.util.TaskCompletionListener;
import scala.Option;
import scala.collection.Iterator;

/**
 * Where a block's images that do not fit in memory go: a fresh file in this executor's local
 * directories ({@code spark.local.dir}, Spark's {@code DiskBlockManager}), taken only when the disk
 * has room for the whole part, and for as long as the block that reads it: Spark closes a cached
 * block when it drops it ({@link ImageBlock#close}), a block Spark did not cache is closed when its
 * task ends, and the file of an executor that is gone goes with its local directories.
 */
final class LocalDisk {
  /**
   * Bytes of each local disk that a set's disk part leaves free (Spark's size syntax, e.g. {@code
   * 10g}): room for Spark's own shuffle and spill files and for whatever else writes there.
   */
  static final String RESERVE = "spark.sparksvm.localDiskReserve";

  /** What {@value #RESERVE} is without a setting. */
  static final String DEFAULT_RESERVE = "1g";

  /**
   * Threads of each executor that read the rows a step samples from its blocks' disk parts, several
   * at once, ahead of the chunks being computed ({@link DiskReaders}); 0 to have each task read its
   * own rows one at a time when it needs them.
   */
  static final String READERS = "spark.sparksvm.diskReaders";

  /** Bytes promised to the disk parts this JVM's tasks are writing now, by file store. */
  private static final Map<FileStore, Long> PROMISED = new HashMap<>();

  private LocalDisk() {}

  /** Sets this executor's reader threads from {@code conf} ({@value #READERS}). */
  static void readers(SparkConf conf) {
    int threads = conf.getInt(READERS, DiskReaders.DEFAULT_THREADS);
    if (threads < 0) {
      throw new InvalidDataException(READERS + " must be 0 or more, got " + threads);
    }
    if (threads != DiskReaders.threads()) {
      DiskReaders.threads(threads);
    }
  }

  /** The bytes to leave free on each local disk, from {@code conf}. */
  static long reserve(SparkConf conf) {
    return conf.getSizeAsBytes(RESERVE, DEFAULT_RESERVE);
  }

  /**
   * A new file of this executor's local directories for the {@code images} images of {@code
   * imageBytes} of partition {@code partition} that stay on disk, promised to the caller until it
   * closes the {@link Room} (when the file is written); refused, in one line with the numbers, when
   * the disk has not the room beside what it is to keep free and what this executor's other tasks
   * are writing to it now.
   */
  static Room room(long images, int imageBytes, int partition) {
    SparkEnv env = SparkEnv.get();
    Path file = env.blockManager().diskBlockManager().createTempLocalBlock()._2().toPath();
    long bytes = images * imageBytes;
    try {
      FileStore store = Files.getFileStore(file.getParent());
      synchronized (PROMISED) {
        long promised = PROMISED.getOrDefault(store, 0L);
        DiskRoom room = new DiskRoom(store.getUsableSpace(), reserve(env.conf()));
        if (bytes > room.bytes() - promised) {
          throw new InvalidDataException(
              String.format(
                  "partition %d: %,d images of %,d bytes need %,.1f MB of local disk in %s on "
                      + "executor %s (%s), which has %s%s; give the executors more memory or more "
                      + "local disk (spark.local.dir)",
                  partition,
                  images,
                  imageBytes,
                  bytes / 1e6,
                  file.getParent(),
                  env.executorId(),
                  env.blockManager().blockManagerId().host(),
                  room.describe(),
                  promised == 0
                      ? ""
                      : String.format(", and %,.1f MB promised to other blocks", promised / 1e6)));
        }
        PROMISED.merge(store, bytes, Long::sum);
      }
      return new Room(file, store, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use " + file.getParent() + ": " + e.getMessage(), e);
    }
  }

  /**
   * A file with room promised on its disk until {@link #close}: by then it is written, and the
   * disk's usable space counts it.
   */
  static final class Room implements AutoCloseable {
    private final Path file;
    private final FileStore store;
    private final long bytes;

    private Room(Path file, FileStore store, long bytes) {
      this.file = file;
      this.store = store;
      this.bytes = bytes;
    }

    /** The file. */
    Path file() {
      return file;
    }

    @Override
    public void close() {
      synchronized (PROMISED) {
        PROMISED.computeIfPresent(store, (s, b) -> b == bytes ? null : b - bytes);
      }
    }
  }

  /**
   * Sees that {@code block}, just built by the running task for cached block {@code id}, is closed
   * when the task ends unless Spark cached it: a block Spark could not keep in memory is used by
   * this task alone, and its file must not wait for the garbage collector (a set that Spark keeps
   * dropping would fill the disk with the files of blocks rebuilt every step).
   */
  static void closeUnlessCached(ImageBlock block, RDDBlockId id) {
    TaskContext context = TaskContext.get();
    if (block.diskBytes() == 0 || context == null) {
      return;
    }
    context.addTaskCompletionListener(
        (TaskCompletionListener)
            done -> {
              if (!cached(SparkEnv.get().blockManager(), id, block)) {
                block.close();
              }
            });
  }

  /** Whether {@code block} itself is the value cached in memory for {@code id}. */
  private static boolean cached(BlockManager manager, RDDBlockId id, ImageBlock block) {
    Option<Iterator<Object>> values = manager.memoryStore().getValues(id);
    if (values.isEmpty()) {
      return false;
    }
    Iterator<Object> it = values.get();
    return it.hasNext() && it.next() == block;
  }
}
