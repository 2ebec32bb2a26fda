package dev.sparksvm.core;

/**
 * Labelled feature vectors that a {@link BatchKernel} copies into a {@link Batch} a chunk at a
 * time, e.g. a partition's cached images seen through their preprocessing (mean subtraction, bias
 * feature). The core only needs rows; how they are stored is the data layer's business.
 */
public interface FeatureRows {

  /** Number of rows. */
  int size();

  /** Features D of each row, bias included. */
  int features();

  /**
   * Copies rows {@code indices[from .. to)} into batch rows {@code 0 .. to - from - 1}, features
   * and labels, and sets the batch's row count. {@code indices == null} means rows {@code from ..
   * to - 1}.
   */
  void fill(Batch batch, int[] indices, int from, int to);

  /**
   * As {@link #fill(Batch, int[], int, int)}, in single precision: each value is the float nearest
   * to the double that method writes (computed in double, rounded once), so the preprocessing
   * itself adds no error beyond that one rounding.
   */
  void fill(FloatBatch batch, int[] indices, int from, int to);
}
