package dev.sparksvm.ml;

import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Preprocessing;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseMatrix;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A linear classifier trained by {@link LinearClassifier}: C scores {@code W z + b} of the
 * preprocessed features {@code z = (x - mean) * scale} (the preprocessing of the training rows),
 * the predicted class the highest.
 *
 * <p>{@code transform} adds {@code rawPredictionCol} (the C scores) and {@code predictionCol}, and
 * for a softmax model {@code probabilityCol} (the softmax of the scores). An SVM's scores are
 * margins, not log-probabilities, so an SVM model adds no probability column (its {@code
 * probabilityCol} is ignored) and refuses {@code thresholds}, which act on probabilities.
 *
 * <p>{@link #coefficientMatrix()} and {@link #interceptVector()} are the same scores in the
 * original feature space, the preprocessing folded back: {@code scores = coefficientMatrix x +
 * interceptVector}. Saved and loaded in spark.ml's layout (metadata JSON and Parquet data), so
 * {@code PipelineModel.load} restores a pipeline holding one.
 */
public final class LinearClassificationModel
    extends ProbabilisticClassificationModel<Vector, LinearClassificationModel>
    implements LinearClassifierParams, MLWritable {
  private static final long serialVersionUID = 1L;

  private String uid; // no initializer: set during super() (see PendingUid)
  private final LinearParams params;
  private final Weights weights;
  private final Preprocessing preprocessing;
  private final StandardizedWeights scorer;
  private final String trainedLoss;
  private transient LinearClassificationSummary summary;

  LinearClassificationModel(
      String uid,
      Weights weights,
      Preprocessing preprocessing,
      String loss,
      LinearClassificationSummary summary) {
    this(PendingUid.hold(uid), weights, preprocessing, loss, summary);
  }

  @SuppressWarnings("UnusedVariable") // the token only selects this constructor
  private LinearClassificationModel(
      PendingUid.Token token,
      Weights weights,
      Preprocessing preprocessing,
      String loss,
      LinearClassificationSummary summary) {
    uid(); // takes the parked uid if spark.ml's constructors did not
    this.params = new LinearParams(this);
    params.setDefaults(this);
    this.scorer = new StandardizedWeights(weights, preprocessing);
    this.weights = weights;
    this.preprocessing = preprocessing;
    this.trainedLoss = loss;
    this.summary = summary;
    set(params.loss, loss);
  }

  /** W in the preprocessed space, as trained (the command line hashes it). */
  Weights weights() {
    return weights;
  }

  @Override
  public String uid() {
    if (uid == null) {
      uid = PendingUid.take("linearClassifier");
    }
    return uid;
  }

  @Override
  public int numClasses() {
    return weights.classes();
  }

  @Override
  public int numFeatures() {
    return weights.features() - 1;
  }

  /** The loss the model was trained with: {@code svm} or {@code softmax}. */
  public String trainedLoss() {
    return trainedLoss;
  }

  /** Whether {@code transform} adds probabilities (a softmax model). */
  public boolean hasProbabilities() {
    return LinearParams.SOFTMAX.equals(trainedLoss);
  }

  /**
   * The C x numFeatures coefficients in the original feature space: row c is class c's weights of
   * the raw features, {@code W[c][j] * scale[j]} (a constant feature's is 0).
   */
  public Matrix coefficientMatrix() {
    return new DenseMatrix(numClasses(), numFeatures(), scorer.coefficients(), true);
  }

  /**
   * The C intercepts in the original feature space: {@code W[c][D] - sum_j W[c][j] scale[j]
   * mean[j]}.
   */
  public Vector interceptVector() {
    return Vectors.dense(scorer.intercepts());
  }

  /** Whether this model came from a fit (a loaded one has no summary). */
  public boolean hasSummary() {
    return summary != null;
  }

  /**
   * What the fit did: objective per step, validation curve, cached bytes per row, time.
   *
   * @throws IllegalStateException for a model without one (loaded from disk)
   */
  public LinearClassificationSummary summary() {
    if (summary == null) {
      throw new IllegalStateException(
          "no training summary for " + uid() + ": only a model from a fit has one");
    }
    return summary;
  }

  @Override
  public Vector predictRaw(Vector features) {
    if (features.size() != numFeatures()) {
      throw new IllegalArgumentException(
          "a row of " + features.size() + " features for a model of " + numFeatures());
    }
    return Vectors.dense(scorer.scores(features.toArray()));
  }

  /** The softmax of the scores, in place; an SVM model has no probabilities. */
  @Override
  public Vector raw2probabilityInPlace(Vector rawPrediction) {
    if (!hasProbabilities()) {
      throw new UnsupportedOperationException(
          "an svm model's scores are margins, not log-probabilities: it has no probabilities");
    }
    DenseVector dense = rawPrediction instanceof DenseVector d ? d : rawPrediction.toDense();
    StandardizedWeights.softmaxInPlace(dense.values());
    return dense;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    return withoutProbabilities() ? svmCopy().transform(dataset) : super.transform(dataset);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return withoutProbabilities()
        ? svmCopy().transformSchema(schema)
        : super.transformSchema(schema);
  }

  /** An SVM model asked for probabilities: it answers without them (or refuses thresholds). */
  private boolean withoutProbabilities() {
    if (hasProbabilities()) {
      return false;
    }
    if (isDefined(thresholds())) {
      throw new IllegalArgumentException(
          "thresholds act on probabilities, and an svm model has none: use loss softmax");
    }
    return !getProbabilityCol().isEmpty();
  }

  private LinearClassificationModel svmCopy() {
    return copy(ParamMap.empty().put(probabilityCol(), ""));
  }

  @Override
  public LinearClassificationModel copy(ParamMap extra) {
    LinearClassificationModel copy =
        copyValues(
            new LinearClassificationModel(uid(), weights, preprocessing, trainedLoss, summary),
            extra);
    return copy.setParent(parent());
  }

  /**
   * spark.ml's own, unchanged. Declared here only because javac sees the Scala superclasses' two
   * declarations (Tuple3 of a ClassificationModel, of a ProbabilisticClassificationModel) as
   * clashing; the raw type is the one that overrides both.
   */
  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public scala.Tuple3 findSummaryModel() {
    return super.findSummaryModel();
  }

  @Override
  public MLWriter write() {
    return new ModelWriter(this, weights, preprocessing, trainedLoss);
  }

  /** The reader {@code PipelineModel.load} and {@link #load} use. */
  public static MLReader<LinearClassificationModel> read() {
    return new ModelReader<>(
        LinearClassificationModel.class.getName(),
        (uid, w, pre, loss) -> new LinearClassificationModel(uid, w, pre, loss, null));
  }

  /** A model saved by {@code write().save(path)}, from any Hadoop file system. */
  public static LinearClassificationModel load(String path) {
    return read().load(path);
  }

  @Override
  public String toString() {
    return "LinearClassificationModel: uid="
        + uid()
        + ", loss="
        + trainedLoss
        + ", numClasses="
        + numClasses()
        + ", numFeatures="
        + numFeatures();
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
