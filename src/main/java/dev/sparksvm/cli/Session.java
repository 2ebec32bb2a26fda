package dev.sparksvm.cli;

import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Cifar10;
import dev.sparksvm.io.OutputDirectory;
import dev.sparksvm.optim.MiniBatchGradient;
import dev.sparksvm.report.Json;
import dev.sparksvm.spark.CifarFiles;
import dev.sparksvm.spark.CifarLoader;
import dev.sparksvm.spark.DistributedAccuracy;
import dev.sparksvm.spark.ImageData;
import dev.sparksvm.spark.JobCounter;
import dev.sparksvm.spark.RecordSelection;
import dev.sparksvm.spark.SparkContexts;
import dev.sparksvm.spark.SparkObjective;
import dev.sparksvm.spark.TrainingSet;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a strategy command works in: its checked inputs, a Spark context, the cached training and
 * validation images, a job counter and the output directory. Closing it releases them all.
 */
final class Session implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Session.class);
  final CommonOptions options;
  final JavaSparkContext sc;
  final TrainingSet set;
  final JobCounter jobs;
  final OutputDirectory out;
  final boolean synthetic;
  private final CifarFiles testFiles;
  private final boolean ownsContext;

  private Session(CommonOptions options, JavaSparkContext sc, boolean ownsContext, CifarFiles files,
      CifarFiles testFiles, boolean synthetic) {
    this.options = options;
    this.sc = sc;
    this.ownsContext = ownsContext;
    this.testFiles = testFiles;
    this.synthetic = synthetic;
    this.jobs = JobCounter.attach(sc);
    this.out = new OutputDirectory(options.out(), sc.hadoopConfiguration());
    int partitions = options.partitions() > 0 ? options.partitions() : sc.defaultParallelism();
    this.set = TrainingSet.load(sc, files, options.validation(), partitions, options.seed());
    LOG.info("{} training images ({}) in {} partitions, {} validation images",
        set.train().count(), synthetic ? "SYNTHETIC" : "real", partitions, set.validation().count());
  }

  /** Checks the paths (before Spark starts), then starts Spark and loads the data. */
  static Session open(String command, CommonOptions o) {
    Configuration conf = SparkContexts.hadoopConfiguration();
    DataLocation location = DataLocation.resolve(o.data(), o.seed());
    CifarFiles files = CifarFiles.resolve(location.path(), conf, Cifar10.TRAIN_PATTERN);
    CifarFiles test = o.test() == null ? null : CifarFiles.resolve(o.test(), conf, Cifar10.TEST_FILE);
    JavaSparkContext sc = SparkContexts.open("sparksvm " + command, o.master());
    try {
      return new Session(o, sc, true, files, test, location.synthetic());
    } catch (RuntimeException e) {
      sc.close();
      throw e;
    }
  }

  /** A session on an existing context (tests). */
  static Session on(JavaSparkContext sc, CommonOptions o) {
    Configuration conf = sc.hadoopConfiguration();
    DataLocation location = DataLocation.resolve(o.data(), o.seed());
    CifarFiles files = CifarFiles.resolve(location.path(), conf, Cifar10.TRAIN_PATTERN);
    CifarFiles test = o.test() == null ? null : CifarFiles.resolve(o.test(), conf, Cifar10.TEST_FILE);
    return new Session(o, sc, false, files, test, location.synthetic());
  }

  /** The distributed objective over the training images with a batch of {@code batch} (0: all). */
  SparkObjective objective(int batch) {
    long n = set.train().count();
    int b = batch <= 0 ? (int) n : batch;
    if (b > n) {
      throw new UsageException("--batch " + b + " is larger than the training set (" + n
          + " images)");
    }
    MiniBatchGradient math = new MiniBatchGradient(options.lossFunction(), b, options.seed(),
        set.train().partitionSizes());
    return new SparkObjective(sc, set.train(), set.mean(), math, options.regularizer(), 2);
  }

  double validationAccuracy(Weights w) {
    return DistributedAccuracy.of(sc, set.validation(), w, set.mean());
  }

  /** Accuracy on {@code --test}, or null without it. */
  Double testAccuracy(Weights w) {
    if (testFiles == null) {
      return null;
    }
    ImageData test = CifarLoader.load(sc, testFiles, RecordSelection.all(),
        set.train().partitionSizes().length, "test images");
    try {
      return DistributedAccuracy.of(sc, test, w, set.mean());
    } finally {
      test.unpersist();
    }
  }

  /** Writes {@code metrics.json}. */
  void writeMetrics(Map<String, Object> metrics) {
    metrics.put("synthetic_data", synthetic);
    metrics.put("spark_master", sc.master());
    out.writeText("metrics.json", Json.write(metrics));
  }

  @Override
  public void close() {
    set.unpersist();
    sc.sc().removeSparkListener(jobs);
    if (ownsContext) {
      sc.close();
    }
  }
}
