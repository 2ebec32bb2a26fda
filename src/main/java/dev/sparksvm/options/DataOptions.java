package dev.sparksvm.options;

import static dev.sparksvm.options.UsageException.require;

import dev.sparksvm.data.Cifar100;
import dev.sparksvm.data.DataFormat;
import dev.sparksvm.input.ImageFiles;
import java.util.OptionalInt;

/**
 * Where a run's images come from, what format they are in, and how they are split and partitioned.
 * Build it from {@link #defaults()} with the withers.
 *
 * @param data training data ({@code --data}): a directory, a file or a glob on any Hadoop file
 *     system; null for the built-in default ({@link DataLocation})
 * @param test test data ({@code --test}), or null
 * @param validation images held out of the training data for validation ({@code --val})
 * @param partitions partitions of the cached training set ({@code --partitions}); empty for Spark's
 *     default parallelism
 * @param seed seed of the validation split, the initial W and every mini-batch ({@code --seed})
 * @param format the files' format ({@code --format}); null to detect it from the files
 * @param labels CIFAR-100's labels ({@code --labels}); null for fine (or, in {@code evaluate},
 *     those with the model's class count)
 */
public record DataOptions(
    String data,
    String test,
    int validation,
    OptionalInt partitions,
    long seed,
    DataFormat format,
    Cifar100.Labels labels) {
  /** Images held out by default. */
  public static final int DEFAULT_VALIDATION = 1000;

  /** The seed when none is given. */
  public static final long DEFAULT_SEED = 42;

  public DataOptions {
    require(validation >= 0, "--val", "an integer >= 0", validation);
    require(
        partitions.isEmpty() || partitions.getAsInt() >= 1,
        "--partitions",
        "an integer >= 1",
        partitions.orElse(0));
    if (labels != null && format != null && format != DataFormat.CIFAR100) {
      throw new UsageException(
          "--labels applies to --format cifar100 only, got --format " + format);
    }
  }

  /** The built-in data, detected, held out as usual, in Spark's default parallelism, seed 42. */
  public static DataOptions defaults() {
    return new DataOptions(
        null, null, DEFAULT_VALIDATION, OptionalInt.empty(), DEFAULT_SEED, null, null);
  }

  public DataOptions withData(String value) {
    return new DataOptions(value, test, validation, partitions, seed, format, labels);
  }

  public DataOptions withTest(String value) {
    return new DataOptions(data, value, validation, partitions, seed, format, labels);
  }

  public DataOptions withValidation(int value) {
    return new DataOptions(data, test, value, partitions, seed, format, labels);
  }

  /** The same options in {@code value} partitions. */
  public DataOptions withPartitions(int value) {
    return withPartitions(OptionalInt.of(value));
  }

  /** The same options in {@code value} partitions (empty: Spark's default parallelism). */
  public DataOptions withPartitions(OptionalInt value) {
    return new DataOptions(data, test, validation, value, seed, format, labels);
  }

  public DataOptions withSeed(long value) {
    return new DataOptions(data, test, validation, partitions, value, format, labels);
  }

  public DataOptions withFormat(DataFormat value) {
    return new DataOptions(data, test, validation, partitions, seed, value, labels);
  }

  public DataOptions withLabels(Cifar100.Labels value) {
    return new DataOptions(data, test, validation, partitions, seed, format, value);
  }

  /** The partition count: the one given, else {@code defaultParallelism} (Spark's). */
  public int partitions(int defaultParallelism) {
    return partitions.orElse(defaultParallelism);
  }

  /** What to look for in {@code --data} (training files) or {@code --test} (test files). */
  public ImageFiles.Request request(ImageFiles.Which which) {
    return new ImageFiles.Request(format, labels, which);
  }
}
