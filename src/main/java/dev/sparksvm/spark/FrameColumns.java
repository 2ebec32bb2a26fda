package dev.sparksvm.spark;

import java.util.List;

/**
 * Which columns of a DataFrame a {@link FrameLoader} reads: the label, the features either as one
 * {@code ml.linalg.Vector} column (dense or sparse) or as a list of numeric columns, and optionally
 * a boolean column whose true rows are held out for validation.
 *
 * @param label a numeric column of class indices 0..C-1
 * @param vector the vector column, or null when {@code numeric} is given
 * @param numeric numeric feature columns in order, or null when {@code vector} is given
 * @param validation a boolean column marking the validation rows, or null for none
 */
public record FrameColumns(String label, String vector, List<String> numeric, String validation) {

  public FrameColumns {
    if (label == null || label.isEmpty()) {
      throw new IllegalArgumentException("a label column is needed");
    }
    if ((vector == null) == (numeric == null)) {
      throw new IllegalArgumentException("the features are one vector column or numeric columns");
    }
    if (numeric != null) {
      if (numeric.isEmpty()) {
        throw new IllegalArgumentException("at least one numeric feature column is needed");
      }
      numeric = List.copyOf(numeric);
    }
    if (validation != null && validation.isEmpty()) {
      validation = null;
    }
  }

  /** A label column and a vector column of features. */
  public static FrameColumns vector(String label, String features) {
    return new FrameColumns(label, features, null, null);
  }

  /** A label column and numeric feature columns, in order. */
  public static FrameColumns numeric(String label, List<String> features) {
    return new FrameColumns(label, null, features, null);
  }

  /** The same columns with {@code indicator}'s true rows held out for validation. */
  public FrameColumns withValidation(String indicator) {
    return new FrameColumns(label, vector, numeric, indicator);
  }

  /** The feature columns, as named in messages. */
  String featuresName() {
    return vector != null ? "'" + vector + "'" : numeric.size() + " numeric columns";
  }
}
