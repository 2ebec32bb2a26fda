package dev.sparksvm.ml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A multiclass linear SVM or softmax classifier trained by distributed mini-batch gradient descent,
 * as a spark.ml {@code ProbabilisticClassifier}: the command line's training run behind spark.ml's
 * API. A fit reads the {@code featuresCol} vectors and {@code labelCol} class indices 0..C-1 once
 * into cached compact blocks (float by default, 4 bytes a feature), with their mean and standard
 * deviation; then each step the driver broadcasts W, every partition samples its share of the
 * mini-batch and computes loss and gradient with two GEMMs, the driver adds the sums in partition
 * order and takes {@code W -= stepSize * gradient}: one Spark job per step, the same bits for the
 * same seed and partitions.
 *
 * <p>Params beyond spark.ml's column params (defaults in brackets): {@code loss} ["softmax"] or
 * "svm"; {@code regParam} [0.0], penalty {@code regParam / 2 * |W|^2}; {@code stepSize} [unset:
 * chosen by a step-size sweep from the initial W]; {@code maxIter} [800] steps; {@code batchSize}
 * [1024] rows a step; {@code learningRateDecay} [0.95] per epoch; {@code initScale} [1e-5]; {@code
 * seed}; {@code standardization} [true]; {@code precision} ["float"] or "double"; {@code
 * validationIndicatorCol} [unset]: its true rows are held out, their accuracy measured about 20
 * times in a run, and the W with the best is kept. An svm model has no probabilities (see {@link
 * LinearClassificationModel}).
 *
 * <p>{@link #fitMultiple} trains param maps that differ only in {@code stepSize} and {@code
 * regParam} side by side, one job per step for all; {@link #tune} does that and scores each model
 * on held-out rows with an evaluator.
 */
public final class LinearClassifier
    extends ProbabilisticClassifier<Vector, LinearClassifier, LinearClassificationModel>
    implements LinearClassifierParams, DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  /** The fraction of rows {@link #tune} trains on when no validation indicator column is set. */
  public static final double TUNE_TRAIN_FRACTION = Tuning.TRAIN_FRACTION;

  private String uid; // no initializer: set during super() (see PendingUid)
  private final LinearParams params;

  /** An estimator with a fresh uid and the default params. */
  public LinearClassifier() {
    this(org.apache.spark.ml.util.Identifiable$.MODULE$.randomUID("linearClassifier"));
  }

  /** An estimator with the given uid (spark.ml's readers and copies make them so). */
  public LinearClassifier(String uid) {
    this(PendingUid.hold(uid));
  }

  @SuppressWarnings("UnusedVariable") // the token only selects this constructor
  private LinearClassifier(PendingUid.Token token) {
    uid(); // takes the parked uid if spark.ml's constructors did not
    this.params = new LinearParams(this);
    params.setDefaults(this);
  }

  @Override
  public String uid() {
    if (uid == null) {
      uid = PendingUid.take("linearClassifier");
    }
    return uid;
  }

  @Override
  public LinearClassificationModel train(Dataset<?> dataset) {
    try (FrameFit fit = new FrameFit(dataset)) {
      return fit.fit(List.of(settings()), List.of(uid()))[0];
    }
  }

  /**
   * One model per param map, in order, as {@code fit(dataset, paramMaps[k])} would give: the rows
   * are read once, and the maps that differ only in {@code stepSize} and {@code regParam} (or in
   * output columns) are trained side by side, one Spark job per step for all of them; model k is
   * bit for bit the model of map k fitted alone. Others are fitted one after another on the same
   * cached rows. (PySpark's {@code fitMultiple}, as an array.)
   */
  public LinearClassificationModel[] fitMultiple(Dataset<?> dataset, ParamMap[] paramMaps) {
    List<LinearClassifier> estimators = new ArrayList<>();
    for (ParamMap map : paramMaps) {
      LinearClassifier estimator = copy(map);
      estimator.transformSchema(dataset.schema());
      estimators.add(estimator);
    }
    LinearClassificationModel[] models;
    try (FrameFit fit = new FrameFit(dataset)) {
      models =
          fit.fit(
              estimators.stream().map(LinearClassifier::settings).toList(),
              estimators.stream().map(LinearClassifier::uid).toList());
    }
    for (int k = 0; k < models.length; k++) {
      LinearClassifier estimator = estimators.get(k);
      models[k] = estimator.copyValues(models[k].setParent(estimator), ParamMap.empty());
    }
    return models;
  }

  /** spark.ml's multi-model fit, through {@link #fitMultiple}. */
  @Override
  public scala.collection.immutable.Seq<LinearClassificationModel> fit(
      Dataset<?> dataset, scala.collection.immutable.Seq<ParamMap> paramMaps) {
    ParamMap[] maps = CollectionConverters.asJava(paramMaps).toArray(new ParamMap[0]);
    return CollectionConverters.asScala(Arrays.asList(fitMultiple(dataset, maps))).toSeq();
  }

  /**
   * Trains one model per param map on the training rows ({@link #fitMultiple}: side by side where
   * they differ only in step size and regularization) and scores each on the validation rows with
   * {@code evaluator}: the rows of {@code validationIndicatorCol} when it is set, else a seeded
   * {@value #TUNE_TRAIN_FRACTION} / rest random split. For Java and Scala callers whose {@code
   * CrossValidator} would fit each map apart.
   */
  public TuningResult tune(Dataset<?> dataset, ParamMap[] paramMaps, Evaluator evaluator) {
    return Tuning.run(
        dataset, paramMaps, evaluator, getValidationIndicatorCol(), getSeed(), this::fitMultiple);
  }

  /** What a fit with these params trains with. */
  private FitSettings settings() {
    return FitSettings.of(this, getFeaturesCol(), getLabelCol());
  }

  /** An svm has no probability column (and takes no thresholds): its schema says so too. */
  @Override
  public StructType transformSchema(StructType schema) {
    if (LinearParams.SVM.equals(getLoss())) {
      if (isDefined(thresholds())) {
        throw new IllegalArgumentException(
            "thresholds act on probabilities, and an svm model has none: use loss softmax");
      }
      if (!getProbabilityCol().isEmpty()) {
        return copy(ParamMap.empty().put(probabilityCol(), "")).transformSchema(schema);
      }
    }
    return super.transformSchema(schema);
  }

  @Override
  public LinearClassifier copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  /** The reader {@code Pipeline.load} and {@link #load} use. */
  public static MLReader<LinearClassifier> read() {
    return new DefaultParamsReader<>();
  }

  /** An estimator saved by {@code write().save(path)}. */
  public static LinearClassifier load(String path) {
    return read().load(path);
  }

  public LinearClassifier setLoss(String value) {
    return (LinearClassifier) set(params.loss, value);
  }

  public LinearClassifier setRegParam(double value) {
    return (LinearClassifier) set(params.regParam, value);
  }

  public LinearClassifier setStepSize(double value) {
    return (LinearClassifier) set(params.stepSize, value);
  }

  public LinearClassifier setMaxIter(int value) {
    return (LinearClassifier) set(params.maxIter, value);
  }

  public LinearClassifier setBatchSize(int value) {
    return (LinearClassifier) set(params.batchSize, value);
  }

  public LinearClassifier setLearningRateDecay(double value) {
    return (LinearClassifier) set(params.learningRateDecay, value);
  }

  public LinearClassifier setInitScale(double value) {
    return (LinearClassifier) set(params.initScale, value);
  }

  public LinearClassifier setSeed(long value) {
    return (LinearClassifier) set(params.seed, value);
  }

  public LinearClassifier setStandardization(boolean value) {
    return (LinearClassifier) set(params.standardization, value);
  }

  public LinearClassifier setPrecision(String value) {
    return (LinearClassifier) set(params.precision, value);
  }

  public LinearClassifier setValidationIndicatorCol(String value) {
    return (LinearClassifier) set(params.validationIndicatorCol, value);
  }

  @Override
  public Param<String> loss() {
    return params.loss;
  }

  @Override
  public DoubleParam regParam() {
    return params.regParam;
  }

  @Override
  public DoubleParam stepSize() {
    return params.stepSize;
  }

  @Override
  public IntParam maxIter() {
    return params.maxIter;
  }

  @Override
  public IntParam batchSize() {
    return params.batchSize;
  }

  @Override
  public DoubleParam learningRateDecay() {
    return params.learningRateDecay;
  }

  @Override
  public DoubleParam initScale() {
    return params.initScale;
  }

  @Override
  public LongParam seed() {
    return params.seed;
  }

  @Override
  public BooleanParam standardization() {
    return params.standardization;
  }

  @Override
  public Param<String> precision() {
    return params.precision;
  }

  @Override
  public Param<String> validationIndicatorCol() {
    return params.validationIndicatorCol;
  }
}
