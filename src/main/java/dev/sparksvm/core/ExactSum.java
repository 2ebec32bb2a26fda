package dev.sparksvm.core;

import java.io.Serializable;

/**
 * A vector of sums whose result does not depend on the order of the additions.
 *
 * <p>Why: Spark merges task results in the order tasks finish, and double addition is not
 * associative, so a plain double sum of per-partition gradients changes in its last bits from run
 * to run. Here each added double is first rounded (toward zero) to a fixed-point number with 64
 * fractional bits held in 128 bits (two longs); integer addition is exact and associative, so any
 * merge order gives the same bits, and {@link #toDoubles()} converts back at the end,
 * deterministically and within about one unit in the last place. The grid (2<sup>-64</sup> ~ 5e-20)
 * is far below the precision of the sums we take; magnitudes up to 2<sup>62</sup> are exact. A NaN,
 * an infinity or a larger magnitude makes that sum non-finite (a diverged loss), which is sticky
 * across merges; the other sums are unaffected, so K models summed side by side diverge one by one.
 * So does a total that leaves the 128-bit range (2<sup>63</sup> in magnitude): each sum counts how
 * often it wrapped around, which keeps the arithmetic exact (and so order independent) and the
 * result is non-finite unless its count is 0.
 *
 * <p>Storage is allocated on the first addition, so an empty sum is cheap to ship as a zero value.
 */
public final class ExactSum implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Values must stay below 2^62 in magnitude; beyond that the sum is flagged non-finite. */
  private static final int MAX_SHIFT = 126 - 53;

  private static final double TWO_POW_MINUS_64 = 0x1.0p-64;

  private final int size;
  private long[] high;
  private long[] low;

  /**
   * Wrap-arounds of each 128-bit sum: the exact sum is wraps * 2^128 + (high, low). Null until one.
   */
  private long[] wraps;

  /** Sums that took a non-finite or too large value. Null until one did. */
  private boolean[] nonFinite;

  /** An empty (all-zero) sum of {@code size} values. */
  public ExactSum(int size) {
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0, got " + size);
    }
    this.size = size;
  }

  public int size() {
    return size;
  }

  /** False once any added value was NaN, infinite or too large, or any sum is out of range. */
  public boolean isFinite() {
    return isFinite(0, size);
  }

  /** Whether sums {@code from .. to - 1} are all finite. */
  public boolean isFinite(int from, int to) {
    for (int i = from; i < to; i++) {
      if (!isFinite(i)) {
        return false;
      }
    }
    return true;
  }

  private boolean isFinite(int index) {
    return (nonFinite == null || !nonFinite[index]) && (wraps == null || wraps[index] == 0);
  }

  /**
   * Adds {@code values[i]} to sum i for every i of {@code values} (at most {@link #size()} long).
   */
  public void add(double[] values) {
    if (values.length > size) {
      throw new IllegalArgumentException(values.length + " values for " + size + " sums");
    }
    allocate();
    for (int i = 0; i < values.length; i++) {
      addOne(i, values[i]);
    }
  }

  /** Adds {@code value} to sum {@code index}. */
  public void add(int index, double value) {
    allocate();
    addOne(index, value);
  }

  /** Adds every sum of {@code other} into this one and returns this; the order never matters. */
  public ExactSum merge(ExactSum other) {
    if (other.size != size) {
      throw new IllegalArgumentException("cannot merge sums of " + size + " and " + other.size);
    }
    if (other.nonFinite != null) {
      for (int i = 0; i < size; i++) {
        if (other.nonFinite[i]) {
          markNonFinite(i);
        }
      }
    }
    if (other.high == null) {
      return this;
    }
    allocate();
    for (int i = 0; i < size; i++) {
      add128(i, other.high[i], other.low[i]);
    }
    if (other.wraps != null) {
      for (int i = 0; i < size; i++) {
        addWraps(i, other.wraps[i]);
      }
    }
    return this;
  }

  /** The sums as doubles (deterministic, within about an ulp); NaN where non-finite. */
  public double[] toDoubles() {
    return toDoubles(0, size);
  }

  /** Sums {@code from .. to - 1} as doubles. */
  public double[] toDoubles(int from, int to) {
    double[] out = new double[to - from];
    for (int i = from; i < to; i++) {
      out[i - from] = get(i);
    }
    return out;
  }

  /** Sum {@code index} as a double; NaN when non-finite. */
  public double get(int index) {
    if (!isFinite(index)) {
      return Double.NaN;
    }
    return high == null ? 0 : toDouble(high[index], low[index]);
  }

  private void markNonFinite(int index) {
    if (nonFinite == null) {
      nonFinite = new boolean[size];
    }
    nonFinite[index] = true;
  }

  private void allocate() {
    if (high == null) {
      high = new long[size];
      low = new long[size];
    }
  }

  private void addOne(int index, double value) {
    if (value == 0) {
      return;
    }
    if (!Double.isFinite(value)) {
      markNonFinite(index);
      return;
    }
    long bits = Double.doubleToRawLongBits(value);
    int exponent = (int) ((bits >>> 52) & 0x7FF);
    long mantissa = bits & 0x000F_FFFF_FFFF_FFFFL;
    if (exponent == 0) {
      exponent = 1; // subnormal
    } else {
      mantissa |= 1L << 52;
    }
    // value = mantissa * 2^(exponent - 1075); on the grid: mantissa * 2^(exponent - 1075 + 64).
    int shift = exponent - 1011;
    long hi;
    long lo;
    if (shift > MAX_SHIFT) {
      markNonFinite(index);
      return;
    } else if (shift >= 64) {
      hi = mantissa << (shift - 64);
      lo = 0;
    } else if (shift > 0) {
      hi = mantissa >>> (64 - shift);
      lo = mantissa << shift;
    } else if (shift > -64) {
      hi = 0;
      lo = mantissa >>> -shift; // truncation toward zero: deterministic, error < 2^-64
    } else {
      return;
    }
    if (bits < 0) {
      lo = -lo;
      hi = ~hi + (lo == 0 ? 1 : 0);
    }
    add128(index, hi, lo);
  }

  private void add128(int index, long hi, long lo) {
    long sumLow = low[index] + lo;
    long carry = Long.compareUnsigned(sumLow, lo) < 0 ? 1 : 0;
    low[index] = sumLow;
    // high + hi + carry, keeping the bits that fall off the signed 64-bit high word.
    long h = high[index];
    long partial = h + hi;
    long wrap = 0;
    if (((h ^ partial) & (hi ^ partial)) < 0) {
      wrap = h < 0 ? -1 : 1;
    }
    long sumHigh = partial + carry;
    if (carry != 0 && sumHigh == Long.MIN_VALUE) {
      wrap++;
    }
    high[index] = sumHigh;
    addWraps(index, wrap);
  }

  private void addWraps(int index, long wrap) {
    if (wrap != 0) {
      if (wraps == null) {
        wraps = new long[size];
      }
      wraps[index] += wrap;
    }
  }

  private static double toDouble(long hi, long lo) {
    boolean negative = hi < 0;
    if (negative) {
      lo = -lo;
      hi = ~hi + (lo == 0 ? 1 : 0);
    }
    double magnitude = hi + unsignedToDouble(lo) * TWO_POW_MINUS_64;
    return negative ? -magnitude : magnitude;
  }

  private static double unsignedToDouble(long v) {
    double d = (double) (v >>> 1) * 2.0;
    return d + (v & 1L);
  }
}
