package dev.sparksvm.core;

/**
 * A {@link Batch} in single precision, for the float GEMMs of {@link Precision#FLOAT}: {@code rows
 * x features} floats, row-major (column-major BLAS reads it as X<sup>T</sup>, {@code features x
 * rows}, leading dimension {@code features}), and the rows' labels.
 *
 * <p>A reusable buffer: fill {@link #x()} and {@link #labels()} for rows {@code 0..rows-1} and call
 * {@link #setRows(int)}. It is not thread-safe.
 */
public final class FloatBatch extends BatchRows {
  private final float[] x;

  /** An empty batch with room for {@code capacity} examples of {@code features} features. */
  public FloatBatch(int capacity, int features) {
    super(new int[checkedCapacity(capacity, features)], features, 0);
    this.x = new float[capacity * features];
  }

  /** The live matrix buffer. */
  public float[] x() {
    return x;
  }
}
