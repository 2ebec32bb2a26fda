package dev.sparksvm.data;

import java.io.Serializable;

/**
 * What is done to each feature as a cached row is copied into a batch: {@code x_j -> (x_j - mean_j)
 * * scale_j}, or {@code x_j - mean_j} without a scale (CS231n's mean subtraction, what the image
 * path does). A scale of 0 sends a feature to 0 (a constant feature under standardization, as
 * spark.ml does). The bias feature 1 is appended after the last feature either way. Broadcast once
 * per objective; never changed.
 *
 * @param mean the value subtracted from each feature, one per feature (bias excluded)
 * @param scale the factor each difference is multiplied by (e.g. 1 / std), or null for none
 */
public record Preprocessing(double[] mean, double[] scale) implements Serializable {

  public Preprocessing {
    if (mean == null) {
      throw new IllegalArgumentException("preprocessing needs a mean");
    }
    if (scale != null && scale.length != mean.length) {
      throw new IllegalArgumentException(
          "a scale of " + scale.length + " values for a mean of " + mean.length);
    }
  }

  /** Mean subtraction only. */
  public static Preprocessing centring(double[] mean) {
    return new Preprocessing(mean, null);
  }

  /** Features D it applies to (bias excluded). */
  public int features() {
    return mean.length;
  }

  /** Whether the differences are scaled. */
  public boolean scaled() {
    return scale != null;
  }
}
