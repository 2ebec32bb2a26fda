package dev.sparksvm.spark;

import dev.sparksvm.data.ImageBlock;
import dev.sparksvm.data.ImageSchema;
import dev.sparksvm.data.PixelSums;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;

/**
 * A cached, partitioned image set: exactly one {@link ImageBlock} per partition.
 *
 * @param blocks the cached blocks
 * @param schema image shape and class names
 * @param partitionSizes images in each partition, in partition order
 * @param cachedBytes bytes Spark's block manager reports for the cached blocks (0 if not cached)
 * @param pixelSums the per-pixel sums of all images if they were taken while loading, else null
 */
public record ImageData(
    JavaRDD<ImageBlock> blocks,
    ImageSchema schema,
    long[] partitionSizes,
    long cachedBytes,
    PixelSums pixelSums)
    implements CachedBlocks {

  /** A set whose pixel sums were not taken while loading. */
  public ImageData(
      JavaRDD<ImageBlock> blocks, ImageSchema schema, long[] partitionSizes, long cachedBytes) {
    this(blocks, schema, partitionSizes, cachedBytes, null);
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

  /** Drops the cached blocks. */
  public void unpersist() {
    blocks.unpersist(false);
  }

  /** Drops the cached blocks and waits until they are gone (the next load needs the memory). */
  public void unpersistNow() {
    blocks.unpersist(true);
  }

  /** Every block, on the driver (a baseline without Spark runs on them). */
  public List<ImageBlock> collect() {
    return blocks.collect();
  }
}
