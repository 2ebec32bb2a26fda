package dev.sparksvm.session;

import dev.sparksvm.options.DataOptions;
import dev.sparksvm.options.Inputs;
import dev.sparksvm.spark.ExecutorBlas;
import dev.sparksvm.spark.FileDigests;
import dev.sparksvm.spark.TrainingSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The images a {@link Workspace} cached for its run, and what every run reports about them: how
 * long the load took, each data file's records and checksum, which BLAS the executors holding the
 * blocks run, and the data's entries of {@code metrics.json}. The checksums and the BLAS are asked
 * of the executors once, when first wanted.
 */
final class CachedData {
  private static final Logger LOG = LoggerFactory.getLogger(CachedData.class);
  private final Session<Inputs> session;
  private final Inputs inputs;
  private final TrainingSet set;
  private final int partitions;
  private final long loadNanos;
  private ExecutorBlas executorBlas;
  private Map<String, String> dataFiles;

  private CachedData(Session<Inputs> session, TrainingSet set, int partitions, long loadNanos) {
    this.session = session;
    this.inputs = session.inputs();
    this.set = set;
    this.partitions = partitions;
    this.loadNanos = loadNanos;
  }

  /**
   * Loads the session's data into {@code data}'s partitions (by default one per core), holds out
   * the validation images, caches both and logs what it cached.
   */
  static CachedData load(Session<Inputs> session, DataOptions data) {
    Inputs inputs = session.inputs();
    int partitions = data.partitions(session.sc().defaultParallelism());
    long start = System.nanoTime();
    session.describe(
        String.format(
            "load: cache %,d images in %d partitions", inputs.data().totalRecords(), partitions));
    TrainingSet set =
        TrainingSet.load(session.sc(), inputs.data(), data.validation(), partitions, data.seed());
    CachedData cached = new CachedData(session, set, partitions, System.nanoTime() - start);
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
        String.format("%.2f", cached.loadSeconds()),
        String.format("%.0f", cached.loadMegabytesPerSecond()));
    return cached;
  }

  /** The cached training and validation images and the training mean. */
  TrainingSet set() {
    return set;
  }

  /** Partitions of the cached training set. */
  int partitions() {
    return partitions;
  }

  /** Seconds it took to load and cache the images (training and validation) and take their mean. */
  double loadSeconds() {
    return loadNanos / 1e9;
  }

  /** The data's (uncompressed) bytes over {@link #loadSeconds}, in 10^6 bytes per second. */
  double loadMegabytesPerSecond() {
    return inputs.data().dataBytes() / 1e6 / loadSeconds();
  }

  /** Which BLAS the executors holding the training blocks run (asked once). */
  ExecutorBlas executorBlas() {
    if (executorBlas == null) {
      // Else the job would show under the last description set (the load's) in the Spark UI.
      session.describe(session.command() + ": which BLAS the executors run");
      executorBlas = ExecutorBlas.of(set.train());
    }
    return executorBlas;
  }

  /**
   * Each training file (an IDX labels file too), in order: path to {@code records=N crc32c=HEX}.
   * The checksums are taken once, by one task per file on the executors.
   */
  Map<String, String> dataFiles() {
    if (dataFiles == null) {
      session.describe(
          session.command() + ": CRC-32C of " + inputs.data().paths().size() + " data files");
      Map<String, String> digests = FileDigests.of(session.sc(), inputs.data().paths());
      Map<String, String> files = new LinkedHashMap<>();
      for (Map.Entry<String, Long> file : inputs.data().recordsByFile().entrySet()) {
        files.put(
            file.getKey(), "records=" + file.getValue() + " crc32c=" + digests.get(file.getKey()));
      }
      dataFiles = files;
    }
    return dataFiles;
  }

  /** Puts what every command reports about its data into {@code metrics}, in this order. */
  void describeIn(Map<String, Object> metrics) {
    metrics.put("data", inputs.dataLabel());
    metrics.put("data_format", inputs.data().format().id());
    metrics.put("classes", set.train().schema().classes());
    metrics.put("image_shape", set.train().schema().shape().toString());
    metrics.put("load_mb_per_second", loadMegabytesPerSecond());
    metrics.put("synthetic_data", inputs.synthetic());
    metrics.putAll(set.train().placement("train_"));
    metrics.put("val_images", set.validation().count());
    metrics.put("partitions", partitions);
  }
}
