package dev.sparksvm.options;

import static dev.sparksvm.options.UsageException.require;

import dev.sparksvm.data.Cifar100;
import dev.sparksvm.data.DataFormat;
import dev.sparksvm.input.ImageFiles;

/**
 * Where a run's images come from, what format they are in, and how they are split and partitioned.
 *
 * @param data training data: a directory, a file or a glob on any Hadoop file system; null for the
 *     built-in default ({@link DataLocation})
 * @param test test data, or null
 * @param validation images held out of the training data for validation
 * @param partitions partitions of the cached training set; 0 for Spark's default parallelism
 * @param seed seed of the validation split, the initial W and every mini-batch
 * @param format {@code cifar10}, {@code cifar100} or {@code idx}; null to detect it from the files
 * @param labels {@code fine} or {@code coarse} (CIFAR-100 only); null for fine
 */
public record DataOptions(
    String data,
    String test,
    int validation,
    int partitions,
    long seed,
    String format,
    String labels) {
  /** Images held out by default. */
  public static final int DEFAULT_VALIDATION = 1000;

  /** The seed when none is given. */
  public static final long DEFAULT_SEED = 42;

  public DataOptions {
    require(validation >= 0, "--val", "an integer >= 0", validation);
    require(partitions >= 0, "--partitions", "an integer >= 1", partitions);
    checkFormat(format, labels);
  }

  /** Checks {@code --format} and {@code --labels} (either may be null). */
  public static void checkFormat(String format, String labels) {
    require(
        format == null || DataFormat.named(format) != null,
        "--format",
        DataFormat.choices(),
        "'" + format + "'");
    require(
        labels == null || Cifar100.Labels.named(labels) != null,
        "--labels",
        "fine or coarse",
        "'" + labels + "'");
    if (labels != null && format != null && DataFormat.named(format) != DataFormat.CIFAR100) {
      throw new UsageException(
          "--labels applies to --format cifar100 only, got --format " + format);
    }
  }

  /** Options whose format is detected from the files (CIFAR-100 with its fine labels). */
  public DataOptions(String data, String test, int validation, int partitions, long seed) {
    this(data, test, validation, partitions, seed, null, null);
  }

  /** The defaults for {@code data}: no test set, the default split and seed. */
  public static DataOptions of(String data) {
    return new DataOptions(data, null, DEFAULT_VALIDATION, 0, DEFAULT_SEED);
  }

  /** What to look for in {@code --data} (training files) or {@code --test} (test files). */
  public ImageFiles.Request request(ImageFiles.Which which) {
    return request(format, labels, which);
  }

  /** A request for {@code --format} and {@code --labels} as given (either may be null). */
  public static ImageFiles.Request request(String format, String labels, ImageFiles.Which which) {
    return new ImageFiles.Request(
        format == null ? null : DataFormat.named(format),
        labels == null ? null : Cifar100.Labels.named(labels),
        which);
  }
}
