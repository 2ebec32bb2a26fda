package dev.sparksvm.core;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * The weight matrix W of a linear classifier f(x) = W x, with the bias folded in as the last column
 * (the bias trick: every x ends with a constant 1).
 *
 * <p><b>Layout.</b> W has {@code classes} rows and {@code features} columns and is stored
 * row-major: {@code W[c][j] = values[c * features + j]}. Row c is the template of class c. To
 * column-major BLAS the same array is the {@code features x classes} matrix W<sup>T</sup> with
 * leading dimension {@code features}. The model file, {@link #sha256()} and the template pictures
 * all use this layout.
 *
 * <p>Instances are mutable (the optimizer updates W in place); {@link #copy()} before sharing.
 */
public final class Weights implements Serializable {
  private static final long serialVersionUID = 1L;
  private final int classes;
  private final int features;
  private final double[] values;

  /** Wraps {@code values} (not copied), which must hold {@code classes * features} numbers. */
  public Weights(int classes, int features, double[] values) {
    if (classes <= 0 || features <= 0) {
      throw new IllegalArgumentException(
          "weights need classes > 0 and features > 0, got " + classes + " x " + features);
    }
    if (values.length != (long) classes * features) {
      throw new IllegalArgumentException(
          "weights of "
              + classes
              + " x "
              + features
              + " need "
              + (long) classes * features
              + " values, got "
              + values.length);
    }
    this.classes = classes;
    this.features = features;
    this.values = values;
  }

  /** All-zero weights. */
  public static Weights zeros(int classes, int features) {
    return new Weights(classes, features, new double[classes * features]);
  }

  /** Weights drawn i.i.d. from N(0, scale^2), reproducibly from {@code seed}. */
  public static Weights gaussian(int classes, int features, double scale, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] v = new double[classes * features];
    for (int i = 0; i < v.length; i++) {
      v[i] = scale * random.nextGaussian();
    }
    return new Weights(classes, features, v);
  }

  public int classes() {
    return classes;
  }

  public int features() {
    return features;
  }

  /** The live backing array, row-major {@code classes x features}. */
  public double[] values() {
    return values;
  }

  public double get(int c, int j) {
    return values[c * features + j];
  }

  public Weights copy() {
    return new Weights(classes, features, values.clone());
  }

  /** {@code this += alpha * other}, in place. */
  public void addScaled(double alpha, Weights other) {
    requireSameShape(other);
    addScaled(alpha, other.values, 0);
  }

  /**
   * {@code this += alpha * other[from .. from + size)}, in place: another matrix of this shape that
   * sits in a larger array (a model of a {@link StackedWeights}).
   */
  public void addScaled(double alpha, double[] other, int from) {
    if (from < 0 || other.length - from < values.length) {
      throw new IllegalArgumentException(
          values.length + " values from " + from + " of an array of " + other.length);
    }
    for (int i = 0; i < values.length; i++) {
      values[i] += alpha * other[from + i];
    }
  }

  /** Sum of squares of all entries. */
  public double squaredNorm() {
    return squaredNorm(values, 0, values.length);
  }

  /** Sum of squares of {@code values[from .. to)}, added in index order. */
  static double squaredNorm(double[] values, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += values[i] * values[i];
    }
    return s;
  }

  /** True when every entry is finite. */
  public boolean isFinite() {
    for (double v : values) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  /** The bytes of W in its documented layout: row-major, IEEE 754 doubles, big-endian. */
  public byte[] toBytes() {
    ByteBuffer buffer =
        ByteBuffer.allocate(values.length * Double.BYTES).order(ByteOrder.BIG_ENDIAN);
    buffer.asDoubleBuffer().put(values);
    return buffer.array();
  }

  /** SHA-256 of {@link #toBytes()} in hex: two runs with equal hashes produced bit-identical W. */
  public String sha256() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(toBytes()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  private void requireSameShape(Weights other) {
    if (other.classes != classes || other.features != features) {
      throw new IllegalArgumentException(
          "shape mismatch: "
              + classes
              + " x "
              + features
              + " vs "
              + other.classes
              + " x "
              + other.features);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Weights w
        && w.classes == classes
        && w.features == features
        && Arrays.equals(w.values, values);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * classes + features) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Weights[" + classes + " x " + features + "]";
  }
}
