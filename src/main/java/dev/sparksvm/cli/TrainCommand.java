package dev.sparksvm.cli;

import dev.sparksvm.core.L2Regularizer;
import dev.sparksvm.core.LinearBatch;
import dev.sparksvm.core.Loss;
import dev.sparksvm.core.MulticlassHinge;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Cifar10;
import dev.sparksvm.core.Seeds;
import dev.sparksvm.io.OutputDirectory;
import dev.sparksvm.model.LinearModel;
import dev.sparksvm.optim.GradientDescent;
import dev.sparksvm.optim.LearningRate;
import dev.sparksvm.optim.MiniBatchGradient;
import dev.sparksvm.report.Charts;
import dev.sparksvm.report.History;
import dev.sparksvm.report.Json;
import dev.sparksvm.spark.CifarFiles;
import dev.sparksvm.spark.CifarLoader;
import dev.sparksvm.spark.DistributedAccuracy;
import dev.sparksvm.spark.ExecutorBlas;
import dev.sparksvm.spark.ImageData;
import dev.sparksvm.spark.IterationPhases;
import dev.sparksvm.spark.RecordSelection;
import dev.sparksvm.spark.SparkContexts;
import dev.sparksvm.spark.SparkObjective;
import dev.sparksvm.spark.TrainingSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code train}: mini-batch gradient descent of a linear SVM or softmax classifier on CIFAR-10, with W
 * on the driver and the images cached on the executors. Writes {@code model.bin}, {@code history.csv}
 * and {@code metrics.json} to {@code --out}.
 */
public final class TrainCommand {
  private static final Logger LOG = LoggerFactory.getLogger(TrainCommand.class);

  /** The figures of a finished run (also written to metrics.json). */
  public record Result(Weights weights, Map<String, Object> metrics) {}

  private TrainCommand() {}

  static String usage() {
    return """
        train: fit a linear classifier on CIFAR-10 with distributed mini-batch gradient descent.
          --data PATH        training data: a directory (its data_batch_*.bin), a file or a glob;
                             file:, hdfs:// and plain paths. Default: data/cifar-10-batches-bin under
                             the project root, else a generated synthetic set
          --test PATH        test data (a directory means its test_batch.bin); default: none
          --loss svm|softmax loss (default svm)
          --batch N          global mini-batch size (default 256; the training-set size gives
                             full-batch descent, 1 gives SGD)
          --iters N          iterations (default 1500)
          --lr X             initial learning rate (default 1e-7 for svm, 1e-6 for softmax)
          --lr-decay X       learning-rate factor per epoch, in (0, 1] (default 0.95)
          --reg X            L2 strength, R(W) = reg * sum(W^2) (default 2.5e4 for svm, 5e3 for
                             softmax)
          --delta X          SVM margin (default 1)
          --seed N           seed of the initial W, the validation split and the batches (default 42)
          --partitions N     partitions of the cached training set (default: Spark's parallelism)
          --val N            images held out for validation (default 1000)
          --eval-every N     validation accuracy every N iterations; 0: at the end only (default 100)
          --print-every N    a progress line every N iterations (default 50)
          --aggregation-depth N  treeAggregate depth (default 2)
          --init-scale X     standard deviation of the initial W (default 1e-3)
          --out DIR          output directory (default runs/train-TIMESTAMP)
          --master URL       Spark master (default: spark-submit's, else local[*])
          --verbose          stack traces on errors
        """;
  }

  static int run(String[] argv) {
    Args args = Args.parse("train", argv, 1, TrainOptions.VALUED, Main.FLAGS);
    TrainOptions options = TrainOptions.from(args);
    // Paths are checked before Spark starts, so a typo costs no start-up time.
    Inputs inputs = Inputs.resolve(options, SparkContexts.hadoopConfiguration());
    try (JavaSparkContext sc = SparkContexts.open("sparksvm train", options.master())) {
      train(sc, options, inputs);
    }
    return 0;
  }

