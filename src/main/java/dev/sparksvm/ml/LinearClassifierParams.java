package dev.sparksvm.ml;

import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The params {@link LinearClassifier} and {@link LinearClassificationModel} share, beside
 * spark.ml's own column params ({@code featuresCol}, {@code labelCol}, {@code predictionCol},
 * {@code rawPredictionCol}, {@code probabilityCol}, {@code thresholds}). The defaults and what each
 * param means are in {@link LinearClassifier}; a model carries the values it was trained with.
 */
public interface LinearClassifierParams extends Params {

  /** The data loss: {@code "svm"} (multiclass hinge) or {@code "softmax"} (cross-entropy). */
  Param<String> loss();

  /** L2 strength: the penalty is {@code regParam / 2 * |W|^2}, as in spark.ml's classifiers. */
  DoubleParam regParam();

  /** The first step size of gradient descent; unset, chosen by a step-size sweep. */
  DoubleParam stepSize();

  /** Gradient-descent steps, each one Spark job over a mini-batch. */
  IntParam maxIter();

  /** Rows in each step's mini-batch, across all partitions. */
  IntParam batchSize();

  /** The factor the step size is multiplied by after each epoch, in (0, 1]. */
  DoubleParam learningRateDecay();

  /** Standard deviation of the Gaussian initial W. */
  DoubleParam initScale();

  /** Seed of the initial W and of every mini-batch. */
  LongParam seed();

  /** Standardize features to mean 0 and standard deviation 1 (else subtract the mean only). */
  BooleanParam standardization();

  /** How rows are cached and the gradient's GEMMs run: {@code "float"} or {@code "double"}. */
  Param<String> precision();

  /** A boolean column: its true rows are held out for validation and keep-best. */
  Param<String> validationIndicatorCol();

  default String getLoss() {
    return getOrDefault(loss());
  }

  default double getRegParam() {
    return (Double) getOrDefault(regParam());
  }

  /** The step size set, or NaN when none is (it is then chosen by a step-size sweep). */
  default double getStepSize() {
    return isDefined(stepSize()) ? (Double) getOrDefault(stepSize()) : Double.NaN;
  }

  default int getMaxIter() {
    return (Integer) getOrDefault(maxIter());
  }

  default int getBatchSize() {
    return (Integer) getOrDefault(batchSize());
  }

  default double getLearningRateDecay() {
    return (Double) getOrDefault(learningRateDecay());
  }

  default double getInitScale() {
    return (Double) getOrDefault(initScale());
  }

  default long getSeed() {
    return (Long) getOrDefault(seed());
  }

  default boolean getStandardization() {
    return (Boolean) getOrDefault(standardization());
  }

  default String getPrecision() {
    return getOrDefault(precision());
  }

  /** The validation indicator column, or "" when none is set. */
  default String getValidationIndicatorCol() {
    return isDefined(validationIndicatorCol()) ? getOrDefault(validationIndicatorCol()) : "";
  }
}
