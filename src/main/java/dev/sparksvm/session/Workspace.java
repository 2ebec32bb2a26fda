package dev.sparksvm.session;

import dev.sparksvm.core.Precision;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.ImageSchema;
import dev.sparksvm.io.OutputDirectory;
import dev.sparksvm.io.WriteFailedException;
import dev.sparksvm.model.LinearModel;
import dev.sparksvm.optim.MiniBatchPlan;
import dev.sparksvm.options.AggregationDepth;
import dev.sparksvm.options.BatchSize;
import dev.sparksvm.options.DataOptions;
import dev.sparksvm.options.Inputs;
import dev.sparksvm.options.LossOptions;
import dev.sparksvm.options.OutputOptions;
import dev.sparksvm.options.SparkOptions;
import dev.sparksvm.report.Figures;
import dev.sparksvm.report.Json;
import dev.sparksvm.spark.ExecutorBlas;
import dev.sparksvm.spark.ExecutorLossLog;
import dev.sparksvm.spark.JobCounter;
import dev.sparksvm.spark.SparkObjective;
import dev.sparksvm.spark.TrainingSet;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a training run or a strategy works in: a {@link Session} over its checked inputs (so the
 * inputs and {@code --out} are checked before Spark starts), the cached training and validation
 * images with their mean ({@link CachedData}, with what every run reports about them), a job
 * counter and the executor-loss log. The objective, the accuracies ({@link Accuracies}) and the
 * outputs every command shares are built here, once. Closing it releases them all (and stops the
 * context when it started it).
 */
