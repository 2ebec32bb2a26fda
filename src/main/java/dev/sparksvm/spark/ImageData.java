package dev.sparksvm.spark;

import dev.sparksvm.data.ImageBlock;
import dev.sparksvm.data.ImageSchema;
import dev.sparksvm.data.MemoryPlan;
import dev.sparksvm.data.PixelSums;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;

/**
 * A cached, partitioned image set: exactly one {@link ImageBlock} per partition.
 *
 * @param blocks the cached blocks
 * @param schema image shape and class names
 * @param partitionSizes images in each partition, in partition order
 * @param cachedBytes bytes Spark's block manager reports for the cached blocks (0 if not cached)
 * @param pixelSums the per-pixel sums of all images if they were taken while loading, else null
 * @param plan what of each block is in memory and what on local disk
 */
public record ImageData(
    JavaRDD<ImageBlock> blocks,
    ImageSchema schema,
    long[] partitionSizes,
    long cachedBytes,
    PixelSums pixelSums,
    MemoryPlan plan)
    implements CachedBlocks {

  /** A set whose pixel sums were not taken while loading, all in memory. */
  public ImageData(
      JavaRDD<ImageBlock> blocks, ImageSchema schema, long[] partitionSizes, long cachedBytes) {
    this(
        blocks,
        schema,
        partitionSizes,
        cachedBytes,
        null,
        MemoryPlan.allInMemory(partitionSizes, schema.shape().pixels()));
  }

  /** Bytes of the set in memory: the pixels the plan keeps there and every label. */
  public long memoryBytes() {
    return plan.memoryBytes();
  }

  /** Bytes of the set on the executors' local disks. */
  public long diskBytes() {
    return plan.diskBytes();
  }

  /**
   * How many images the set has and where they are, for {@code metrics.json}: {@code PREFIXimages},
   * {@code PREFIXbytes_in_memory}, {@code PREFIXbytes_on_disk} and {@code PREFIXimages_on_disk}.
   */
  public Map<String, Object> placement(String prefix) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(prefix + "images", count());
    m.put(prefix + "bytes_in_memory", memoryBytes());
    m.put(prefix + "bytes_on_disk", diskBytes());
    m.put(prefix + "images_on_disk", plan.imagesOnDisk());
    return m;
  }

  @Override
  public int classes() {
    return schema.classes();
  }

  @Override
  public int features() {
    return schema.features();
  }

  /**
   * The per-pixel mean: from the sums taken while loading, else in one distributed pass. Sums are
   * exact longs, so the result never depends on merge order.
   */
  public double[] pixelMean() {
    if (count() == 0) {
      throw new IllegalStateException("cannot take the mean of an empty image set");
    }
    if (pixelSums != null) {
      return pixelSums.mean();
    }
    int pixels = schema.shape().pixels();
    return blocks.treeAggregate(new PixelSums(pixels), PixelSums::add, PixelSums::merge).mean();
  }

  /**
   * Drops the cached blocks, and with them their files on local disk: Spark closes each block it
   * removes ({@link ImageBlock#close}), on the executor that holds it.
   */
  public void unpersist() {
    blocks.unpersist(false);
  }

  /**
   * Drops the cached blocks (and their files) and waits until they are gone: the next load needs
   * the memory and the disk.
   */
  public void unpersistNow() {
    blocks.unpersist(true);
  }

  /**
   * Every block, in memory, on the driver (a baseline without Spark runs on them). The copy of a
   * block's disk part is read in its task, while Spark's lock keeps the block and its file.
   */
  public List<ImageBlock> collect() {
    return blocks.map(ImageBlock::inMemory).collect();
  }
}
