package dev.sparksvm.core;

import java.io.Serializable;

/**
 * A data loss that works in score space only: given the scores of a batch and the true labels it
 * returns the summed loss and writes dL/dscores. The chain rule to dL/dW is {@link LinearBatch}'s
 * job.
 *
 * <p>We minimise: the loss is {@code >= 0} and the gradient points uphill; an optimizer subtracts
 * it. Implementations are stateless and serializable (they travel to executors inside tasks).
 */
public interface Loss extends Serializable {

  /**
   * Loss and score gradient of a batch.
   *
   * @param scores row-major {@code rows x classes}: {@code scores[i * classes + c]} is the score of
   *     class c for example i
   * @param labels true class of each example, {@code 0 <= labels[i] < classes}
   * @param rows number of examples (the arrays may be longer)
   * @param classes number of classes
   * @param dScores output, same layout as {@code scores}: overwritten with dL_i/dscores for every
   *     row
   * @return the loss summed over the {@code rows} examples (not averaged)
   */
  double lossAndGradient(double[] scores, int[] labels, int rows, int classes, double[] dScores);

  /** The summed loss alone; the default computes and drops the gradient. */
  default double loss(double[] scores, int[] labels, int rows, int classes) {
    return lossAndGradient(scores, labels, rows, classes, new double[rows * classes]);
  }

  /** The name used on the command line and in model files ({@code svm}, {@code softmax}). */
  String name();
}
