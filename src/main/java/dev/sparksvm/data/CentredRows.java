package dev.sparksvm.data;

import dev.sparksvm.core.Batch;
import dev.sparksvm.core.BatchRows;
import dev.sparksvm.core.FloatBatch;

/**
 * The preprocessing of {@code ImageBlock.centred}: pixel minus the mean, then the bias 1; rows are
 * copied on demand, never stored. It is the only way a batch reads a block's pixels, so {@link
 * #rowsCopied()} is what a computation read of the block. Rows on local disk are read ahead of the
 * fills that need them, by positioned reads in file order on the executor's reader threads ({@link
 * DiskAhead}); every value is computed from the same byte as for a row in memory. Not thread-safe
 * (one per task).
 */
public final class CentredRows implements FeatureBlock.Rows {
  private final BlockPixels block;
  private final double[] mean;
  private long rowsCopied;

  /** The reads of the rows on disk, made at the first fill that needs one. */
  private DiskAhead ahead;

  private long diskWaitNanos;

  CentredRows(BlockPixels block, double[] mean) {
    this.block = block;
    this.mean = mean;
  }

  /** Rows copied out of the block through this view so far. */
  @Override
  public long rowsCopied() {
    return rowsCopied;
  }

  /**
   * Nanoseconds the fills through this view have waited for rows on local disk: the part of a
   * computation that reading from disk did not overlap.
   */
  public long diskWaitNanos() {
    return diskWaitNanos;
  }

  @Override
  public int size() {
    return block.labels.length;
  }

  @Override
  public int features() {
    return block.imageBytes + 1;
  }

  @Override
  public void fill(Batch batch, int[] indices, int from, int to) {
    check(batch.capacity(), batch.features(), to - from);
    byte[] disk = stage(indices, from, to);
    int first = block.memoryImages;
    int p = block.imageBytes;
    int d = p + 1;
    double[] x = batch.x();
    for (int r = 0; r < to - from; r++) {
      int i = image(indices, from + r);
      byte[] pixels = i < first ? block.chunk(i) : disk;
      int src = i < first ? block.offset(i) : r * p;
      int dst = r * d;
      RowLoops.centred(pixels, src, mean, x, dst, p);
      x[dst + p] = 1.0;
    }
    labelRows(batch, indices, from, to);
  }

  @Override
  public void fill(FloatBatch batch, int[] indices, int from, int to) {
    check(batch.capacity(), batch.features(), to - from);
    byte[] disk = stage(indices, from, to);
    int first = block.memoryImages;
    int p = block.imageBytes;
    int d = p + 1;
    float[] x = batch.x();
    for (int r = 0; r < to - from; r++) {
      int i = image(indices, from + r);
      byte[] pixels = i < first ? block.chunk(i) : disk;
      int src = i < first ? block.offset(i) : r * p;
      int dst = r * d;
      RowLoops.centred(pixels, src, mean, x, dst, p);
      x[dst + p] = 1.0f;
    }
    labelRows(batch, indices, from, to);
  }

  /**
   * The chosen rows that are on local disk, each at its batch row; null when none is. Read ahead,
   * chunk by chunk, by the executor's reader threads ({@link DiskAhead}).
   */
  private byte[] stage(int[] indices, int from, int to) {
    if (block.disk == null) {
      return null;
    }
    if (ahead == null) {
      ahead = new DiskAhead(block);
    }
    long start = System.nanoTime();
    try {
      return ahead.rows(indices, indices == null ? block.labels.length : indices.length, from, to);
    } finally {
      diskWaitNanos += System.nanoTime() - start;
    }
  }

  /**
   * The image at position {@code i} of the chosen rows (all rows in order when there is no list).
   */
  private static int image(int[] indices, int i) {
    return indices == null ? i : indices[i];
  }

  /** Labels of rows {@code from..to-1}, and the rows declared filled and counted as read. */
  private void labelRows(BatchRows batch, int[] indices, int from, int to) {
    byte[] labels = block.labels;
    int[] y = batch.labels();
    for (int r = 0; r < to - from; r++) {
      y[r] = labels[image(indices, from + r)] & 0xFF;
    }
    rowsCopied += to - from;
    batch.setRows(to - from);
  }

  private void check(int capacity, int features, int rows) {
    if (rows > capacity || features != features()) {
      throw new IllegalArgumentException(
          "a batch of "
              + capacity
              + " x "
              + features
              + " cannot take "
              + rows
              + " rows of "
              + features()
              + " features");
    }
  }
}
