package dev.sparksvm.spark;

import dev.sparksvm.data.ImageBlock;
import org.apache.spark.api.java.JavaRDD;

/**
 * A cached, partitioned image set: exactly one {@link ImageBlock} per partition.
 *
 * @param blocks the cached blocks
 * @param partitionSizes images in each partition, in partition order
 * @param cachedBytes bytes Spark's block manager reports for the cached blocks (0 if not cached)
 */
public record ImageData(JavaRDD<ImageBlock> blocks, long[] partitionSizes, long cachedBytes) {

  /** Number of images. */
  public long count() {
    long n = 0;
    for (long s : partitionSizes) {
      n += s;
    }
    return n;
  }

  /** Drops the cached blocks. */
  public void unpersist() {
    blocks.unpersist(false);
  }
}
