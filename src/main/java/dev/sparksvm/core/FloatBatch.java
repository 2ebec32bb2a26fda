package dev.sparksvm.core;

/**
 * A {@link Batch} in single precision, for the float GEMMs of {@link Precision#FLOAT}: {@code rows x
 * features} floats, row-major (column-major BLAS reads it as X<sup>T</sup>, {@code features x rows},
 * leading dimension {@code features}), and the rows' labels.
 *
 * <p>A reusable buffer: fill {@link #x()} and {@link #labels()} for rows {@code 0..rows-1} and call
 * {@link #setRows(int)}. It is not thread-safe.
 */
public final class FloatBatch {
  private final int features;
  private final float[] x;
  private final int[] labels;
  private int rows;

  /** An empty batch with room for {@code capacity} examples of {@code features} features. */
  public FloatBatch(int capacity, int features) {
    if (capacity <= 0 || features <= 0) {
      throw new IllegalArgumentException("a batch needs capacity > 0 and features > 0, got "
          + capacity + " and " + features);
    }
    if ((long) capacity * features > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("a batch of " + capacity + " x " + features
          + " does not fit one Java array: use smaller chunks");
    }
    this.features = features;
    this.x = new float[capacity * features];
    this.labels = new int[capacity];
  }

  public int features() {
    return features;
  }

  public int capacity() {
    return labels.length;
  }

  public int rows() {
    return rows;
  }

  /** Declares rows {@code 0..rows-1} filled. */
  public void setRows(int rows) {
    if (rows < 0 || rows > labels.length) {
      throw new IllegalArgumentException("rows must be in 0.." + labels.length + ", got " + rows);
    }
    this.rows = rows;
  }

  /** The live matrix buffer. */
  public float[] x() {
    return x;
  }

  /** The live label buffer. */
  public int[] labels() {
    return labels;
  }
}
