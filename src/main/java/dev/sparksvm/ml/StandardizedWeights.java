package dev.sparksvm.ml;

import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Preprocessing;
import java.io.Serializable;
import java.util.Arrays;

/**
 * A trained W with the preprocessing of its training rows: scores of a raw row, and the same scores
 * folded back into the raw feature space. With {@code z_j = (x_j - mean_j) * scale_j} (scale 1
 * without standardization), class c's score is {@code sum_j W[c][j] z_j + W[c][D]} = {@code sum_j
 * (W[c][j] scale_j) x_j + (W[c][D] - sum_j W[c][j] scale_j mean_j)}: coefficients {@code W[c][j]
 * scale_j} and intercept {@code W[c][D] - sum_j W[c][j] scale_j mean_j}. No Spark.
 */
final class StandardizedWeights implements Serializable {
  private static final long serialVersionUID = 1L;
  private final Weights weights;
  private final double[] mean;
  private final double[] scale;

  StandardizedWeights(Weights weights, Preprocessing preprocessing) {
    if (preprocessing.features() != weights.features() - 1) {
      throw new IllegalArgumentException(
          "a preprocessing of " + preprocessing.features() + " features for W of " + weights);
    }
    this.weights = weights;
    this.mean = preprocessing.mean();
    if (preprocessing.scaled()) {
      this.scale = preprocessing.scale();
    } else {
      this.scale = new double[mean.length];
      Arrays.fill(scale, 1.0);
    }
  }

  int classes() {
    return weights.classes();
  }

  /** Features D of a raw row (the bias not included). */
  int features() {
    return mean.length;
  }

  /** The C scores of raw row {@code x}, through the preprocessing, as training saw the rows. */
  double[] scores(double[] x) {
    int d = mean.length;
    int classes = weights.classes();
    double[] w = weights.values();
    double[] scores = new double[classes];
    for (int c = 0; c < classes; c++) {
      scores[c] = w[c * (d + 1) + d];
    }
    // Feature by feature: each class's sum adds its terms in feature order after its bias, as a
    // class-by-class loop does (the same bits), but the C sums are independent chains the CPU runs
    // side by side, not one chain of dependent additions (docs/PERFORMANCE.md, "Scoring a row").
    for (int j = 0; j < d; j++) {
      double z = (x[j] - mean[j]) * scale[j];
      for (int c = 0, at = j; c < classes; c++, at += d + 1) {
        scores[c] += w[at] * z;
      }
    }
    return scores;
  }

  /** The C x D coefficients of the raw features, row-major. */
  double[] coefficients() {
    int d = mean.length;
    double[] w = weights.values();
    double[] out = new double[weights.classes() * d];
    for (int c = 0; c < weights.classes(); c++) {
      for (int j = 0; j < d; j++) {
        out[c * d + j] = w[c * (d + 1) + j] * scale[j];
      }
    }
    return out;
  }

  /** The C intercepts of the raw features. */
  double[] intercepts() {
    int d = mean.length;
    double[] w = weights.values();
    double[] out = new double[weights.classes()];
    for (int c = 0; c < out.length; c++) {
      double shift = 0;
      for (int j = 0; j < d; j++) {
        shift += w[c * (d + 1) + j] * scale[j] * mean[j];
      }
      out[c] = w[c * (d + 1) + d] - shift;
    }
    return out;
  }

  /** Scores into probabilities, in place: {@code exp(s_c - max) / sum}, stable for any scores. */
  static void softmaxInPlace(double[] scores) {
    double max = Double.NEGATIVE_INFINITY;
    for (double s : scores) {
      max = Math.max(max, s);
    }
    double sum = 0;
    for (int c = 0; c < scores.length; c++) {
      scores[c] = Math.exp(scores[c] - max);
      sum += scores[c];
    }
    for (int c = 0; c < scores.length; c++) {
      scores[c] /= sum;
    }
  }
}