  /**
   * The checked input files of a training run.
   *
   * @param data training files
   * @param test test files, or null
   * @param synthetic whether the training files are the generated stand-in
   */
  public record Inputs(CifarFiles data, CifarFiles test, boolean synthetic, String dataLabel) {
    /** Resolves {@code --data} (or the built-in default) and {@code --test}. */
    public static Inputs resolve(TrainOptions o, Configuration conf) {
      DataLocation location = DataLocation.resolve(o.data(), o.seed());
      CifarFiles files = CifarFiles.resolve(location.path(), conf, Cifar10.TRAIN_PATTERN);
      CifarFiles test = o.test() == null ? null
          : CifarFiles.resolve(o.test(), conf, Cifar10.TEST_FILE);
      return new Inputs(files, test, location.synthetic(), location.path());
    }
  }

  /** Trains with an existing context; used by the command and by tests. */
  public static Result train(JavaSparkContext sc, TrainOptions o, Inputs inputs) {
    LOG.info("Spark {} on {}; BLAS: {}", sc.version(), sc.master(), LinearBatch.blasName());
    CifarFiles files = inputs.data();
    CifarFiles testFiles = inputs.test();
    OutputDirectory out = new OutputDirectory(o.out(), sc.hadoopConfiguration());
    Loss loss = "svm".equals(o.loss()) ? new MulticlassHinge(o.delta()) : Loss.named(o.loss());
    int partitions = o.partitions() > 0 ? o.partitions() : sc.defaultParallelism();

    long loadStart = System.nanoTime();
    TrainingSet set = TrainingSet.load(sc, files, o.validation(), partitions, o.seed());
    long trainCount = set.train().count();
    LOG.info("cached {} training images in {} partitions: {} bytes ({} bytes per image; a record is "
        + "{}), {} validation images; loaded in {} s", trainCount, partitions,
        set.train().cachedBytes(), String.format("%.1f", set.train().cachedBytes() / (double) trainCount),
        Cifar10.RECORD_BYTES, set.validation().count(), seconds(System.nanoTime() - loadStart));
    ExecutorBlas executorBlas = checkExecutorBlas(set.train());
    if (o.batch() > trainCount) {
      throw new UsageException("train: --batch " + o.batch() + " is larger than the training set ("
          + trainCount + " images)");
    }

    MiniBatchGradient math = new MiniBatchGradient(loss, o.batch(), o.seed(),
        set.train().partitionSizes());
    LearningRate rate = new LearningRate(o.learningRate(), o.lrDecay(), math.iterationsPerEpoch());
    Weights w = Weights.gaussian(Cifar10.CLASSES, Cifar10.FEATURES, o.initScale(),
        Seeds.derive(o.seed(), 0x57A27L));
    History history = new History();
    Progress progress = new Progress(o.iterations(), o.batch(), o.printEvery());
    double[] lastLoss = {Double.NaN};
    IterationPhases phases;
    try (SparkObjective objective = new SparkObjective(sc, set.train(), set.mean(), math,
        new L2Regularizer(o.reg()), o.aggregationDepth())) {
      new GradientDescent(rate).minimise(objective, w, o.iterations(), (step, value, lr, weights) -> {
        long done = step + 1;
        Double val = null;
        if ((o.evalEvery() > 0 && done % o.evalEvery() == 0) || done == o.iterations()) {
          long evalStart = System.nanoTime();
          val = DistributedAccuracy.of(sc, set.validation(), weights, set.mean());
          progress.exclude(System.nanoTime() - evalStart);
        }
        lastLoss[0] = value;
        history.add(new History.Row(done, value, progress.trainingSeconds(), lr, val));
        progress.report(done, value, lr, val);
      });
      phases = objective.timings().total();
    }
    double trainSeconds = progress.trainingSeconds();
    LOG.info("ms per iteration by phase: {}", phaseMillis(phases, o.iterations()).entrySet().stream()
        .map(e -> e.getKey() + String.format(" %.2f", (double) e.getValue())).toList());

    double trainAccuracy = DistributedAccuracy.of(sc, set.train(), w, set.mean());
    double valAccuracy = DistributedAccuracy.of(sc, set.validation(), w, set.mean());
    Double testAccuracy = null;
    if (testFiles != null) {
      ImageData test = CifarLoader.load(sc, testFiles, RecordSelection.all(), partitions,
          "test images");
      testAccuracy = DistributedAccuracy.of(sc, test, w, set.mean());
      test.unpersist();
    }
    LinearModel model = new LinearModel(w, set.mean(), Cifar10.CLASS_NAMES, loss.name());
    out.write(LinearModel.FILE_NAME, model::writeTo);
    out.writeText("history.csv", history.toCsv());
    out.write("loss.png", s -> s.write(Charts.lossCurve(history)));
    out.write("templates.png", s -> s.write(Charts.templates(w, Cifar10.CLASS_NAMES, Cifar10.SIDE)));

    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", "train");
    m.put("loss", loss.name());
    m.put("train_accuracy", trainAccuracy);
    m.put("val_accuracy", valAccuracy);
    m.put("test_accuracy", testAccuracy);
    m.put("final_loss", lastLoss[0]);
    m.put("iterations", o.iterations());
    m.put("batch", o.batch());
    m.put("learning_rate", o.learningRate());
    m.put("lr_decay", o.lrDecay());
    m.put("reg", o.reg());
    m.put("seed", o.seed());
    m.put("partitions", partitions);
    m.put("aggregation_depth", o.aggregationDepth());
    m.put("train_images", trainCount);
    m.put("val_images", set.validation().count());
    m.put("seconds", trainSeconds);
    m.put("ms_per_iteration", 1000 * trainSeconds / o.iterations());
    m.put("examples_per_second", o.iterations() * (double) o.batch() / trainSeconds);
    m.put("cached_bytes", set.train().cachedBytes());
    m.put("cached_bytes_per_image", set.train().cachedBytes() / (double) trainCount);
    m.put("blas", LinearBatch.blasName());
    m.put("executor_blas", String.join(",", executorBlas.names()));
    m.put("phase_ms_per_iteration", phaseMillis(phases, o.iterations()));
    m.put("weights_sha256", w.sha256());
    m.put("data", inputs.dataLabel());
    m.put("synthetic_data", inputs.synthetic());
    m.put("spark_master", sc.master());
    m.put("spark_version", sc.version());
    out.writeText("metrics.json", Json.write(m));
    set.unpersist();

    LOG.info("done: train accuracy {}, validation accuracy {}{}; {} ms/iteration; W sha256 {}",
        fmt(trainAccuracy), fmt(valAccuracy),
        testAccuracy == null ? "" : ", test accuracy " + fmt(testAccuracy),
        String.format("%.1f", 1000 * trainSeconds / o.iterations()), w.sha256());
    LOG.info("wrote {}/{model.bin, history.csv, metrics.json, loss.png, templates.png}", out.path());
    return new Result(w, m);
  }

