package dev.sparksvm.spark;

import dev.sparksvm.data.ImageBlock;
import dev.sparksvm.input.ImageFiles;
import dev.sparksvm.input.RangeReader;
import dev.sparksvm.input.RecordRange;
import dev.sparksvm.input.RecordSelection;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.RDDBlockId;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;

/**
 * What one task of {@link ImageLoader} does with its {@link RecordRange}: reads the range into its
 * block ({@link RangeReader}), the first images the memory plan keeps in memory, the rest into a
 * file of the executor's local directories, for which it takes room on the disk before it reads a
 * record ({@link LocalDisk#room}); a block Spark does not cache loses its file when the task ends.
 * The same function rebuilds a block Spark lost or dropped.
 */
final class BlockLoad implements Function<RecordRange, ImageBlock> {
  private static final long serialVersionUID = 1L;
  private final ImageFiles files;
  private final RecordSelection selection;
  private final Broadcast<SerializableConfiguration> conf;
  private final long[] memoryImages;

  /**
   * The id of the cached RDD this function builds the blocks of: it exists only once that RDD does,
   * and is set before any job ships this function ({@link #cached}).
   */
  private int rddId = -1;

  /**
   * @param memoryImages of each partition, the images to keep in memory (its first ones)
   */
  BlockLoad(
      ImageFiles files,
      RecordSelection selection,
      Broadcast<SerializableConfiguration> conf,
      long[] memoryImages) {
    this.files = files;
    this.selection = selection;
    this.conf = conf;
    this.memoryImages = memoryImages.clone();
  }

  /** The blocks of {@code ranges}, persisted in memory under {@code name}. */
  JavaRDD<ImageBlock> cached(JavaRDD<RecordRange> ranges, String name) {
    JavaRDD<ImageBlock> blocks = ranges.map(this).setName(name).persist(StorageLevel.MEMORY_ONLY());
    rddId = blocks.id();
    return blocks;
  }

  @Override
  public ImageBlock call(RecordRange range) {
    int partition = range.partition();
    int memory = (int) memoryImages[partition];
    if (memory == range.size()) {
      return RangeReader.read(files, range, selection, conf.value().value(), memory, null);
    }
    int pixels = files.layout().pixels();
    // The executor that writes a disk part is the one that reads it.
    LocalDisk.readers(SparkEnv.get().conf());
    try (LocalDisk.Room room = LocalDisk.room(range.size() - memory, pixels, partition)) {
      ImageBlock block =
          RangeReader.read(files, range, selection, conf.value().value(), memory, room::file);
      LocalDisk.closeUnlessCached(block, new RDDBlockId(rddId, partition));
      return block;
    }
  }
}
