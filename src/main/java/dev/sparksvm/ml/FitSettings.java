package dev.sparksvm.ml;

import dev.sparksvm.core.Precision;
import dev.sparksvm.options.LossKind;

/**
 * What one fit trains with, read from an estimator's params once: the values the training run
 * takes, in its own types.
 *
 * @param loss the data loss
 * @param regParam spark.ml's L2 strength (penalty {@code regParam / 2 * |W|^2})
 * @param stepSize the first step size, NaN for a step-size sweep
 * @param validationCol the validation indicator column, or null
 */
record FitSettings(
    LossKind loss,
    double regParam,
    double stepSize,
    int maxIter,
    int batchSize,
    double decay,
    double initScale,
    long seed,
    boolean standardization,
    Precision precision,
    String featuresCol,
    String labelCol,
    String validationCol) {

  /** The settings of an estimator with these params, reading these columns. */
  static FitSettings of(LinearClassifierParams p, String featuresCol, String labelCol) {
    String validation = p.getValidationIndicatorCol();
    return new FitSettings(
        LossKind.named(p.getLoss()),
        p.getRegParam(),
        p.getStepSize(),
        p.getMaxIter(),
        p.getBatchSize(),
        p.getLearningRateDecay(),
        p.getInitScale(),
        p.getSeed(),
        p.getStandardization(),
        Precision.named(p.getPrecision()),
        featuresCol,
        labelCol,
        validation.isEmpty() ? null : validation);
  }

  /**
   * What models must share to train side by side, one job per step for all: everything but the step
   * size and the regularization (the output columns do not take part in training at all).
   */
  FitSettings stackKey() {
    return new FitSettings(
        loss,
        0,
        0,
        maxIter,
        batchSize,
        decay,
        initScale,
        seed,
        standardization,
        precision,
        featuresCol,
        labelCol,
        validationCol);
  }

  /** What decides the cached rows: fits that agree on it share one load. */
  LoadKey loadKey() {
    return new LoadKey(featuresCol, labelCol, validationCol, precision);
  }

  /** The columns read and how the values are kept. */
  record LoadKey(String featuresCol, String labelCol, String validationCol, Precision precision) {}

  /** Whether the step size is chosen by a sweep. */
  boolean autoStepSize() {
    return Double.isNaN(stepSize);
  }
}
