package dev.sparksvm.spark;

import dev.sparksvm.data.VectorBlock;
import org.apache.spark.api.java.JavaRDD;

/**
 * Cached rows of a DataFrame: exactly one {@link VectorBlock} per partition (a view of the blocks
 * {@link FrameLoader} cached).
 *
 * @param blocks the blocks, one per partition
 * @param classes C
 * @param features D of the weights, the bias included (the rows have D - 1 values)
 * @param partitionSizes rows in each partition, in partition order
 */
public record FeatureData(
    JavaRDD<VectorBlock> blocks, int classes, int features, long[] partitionSizes)
    implements CachedBlocks {}
