package dev.sparksvm.ml;

import dev.sparksvm.input.ImageFolder;
import dev.sparksvm.options.FrameInputs;
import dev.sparksvm.options.FrameSource;
import dev.sparksvm.options.InitialRate;
import dev.sparksvm.options.InputFormat;
import dev.sparksvm.options.StoppingOptions;
import dev.sparksvm.options.TrainOptions;
import dev.sparksvm.options.UsageException;
import dev.sparksvm.spark.FrameSources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.OptionalInt;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * {@code train} on a DataFrame source ({@code --format libsvm|parquet|images}): the rows read as
 * spark.ml reads them ({@link FrameSources}) and trained by {@link LinearClassifier}, the command
 * line's options mapped onto its params. {@code --val N} holds out about N rows (a seeded random
 * draw); with {@code --keep best} they choose the W kept, as the estimator's {@code
 * validationIndicatorCol} does. LIBSVM and Parquet rows are standardized (spark.ml's default); an
 * image's pixels are only centred, as on the binary path, so that a step size means the same on
 * both.
 */
public final class CommandLineFit {
  private static final String HELD = "__sparksvm_validation";

  private CommandLineFit() {}

  /**
   * What a fit gave.
   *
   * @param model the model, saved under {@code modelPath}
   * @param validationRows rows held out
   * @param validationAccuracy their accuracy, or null without any
   * @param testAccuracy accuracy on {@code --test}, or null without it
   */
  public record Result(
      LinearClassificationModel model,
      double trainAccuracy,
      long validationRows,
      Double validationAccuracy,
      Double testAccuracy) {
    /** SHA-256 of W (in the preprocessed space), as train's metrics name it. */
    public String weightsSha256() {
      return model.weights().sha256();
    }
  }

  /** Options of {@code train} this path does not take, refused before Spark starts. */
  public static void check(TrainOptions o, FrameSource source) {
    String given = null;
    if (o.checkpoints().resume() != null) {
      given = "--resume";
    } else if (o.stopping().stopAt().isPresent() || o.stopping().patience() > 0) {
      given = "--stop-at and --patience";
    } else if (o.loss().delta() != 1.0) {
      given = "--delta";
    } else if (o.descent().update().hasVelocity()) {
      given = "--update " + o.descent().update().rule();
    }
    if (given != null) {
      throw new UsageException(
          given + " applies to the binary formats only, not --format " + source.format());
    }
  }

  /** Reads, trains and scores; saves the model (spark.ml's layout) to {@code modelPath}. */
  public static Result run(
      JavaSparkContext sc, FrameInputs in, FrameSource source, TrainOptions o, String modelPath) {
    SparkSession spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
    int partitions = o.data().partitions(sc.defaultParallelism());
    Dataset<Row> all = read(spark, source, in.data(), in.folder(), partitions, -1);
    if (in.folder() == null && all.rdd().getNumPartitions() != partitions) {
      all = all.repartition(partitions);
    }
    long held = o.data().validation();
    Dataset<Row> rows = all;
    if (held > 0) {
      sc.setJobDescription("train: count the rows, to hold out --val of them");
      long total = in.folder() != null ? in.folder().images().size() : all.count();
      if (held >= total) {
        throw new UsageException(
            "--val " + held + " leaves no training rows: the data has " + total);
      }
      rows = all.withColumn(HELD, functions.rand(o.data().seed()).lt((double) held / total));
    }
    boolean best = o.stopping().keep() == StoppingOptions.Keep.BEST && held > 0;
    LinearClassifier lc = estimator(o, source);
    Dataset<Row> train = rows;
    if (best) {
      lc.setValidationIndicatorCol(HELD);
    } else if (held > 0) {
      rows = rows.cache();
      train = rows.filter(functions.not(functions.col(HELD)));
    }
    LinearClassificationModel model = lc.fit(train);
    MulticlassClassificationEvaluator accuracy =
        new MulticlassClassificationEvaluator().setMetricName("accuracy");
    sc.setJobDescription("train: accuracies");
    Dataset<Row> trainRows = held > 0 ? rows.filter(functions.not(functions.col(HELD))) : rows;
    double trainAccuracy = accuracy.evaluate(model.transform(trainRows));
    Double validationAccuracy = null;
    long validationRows = 0;
    if (held > 0) {
      Dataset<Row> validation = rows.filter(functions.col(HELD));
      validationRows = validation.count();
      validationAccuracy =
          validationRows == 0 ? null : accuracy.evaluate(model.transform(validation));
    }
    Double testAccuracy = null;
    if (in.test() != null) {
      sc.setJobDescription("train: test accuracy");
      Dataset<Row> test = read(spark, source, in.test(), in.testFolder(), partitions, -1);
      int width = width(test);
      if (source.format() == InputFormat.LIBSVM && width < model.numFeatures()) {
        // A LIBSVM file is as wide as its largest index: a test file's may be smaller.
        test = read(spark, source, in.test(), null, partitions, model.numFeatures());
        width = model.numFeatures();
      }
      FrameSources.requireSameWidth(in.test(), width, model.numFeatures());
      testAccuracy = accuracy.evaluate(model.transform(test));
    }
    rows.unpersist();
    try {
      model.write().save(modelPath);
    } catch (IOException e) {
      throw new UncheckedIOException(modelPath + ": " + e.getMessage(), e);
    }
    return new Result(model, trainAccuracy, validationRows, validationAccuracy, testAccuracy);
  }

  /** The estimator of {@code train}'s options. */
  static LinearClassifier estimator(TrainOptions o, FrameSource source) {
    LinearClassifier lc =
        new LinearClassifier()
            .setLoss(o.loss().loss().label())
            // train's R(W) = reg * |W|^2 is spark.ml's regParam / 2 * |W|^2.
            .setRegParam(2 * o.loss().reg())
            .setMaxIter(Math.toIntExact(o.descent().iterations()))
            .setBatchSize(o.descent().batch())
            .setLearningRateDecay(o.descent().lrDecay())
            .setInitScale(o.descent().initScale())
            .setSeed(o.data().seed())
            .setPrecision(o.descent().precision().label())
            .setStandardization(source.format() != InputFormat.IMAGES);
    if (o.descent().learningRate() instanceof InitialRate.Fixed fixed) {
      lc.setStepSize(fixed.value());
    }
    return lc;
  }

  private static Dataset<Row> read(
      SparkSession spark,
      FrameSource source,
      String path,
      ImageFolder folder,
      int partitions,
      int features) {
    return switch (source.format()) {
      case LIBSVM ->
          FrameSources.libsvm(
              spark, features > 0 ? source.withFeatures(OptionalInt.of(features)) : source, path);
      case PARQUET -> FrameSources.parquet(spark, source, path);
      case IMAGES -> FrameSources.images(spark, folder, partitions);
      default -> throw new IllegalArgumentException(source.format() + " is not a frame source");
    };
  }

  /** The width of the first row's features. */
  private static int width(Dataset<Row> frame) {
    return ((Vector) frame.select(FrameSources.FEATURES).first().get(0)).size();
  }
}
