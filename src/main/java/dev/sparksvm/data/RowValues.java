package dev.sparksvm.data;

/**
 * The checks a DataFrame row's values pass on their way into a {@link VectorBlock}: a label must be
 * a class index, a feature a finite number (that a float can hold, when kept as floats). Each
 * refusal is an {@link InvalidDataException} naming the value; the caller adds where the row came
 * from.
 */
public final class RowValues {
  private RowValues() {}

  /**
   * The class index a label value stands for: a whole number in {@code 0 .. 2^31 - 2}; NaN,
   * negative and fractional values are refused, naming the value.
   */
  public static int classIndex(double label) {
    if (!(label >= 0) || label != Math.rint(label) || label >= Integer.MAX_VALUE) {
      throw new InvalidDataException(
          "label "
              + label
              + " is not a class index: labels must be whole numbers 0, 1, ..., C - 1"
              + " (StringIndexer turns other labels into such indices)");
    }
    return (int) label;
  }

  /**
   * Feature {@code feature}'s {@code value}, refused unless finite (and a float's, when kept so).
   */
  static double feature(int feature, double value, boolean floats) {
    if (!Double.isFinite(value)) {
      throw new InvalidDataException(
          "feature "
              + feature
              + " is "
              + value
              + ": features must be finite numbers (impute or drop such rows first)");
    }
    if (floats && Float.isInfinite((float) value)) {
      throw new InvalidDataException(
          "feature "
              + feature
              + " is "
              + value
              + ", beyond the range of a float: keep the values as doubles (precision double)");
    }
    return value;
  }
}
