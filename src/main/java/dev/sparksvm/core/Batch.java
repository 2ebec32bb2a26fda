package dev.sparksvm.core;

/**
 * A batch of examples as one matrix, ready for BLAS: {@code rows x features}, row-major (example i's
 * features are {@code x[i * features .. (i + 1) * features)}), which column-major BLAS reads as the
 * {@code features x rows} matrix X<sup>T</sup> with leading dimension {@code features}.
 *
 * <p>A batch is a reusable buffer: fill {@link #x()} and {@link #labels()} for rows {@code 0..rows-1}
 * and call {@link #setRows(int)}. It is not thread-safe.
 */
public final class Batch {
  private final int features;
  private final double[] x;
  private final int[] labels;
  private int rows;

  /** An empty batch with room for {@code capacity} examples of {@code features} features. */
  public Batch(int capacity, int features) {
    if (capacity <= 0 || features <= 0) {
      throw new IllegalArgumentException("a batch needs capacity > 0 and features > 0, got "
          + capacity + " and " + features);
    }
    if ((long) capacity * features > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("a batch of " + capacity + " x " + features
          + " does not fit one Java array: use smaller chunks");
    }
    this.features = features;
    this.x = new double[capacity * features];
    this.labels = new int[capacity];
  }

  /** Wraps existing arrays (not copied): {@code x} row-major {@code rows x features}. */
  public static Batch of(double[] x, int[] labels, int features) {
    int rows = labels.length;
    if (x.length != rows * features) {
      throw new IllegalArgumentException("batch matrix has " + x.length + " values, expected "
          + rows + " x " + features);
    }
    return new Batch(x, labels, features, rows);
  }

  private Batch(double[] x, int[] labels, int features, int rows) {
    this.features = features;
    this.x = x;
    this.labels = labels;
    this.rows = rows;
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
  public double[] x() {
    return x;
  }

  /** The live label buffer. */
  public int[] labels() {
    return labels;
  }
}
