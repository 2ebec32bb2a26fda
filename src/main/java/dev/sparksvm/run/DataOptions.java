package dev.sparksvm.run;

import static dev.sparksvm.run.UsageException.require;

/**
 * Where a run's images come from and how they are split and partitioned.
 *
 * @param data training data: a directory, a file or a glob on any Hadoop file system; null for the
 *     built-in default ({@link DataLocation})
 * @param test test data, or null
 * @param validation images held out of the training data for validation
 * @param partitions partitions of the cached training set; 0 for Spark's default parallelism
 * @param seed seed of the validation split, the initial W and every mini-batch
 */
public record DataOptions(String data, String test, int validation, int partitions, long seed) {
  /** Images held out by default. */
  public static final int DEFAULT_VALIDATION = 1000;
  /** The seed when none is given. */
  public static final long DEFAULT_SEED = 42;

  public DataOptions {
    require(validation >= 0, "--val", "an integer >= 0", validation);
    require(partitions >= 0, "--partitions", "an integer >= 1", partitions);
  }

  /** The defaults for {@code data}: no test set, the default split and seed. */
  public static DataOptions of(String data) {
    return new DataOptions(data, null, DEFAULT_VALIDATION, 0, DEFAULT_SEED);
  }
}
