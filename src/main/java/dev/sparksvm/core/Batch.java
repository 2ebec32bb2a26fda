package dev.sparksvm.core;

/**
 * A batch of examples as one matrix, ready for BLAS: {@code rows x features}, row-major (example
 * i's features are {@code x[i * features .. (i + 1) * features)}), which column-major BLAS reads as
 * the {@code features x rows} matrix X<sup>T</sup> with leading dimension {@code features}.
 *
 * <p>A batch is a reusable buffer: fill {@link #x()} and {@link #labels()} for rows {@code
 * 0..rows-1} and call {@link #setRows(int)}. It is not thread-safe.
 */
public final class Batch extends BatchRows {
  private final double[] x;

  /** An empty batch with room for {@code capacity} examples of {@code features} features. */
  public Batch(int capacity, int features) {
    super(new int[checkedCapacity(capacity, features)], features, 0);
    this.x = new double[capacity * features];
  }

  /** Wraps existing arrays (not copied): {@code x} row-major {@code rows x features}. */
  public static Batch of(double[] x, int[] labels, int features) {
    int rows = labels.length;
    if (x.length != rows * features) {
      throw new IllegalArgumentException(
          "batch matrix has " + x.length + " values, expected " + rows + " x " + features);
    }
    return new Batch(x, labels, features, rows);
  }

  private Batch(double[] x, int[] labels, int features, int rows) {
    super(labels, features, rows);
    this.x = x;
  }

  /** The live matrix buffer. */
  public double[] x() {
    return x;
  }
}