public final class Workspace implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Workspace.class);
  private final Session<Inputs> session;
  private final JavaSparkContext sc;
  private final DataOptions data;
  private final CachedData cached;
  private final TrainingSet set;
  private final Accuracies accuracies;
  private final JobCounter jobs;
  private final ExecutorLossLog losses;

  private Workspace(Session<Inputs> session, DataOptions data) {
    this.session = session;
    this.sc = session.sc();
    this.data = data;
    this.jobs = JobCounter.attach(sc);
    // Before the load: it must see where the blocks are cached.
    this.losses = ExecutorLossLog.attach(sc);
    try {
      this.cached = CachedData.load(session, data);
    } catch (RuntimeException e) {
      detach();
      throw e;
    }
    this.set = cached.set();
    this.accuracies = new Accuracies(session, set, cached.partitions());
  }

  /**
   * Checks the paths and the event log, keeps the output directory apart from the data and claims
   * it (before Spark starts, so a typo costs no start-up time), then starts Spark and loads the
   * data.
   *
   * @param output where {@code command} writes ({@code runs/COMMAND-TIMESTAMP} unless given)
   */
  public static Workspace open(
      String command, DataOptions data, SparkOptions spark, OutputOptions output) {
    return open(command, data, spark, output, Preflight.none());
  }

  /**
   * As {@link #open(String, DataOptions, SparkOptions, OutputOptions)}, with the run's own checks
   * before Spark starts: what else it reads, its batch, the bytes it will write.
   */
  public static Workspace open(
      String command,
      DataOptions data,
      SparkOptions spark,
      OutputOptions output,
      Preflight preflight) {
    Session<Inputs> session =
        Session.prepare(
            command,
            spark,
            output.orDefault(command),
            conf -> Inputs.resolve(data, conf),
            inputs -> preflight.readsOf(inputs, data));
    try {
      preflight.check(session, data);
      session.start("sparksvm " + command + " on " + session.inputs().dataLabel());
      return new Workspace(session, data);
    } catch (RuntimeException e) {
      session.close();
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
    Session<Inputs> session =
        Session.on(
            sc,
            command,
            out,
            conf -> Inputs.resolve(data, conf),
            inputs -> Preflight.none().readsOf(inputs, data));
    try {
      session.describeGroup("sparksvm " + command + " on " + session.inputs().dataLabel());
      return new Workspace(session, data);
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  /** The session: the context, the inputs and the output directory. */
  public Session<Inputs> session() {
    return session;
  }

  public JavaSparkContext sc() {
    return sc;
  }

  public DataOptions data() {
    return data;
  }

  /** The cached training and validation images and the training mean. */
  public TrainingSet set() {
    return set;
  }

  public ImageSchema schema() {
    return set.train().schema();
  }

  public OutputDirectory out() {
    return session.out();
  }

  /** Spark jobs run so far. */
  public long jobs() {
    return jobs.jobs();
  }

  /** Partitions of the cached training set. */
  public int partitions() {
    return cached.partitions();
  }

  /** Seconds it took to load and cache the images (training and validation) and take their mean. */
  public double loadSeconds() {
    return cached.loadSeconds();
  }

  /** The data's (uncompressed) bytes over {@link #loadSeconds}, in 10^6 bytes per second. */
  public double loadMegabytesPerSecond() {
    return cached.loadMegabytesPerSecond();
  }

  /** Which BLAS the executors holding the training blocks run (asked once). */
  public ExecutorBlas executorBlas() {
    return cached.executorBlas();
  }

  /**
   * Each training file (an IDX labels file too), in order: path to {@code records=N crc32c=HEX}.
   * The checksums are taken once, by one task per file on the executors.
   */
  public Map<String, String> dataFiles() {
    return cached.dataFiles();
  }

  /** Training images. */
  public long trainCount() {
    return set.train().count();
  }

  /** The rows of {@code batch}, checked against the training set. */
  public int batch(BatchSize batch) {
    return batch.resolve(trainCount());
  }

  /** The objective over the training images at {@code batch}, GEMMs in {@code p}. */
  public SparkObjective objective(
      LossOptions loss, BatchSize batch, AggregationDepth aggregationDepth, Precision p) {
    MiniBatchPlan plan = new MiniBatchPlan(batch(batch), data.seed(), set.train().partitionSizes());
    return new SparkObjective(
        sc,
        set.train(),
        set.mean(),
        plan,
        loss.function(),
        loss.regularizer(),
        aggregationDepth.value(),
        p);
  }

  /** Accuracy of W on the training images. */
  public double trainAccuracy(Weights w) {
    return accuracies.train(w);
  }

  /** Accuracy of W on the validation images; null when none are held out. */
  public Double validationAccuracy(Weights w) {
    return accuracies.validation(w);
  }

  /** Accuracy on {@code --test}, or null without it. */
  public Double testAccuracy(Weights w) {
    return accuracies.test(w);
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
    stageMetrics(metrics);
    commit();
  }

  /**
   * Stages {@code metrics.json} with what every command reports about its data and Spark; it
   * appears in the output directory at {@link #commit}.
   */
  public void stageMetrics(Map<String, Object> metrics) {
    cached.describeIn(metrics);
    metrics.put("spark_master", sc.master());
    metrics.put("spark_version", sc.version());
    metrics.put("executors_lost", losses.executorsLost());
    metrics.put("cached_blocks_rebuilt", losses.blocksRebuilt());
    out().writeText("metrics.json", Json.write(metrics));
  }

  /**
   * Draws a picture and stages it beside the results: a picture that cannot be drawn or written (a
   * full disk) is one warning, and the run's results are committed all the same.
   */
  public void writePicture(String name, Supplier<byte[]> draw) {
    Figures.tryDraw(name, draw)
        .ifPresent(
            png -> {
              try {
                out().write(name, stream -> stream.write(png));
              } catch (WriteFailedException e) {
                LOG.warn("{} not written ({}); the run's other outputs are", name, e.getMessage());
              }
            });
  }

  /** Moves the staged outputs into the output directory, together. */
  public void commit() {
    out().commit();
  }

  /** Releases everything; outputs not yet committed (a failed run) are dropped. */
  @Override
  public void close() {
    try {
      set.unpersist();
      detach();
    } finally {
      session.close();
    }
  }

  private void detach() {
    jobs.detach();
    losses.detach();
  }
}
