package dev.sparksvm.core;

/**
 * What a batch buffer of either precision shares ({@code Batch}, doubles, and {@code FloatBatch},
 * floats): the shape of a reusable buffer of {@code capacity} rows of {@code features} values, its
 * labels, and how many rows are filled. The matrix itself lives in the subclass, as a primitive
 * array of its precision. Not sealed, so that it need not name its subclasses (the two would depend
 * on each other); its package-private constructor keeps subclasses in this package.
 */
public abstract class BatchRows {
  private final int features;
  private final int[] labels;
  private int rows;

  BatchRows(int[] labels, int features, int rows) {
    this.features = features;
    this.labels = labels;
    this.rows = rows;
  }

  /**
   * {@code capacity}, once a buffer of {@code capacity x features} values is known to fit an array.
   */
  static int checkedCapacity(int capacity, int features) {
    if (capacity <= 0 || features <= 0) {
      throw new IllegalArgumentException(
          "a batch needs capacity > 0 and features > 0, got " + capacity + " and " + features);
    }
    if ((long) capacity * features > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "a batch of "
              + capacity
              + " x "
              + features
              + " does not fit one Java array: use smaller chunks");
    }
    return capacity;
  }

  public final int features() {
    return features;
  }

  public final int capacity() {
    return labels.length;
  }

  public final int rows() {
    return rows;
  }

  /** Declares rows {@code 0..rows-1} filled. */
  public final void setRows(int rows) {
    if (rows < 0 || rows > labels.length) {
      throw new IllegalArgumentException("rows must be in 0.." + labels.length + ", got " + rows);
    }
    this.rows = rows;
  }

  /** The live label buffer. */
  public final int[] labels() {
    return labels;
  }
}