  /**
   * Logs which BLAS the executors run (every GEMM of training runs there) and warns when they differ
   * from each other or from the driver's: the weights are then not bit-identical to a run elsewhere.
   */
  static ExecutorBlas checkExecutorBlas(ImageData train) {
    ExecutorBlas blas = ExecutorBlas.of(train);
    String driver = LinearBatch.blasName();
    if (blas.allRun(driver)) {
      LOG.info("BLAS on the executors: {}", blas);
    } else {
      LOG.warn("BLAS differs: {} on the executors, {} on the driver. Each sums in its own order, so W "
          + "is not bit-identical to a run with another BLAS (install the same native BLAS everywhere, "
          + "or none)", blas, driver);
    }
    return blas;
  }

  /** Mean milliseconds per iteration of each phase of the distributed evaluation. */
  static Map<String, Object> phaseMillis(IterationPhases sums, long iterations) {
    Map<String, Object> ms = new LinkedHashMap<>();
    ms.put("broadcast", sums.broadcastNanos() / 1e6 / iterations);
    ms.put("compute", sums.computeNanos() / 1e6 / iterations);
    ms.put("aggregation", sums.aggregationNanos() / 1e6 / iterations);
    ms.put("driver", sums.driverNanos() / 1e6 / iterations);
    ms.put("scheduling", sums.schedulingNanos() / 1e6 / iterations);
    return ms;
  }

  private static String fmt(double accuracy) {
    return String.format("%.4f", accuracy);
  }

  private static String seconds(long nanos) {
    return String.format("%.1f", nanos / 1e9);
  }
}
