package dev.sparksvm.options;

import static dev.sparksvm.options.UsageException.require;

/**
 * The examples an objective averages over at each evaluation: a mini-batch of a fixed size, or the
 * whole training set (the command line's {@code --batch 0} of {@code gradcheck} and {@code sweep}).
 */
public sealed interface BatchSize permits BatchSize.Rows, BatchSize.All {
  /** The whole training set. */
  BatchSize ALL = new All();

  /**
   * The batch {@code --batch N} names: N rows, or the whole training set for 0.
   *
   * @throws UsageException naming {@code --batch} for a negative N
   */
  static BatchSize of(int rows) {
    require(rows >= 0, "--batch", "an integer >= 0", rows);
    return rows == 0 ? ALL : new Rows(rows);
  }

  /**
   * The number of rows out of {@code available} training images.
   *
   * @throws UsageException naming {@code --batch} when the batch is larger than the training set
   */
  int resolve(long available);

  /**
   * A mini-batch of {@code count} rows.
   *
   * @param count rows per evaluation, >= 1
   */
  record Rows(int count) implements BatchSize {
    public Rows {
      require(count >= 1, "--batch", "an integer >= 1", count);
    }

    @Override
    public int resolve(long available) {
      if (count > available) {
        throw new UsageException(
            "--batch " + count + " is larger than the training set (" + available + " images)");
      }
      return count;
    }
  }

  /** The whole training set. */
  record All() implements BatchSize {
    @Override
    public int resolve(long available) {
      require(available <= Integer.MAX_VALUE, "a batch", "at most 2^31-1 images", available);
      return (int) available;
    }
  }
}
