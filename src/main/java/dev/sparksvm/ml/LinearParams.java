package dev.sparksvm.ml;

import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;

/**
 * The {@link LinearClassifierParams} of one owner (an estimator or a model), with their docs,
 * validators and defaults in one place. spark.ml finds params by reflection on the owner's public
 * methods, and a param belongs to the owner whose uid it was made with, so each owner makes its own
 * set (after its uid is known) and returns these from its accessors.
 */
final class LinearParams implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** The losses. */
  static final String SVM = "svm";

  static final String SOFTMAX = "softmax";

  /** Defaults, chosen as README's "Choosing the defaults of the estimator" says. */
  static final String DEFAULT_LOSS = SOFTMAX;

  static final double DEFAULT_REG_PARAM = 0.0;
  static final int DEFAULT_MAX_ITER = 800;
  static final int DEFAULT_BATCH_SIZE = 1024;
  static final double DEFAULT_DECAY = 0.95;
  static final double DEFAULT_INIT_SCALE = 1e-5;
  static final String DEFAULT_PRECISION = "float";

  /**
   * With no stepSize set, the fraction of the sweep's best one-step size that training takes: all
   * of it. {@code train --lr auto} halves it for raw pixels; on standardized Fashion-MNIST the
   * halved step scored 0.5 (softmax) and 1.3 (svm) points below the best of a stepSize grid on
   * held-out images, the whole step 0.2 and 0.5 below, and on CIFAR-10 the whole step lies in the
   * flat band of its grid as the half did (README, "Choosing the defaults of the estimator").
   */
  static final double SWEPT_STEP_FRACTION = 1.0;

  /** {@code LinearClassifier}'s name, whose hash is the default seed (named, not referenced). */
  static final String ESTIMATOR_CLASS = "dev.sparksvm.ml.LinearClassifier";

  final Param<String> loss;
  final DoubleParam regParam;
  final DoubleParam stepSize;
  final IntParam maxIter;
  final IntParam batchSize;
  final DoubleParam learningRateDecay;
  final DoubleParam initScale;
  final LongParam seed;
  final BooleanParam standardization;
  final Param<String> precision;
  final Param<String> validationIndicatorCol;

  LinearParams(Params owner) {
    loss =
        new Param<>(
            owner,
            "loss",
            "the data loss: svm (multiclass hinge, margin 1) or softmax (cross-entropy)",
            ParamValidators.inArray(new String[] {SVM, SOFTMAX}));
    regParam =
        new DoubleParam(
            owner,
            "regParam",
            "L2 strength (>= 0): penalty regParam / 2 * |W|^2 on the standardized W, bias included",
            ParamValidators.gtEq(0));
    stepSize =
        new DoubleParam(
            owner,
            "stepSize",
            "first step size of gradient descent (> 0); unset: chosen by a step-size sweep",
            ParamValidators.gt(0));
    maxIter =
        new IntParam(
            owner, "maxIter", "gradient-descent steps (>= 1), one Spark job each", gtEq(1));
    batchSize =
        new IntParam(
            owner,
            "batchSize",
            "rows in each step's mini-batch (>= 1; more than the training rows: all of them)",
            gtEq(1));
    learningRateDecay =
        new DoubleParam(
            owner,
            "learningRateDecay",
            "factor the step size is multiplied by after each epoch, in (0, 1]",
            ParamValidators.inRange(0, 1, false, true));
    initScale =
        new DoubleParam(
            owner,
            "initScale",
            "standard deviation of the Gaussian initial W (>= 0)",
            ParamValidators.gtEq(0));
    seed = new LongParam(owner, "seed", "seed of the initial W and of every mini-batch");
    standardization =
        new BooleanParam(
            owner,
            "standardization",
            "scale features to standard deviation 1 after subtracting the mean (false: subtract"
                + " the mean only); the model's coefficients are in the original space either way");
    precision =
        new Param<>(
            owner,
            "precision",
            "float: rows cached in 4 bytes a feature and the gradient's GEMMs in single precision;"
                + " double: 8 bytes and double GEMMs (W and every sum stay double either way)",
            ParamValidators.inArray(new String[] {"float", "double"}));
    validationIndicatorCol =
        new Param<>(
            owner,
            "validationIndicatorCol",
            "name of a boolean column whose true rows are held out: validation accuracy is"
                + " measured on them and the W with the best is kept");
  }

  /** Sets the defaults on {@code owner}, which made these params. */
  void setDefaults(Params owner) {
    owner.setDefault(loss, DEFAULT_LOSS);
    owner.setDefault(regParam, DEFAULT_REG_PARAM);
    owner.setDefault(maxIter, DEFAULT_MAX_ITER);
    owner.setDefault(batchSize, DEFAULT_BATCH_SIZE);
    owner.setDefault(learningRateDecay, DEFAULT_DECAY);
    owner.setDefault(initScale, DEFAULT_INIT_SCALE);
    // As spark.ml's estimators default theirs: the hash of the estimator's class name.
    owner.setDefault(seed, (long) ESTIMATOR_CLASS.hashCode());
    owner.setDefault(standardization, true);
    owner.setDefault(precision, DEFAULT_PRECISION);
  }

  private static scala.Function1<Object, Object> gtEq(double bound) {
    return ParamValidators.gtEq(bound);
  }
}
