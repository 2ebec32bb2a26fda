package dev.sparksvm.train;

import dev.sparksvm.core.Precision;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.ImageSchema;
import dev.sparksvm.input.RecordSelection;
import dev.sparksvm.io.OutputDirectory;
import dev.sparksvm.model.LinearModel;
import dev.sparksvm.optim.MiniBatchPlan;
import dev.sparksvm.options.DataOptions;
import dev.sparksvm.options.Inputs;
import dev.sparksvm.options.LossOptions;
import dev.sparksvm.options.SparkOptions;
import dev.sparksvm.options.UsageException;
import dev.sparksvm.report.Json;
import dev.sparksvm.spark.DistributedAccuracy;
import dev.sparksvm.spark.ExecutorBlas;
import dev.sparksvm.spark.ExecutorLossLog;
import dev.sparksvm.spark.FileDigests;
import dev.sparksvm.spark.ImageData;
import dev.sparksvm.spark.ImageLoader;
import dev.sparksvm.spark.JobCounter;
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
 * What a training run or a strategy works in: its checked inputs, a Spark context, the cached
 * training and validation images with their mean, a job counter and the output directory. The
 * objective, the accuracies and the outputs every command shares are built here, once. Closing it
 * releases them all (and stops the context when it opened it).
 */
public final class Workspace implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Workspace.class);
  private final String command;
  private final JavaSparkContext sc;
  private final boolean ownsContext;
  private final DataOptions data;
  private final Inputs inputs;
  private final TrainingSet set;
  private final JobCounter jobs;
  private final ExecutorLossLog losses;
  private final OutputDirectory out;
  private final int partitions;
  private final long loadNanos;
  private ExecutorBlas executorBlas;
  private Map<String, String> dataFiles;

  private Workspace(
      String command,
      JavaSparkContext sc,
      boolean ownsContext,
      DataOptions data,
      Inputs inputs,
      OutputDirectory out) {
    this.command = command;
    this.sc = sc;
    // Every job of the command under one group in the Spark UI.
    sc.setJobGroup(
        "sparksvm " + command, "sparksvm " + command + " on " + inputs.dataLabel(), false);
    this.ownsContext = ownsContext;
    this.data = data;
    this.inputs = inputs;
    this.jobs = JobCounter.attach(sc);
    this.losses =
        ExecutorLossLog.attach(sc); // before the load: it must see where blocks are cached
    this.out = out;
    this.partitions = data.partitions() > 0 ? data.partitions() : sc.defaultParallelism();
    long start = System.nanoTime();
    sc.setJobDescription(
        String.format(
            "load: cache %,d images in %d partitions", inputs.data().totalRecords(), partitions));
    this.set = TrainingSet.load(sc, inputs.data(), data.validation(), partitions, data.seed());
    this.loadNanos = System.nanoTime() - start;
    long n = set.train().count();
    LOG.info(
        "cached {} training images ({}) in {} partitions: {} bytes ({} bytes per image), {} "
            + "validation images; loaded in {} s ({} MB/s)",
        n,
        inputs.synthetic() ? "SYNTHETIC" : "real",
        partitions,
        set.train().cachedBytes(),
        String.format("%.1f", set.train().cachedBytes() / (double) n),
        set.validation().count(),
        String.format("%.2f", loadSeconds()),
        String.format("%.0f", loadMegabytesPerSecond()));
  }

  /**
   * Checks the paths and claims the output directory (before Spark starts, so a typo costs no
   * start-up time), then starts Spark and loads the data.
   *
   * @param overwrite replace what {@code out} holds when the run finishes (else it must be empty)
   */
  public static Workspace open(
      String command, DataOptions data, String master, String out, boolean overwrite) {
    return open(command, data, SparkOptions.master(master), out, overwrite);
  }

  /**
   * As {@link #open(String, DataOptions, String, String, boolean)}, with the Spark options (the
   * event log directory is checked with the paths).
   */
  public static Workspace open(
      String command, DataOptions data, SparkOptions spark, String out, boolean overwrite) {
    Configuration conf = SparkContexts.hadoopConfiguration();
    Inputs inputs = Inputs.resolve(data, conf);
    Map<String, String> settings = spark.settings(conf);
    OutputDirectory dir = OutputDirectory.prepare(out, overwrite, conf);
    JavaSparkContext sc = null;
    try {
      sc = SparkContexts.open("sparksvm " + command, spark.master(), settings);
      return new Workspace(command, sc, true, data, inputs, dir);
    } catch (RuntimeException e) {
      dir.close();
      if (sc != null) {
        sc.close();
      }
      throw e;
    }
  }

  /**
   * A workspace on an existing context, which closing it leaves running (tests, several runs in one
   * context); its output directory's earlier contents are replaced as each run finishes.
   */
  public static Workspace on(JavaSparkContext sc, DataOptions data, String out) {
    return on("run", sc, data, out);
  }

  /** As {@link #on(JavaSparkContext, DataOptions, String)}, naming the command in the Spark UI. */
  public static Workspace on(String command, JavaSparkContext sc, DataOptions data, String out) {
    Configuration conf = sc.hadoopConfiguration();
    Inputs inputs = Inputs.resolve(data, conf);
    OutputDirectory dir = OutputDirectory.prepare(out, true, conf);
    try {
      return new Workspace(command, sc, false, data, inputs, dir);
    } catch (RuntimeException e) {
      dir.close();
      throw e;
    }
  }

  public JavaSparkContext sc() {
    return sc;
  }

  public DataOptions data() {
    return data;
  }

  public Inputs inputs() {
    return inputs;
  }

  /** The cached training and validation images and the training mean. */
  public TrainingSet set() {
    return set;
  }

  public ImageSchema schema() {
    return set.train().schema();
  }

  public OutputDirectory out() {
    return out;
  }

  /** Spark jobs run so far. */
  public long jobs() {
    return jobs.jobs();
  }

  /** Partitions of the cached training set. */
  public int partitions() {
    return partitions;
  }

  /** Seconds it took to load and cache the images (training and validation) and take their mean. */
  public double loadSeconds() {
    return loadNanos / 1e9;
  }

  /** The data's (uncompressed) bytes over {@link #loadSeconds}, in 10^6 bytes per second. */
  public double loadMegabytesPerSecond() {
    return inputs.data().dataBytes() / 1e6 / loadSeconds();
  }

  /** Which BLAS the executors holding the training blocks run (asked once). */
  public ExecutorBlas executorBlas() {
    if (executorBlas == null) {
      // Else the job would show under the last description set (the load's) in the Spark UI.
      sc.setJobDescription(command + ": which BLAS the executors run");
      executorBlas = ExecutorBlas.of(set.train());
    }
    return executorBlas;
  }

  /**
   * Each training file (an IDX labels file too), in order: path to {@code records=N crc32c=HEX}.
   * The checksums are taken once, by one task per file on the executors.
   */
  public Map<String, String> dataFiles() {
    if (dataFiles == null) {
      sc.setJobDescription(
          command + ": CRC-32C of " + inputs.data().paths().size() + " data files");
      Map<String, String> digests = FileDigests.of(sc, inputs.data().paths());
      Map<String, String> files = new LinkedHashMap<>();
      for (Map.Entry<String, Long> file : inputs.data().recordsByFile().entrySet()) {
        files.put(
            file.getKey(), "records=" + file.getValue() + " crc32c=" + digests.get(file.getKey()));
      }
      dataFiles = files;
    }
    return dataFiles;
  }

  /** Training images. */
  public long trainCount() {
    return set.train().count();
  }

  /** The batch of {@code --batch N} (0: the whole training set), checked against the data. */
  public int batch(int requested) {
    long n = trainCount();
    if (requested > n) {
      throw new UsageException(
          "--batch " + requested + " is larger than the training set (" + n + " images)");
    }
    return requested <= 0 ? (int) n : requested;
  }

  /** The objective over the training images, batch {@code batch} (0: all), GEMMs in {@code p}. */
  public SparkObjective objective(LossOptions loss, int batch, int aggregationDepth, Precision p) {
    MiniBatchPlan plan = new MiniBatchPlan(batch(batch), data.seed(), set.train().partitionSizes());
    return new SparkObjective(
        sc,
        set.train(),
        set.mean(),
        plan,
        loss.function(),
        loss.regularizer(),
        aggregationDepth,
        p);
  }

  /** Accuracy of W on the training images. */
  public double trainAccuracy(Weights w) {
    sc.setJobDescription(command + ": training accuracy");
    return DistributedAccuracy.of(sc, set.train(), w, set.mean());
  }

  /** Accuracy of W on the validation images; null when none are held out. */
  public Double validationAccuracy(Weights w) {
    sc.setJobDescription(command + ": validation accuracy");
    return set.validation().count() == 0
        ? null
        : DistributedAccuracy.of(sc, set.validation(), w, set.mean());
  }

  /** Accuracy on {@code --test}, or null without it. */
  public Double testAccuracy(Weights w) {
    if (inputs.test() == null) {
      return null;
    }
    sc.setJobDescription(command + ": load the test images");
    ImageData test =
        ImageLoader.load(sc, inputs.test(), RecordSelection.all(), partitions, "test images");
    try {
      sc.setJobDescription(command + ": test accuracy");
      return DistributedAccuracy.of(sc, test, w, set.mean());
    } finally {
      test.unpersist();
    }
  }

  /** A model of W with this data's mean and classes. */
  public LinearModel model(Weights w, String loss, Map<String, String> provenance) {
    return new LinearModel(w, set.mean(), schema(), loss, provenance);
  }

  /**
   * Writes {@code metrics.json} (a run's last output), with what every command reports about its
   * data and Spark, and commits the run's outputs: they appear in the output directory together.
   */
  public void finish(Map<String, Object> metrics) {
    metrics.put("data", inputs.dataLabel());
    metrics.put("data_format", inputs.data().format().id());
    metrics.put("classes", schema().classes());
    metrics.put("image_shape", schema().shape().toString());
    metrics.put("load_mb_per_second", loadMegabytesPerSecond());
    metrics.put("synthetic_data", inputs.synthetic());
    metrics.put("train_images", trainCount());
    metrics.put("val_images", set.validation().count());
    metrics.put("partitions", partitions);
    metrics.put("spark_master", sc.master());
    metrics.put("spark_version", sc.version());
    metrics.put("executors_lost", losses.executorsLost());
    metrics.put("cached_blocks_rebuilt", losses.blocksRebuilt());
    out.writeText("metrics.json", Json.write(metrics));
    out.commit();
  }

  /** Releases everything; outputs not yet committed (a failed run) are dropped. */
  @Override
  public void close() {
    out.close();
    set.unpersist();
    sc.clearJobGroup();
    jobs.detach();
    losses.detach();
    if (ownsContext) {
      sc.close();
    }
  }
}
