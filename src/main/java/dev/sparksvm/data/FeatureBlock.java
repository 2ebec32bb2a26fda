package dev.sparksvm.data;

import dev.sparksvm.core.FeatureRows;

/**
 * One partition's cached rows, in whatever compact form they are kept (uint8 pixels in an {@link
 * ImageBlock}, floats or doubles in a {@link VectorBlock}), seen as {@link FeatureRows} through a
 * {@link Preprocessing}: what the distributed objective and accuracy need of a block, so that both
 * kinds of data take the same kernel, the same sampling and the same sums.
 */
public interface FeatureBlock {

  /** Number of rows. */
  int size();

  /**
   * The rows through {@code preprocessing}, made per task: a view that copies rows into batches on
   * demand and counts them. Not thread-safe.
   */
  Rows rows(Preprocessing preprocessing);

  /** A view of a block's rows that counts what it copies out. */
  interface Rows extends FeatureRows {
    /** Rows copied out of the block through this view so far: what a computation read of it. */
    long rowsCopied();
  }
}
