package dev.sparksvm.spark;

import dev.sparksvm.data.FeatureBlock;
import org.apache.spark.api.java.JavaRDD;

/**
 * A cached, partitioned training set as the distributed objective and accuracy see it: exactly one
 * {@link FeatureBlock} per partition, its sizes, and the shape of the weights it trains. Images
 * ({@link ImageData}) and a DataFrame's rows ({@link FeatureData}) are both such sets.
 */
public interface CachedBlocks {

  /** The cached blocks, one per partition. */
  JavaRDD<? extends FeatureBlock> blocks();

  /** Rows in each partition, in partition order. */
  long[] partitionSizes();

  /** Classes C. */
  int classes();

  /** Features D of the weights, the bias included. */
  int features();

  /** Number of rows. */
  default long count() {
    long n = 0;
    for (long s : partitionSizes()) {
      n += s;
    }
    return n;
  }
}
