package dev.sparksvm.spark;

import dev.sparksvm.data.FeatureMoments;
import dev.sparksvm.data.Preprocessing;
import org.apache.spark.api.java.JavaRDD;

/**
 * A DataFrame's rows as {@link FrameLoader} cached them: the training rows, the validation rows
 * (when an indicator column held some out), the training rows' moments, and what the cache holds.
 *
 * @param train the training rows
 * @param validation the validation rows, or null without an indicator column
 * @param moments per-feature count, mean and deviations of the training rows
 * @param cachedBytes bytes Spark's block manager reports for the cached blocks
 * @param floats whether the values are kept as floats (else doubles)
 * @param cached the cached RDD both sets are views of
 */
public record FrameBlocks(
    FeatureData train,
    FeatureData validation,
    FeatureMoments moments,
    long cachedBytes,
    boolean floats,
    JavaRDD<SplitBlock> cached) {

  /** Training and validation rows. */
  public long rows() {
    return train.count() + (validation == null ? 0 : validation.count());
  }

  /** Cached bytes per row (training and validation rows alike). */
  public double bytesPerRow() {
    return cachedBytes / (double) rows();
  }

  /** The preprocessing the rows train with: standardization or mean subtraction alone. */
  public Preprocessing preprocessing(boolean standardize) {
    return moments.preprocessing(standardize);
  }

  /** Drops the cached blocks. */
  public void unpersist() {
    cached.unpersist(false);
  }
}
