package dev.sparksvm.options;

import java.util.Locale;

/**
 * {@code --compare} of {@code bench} and {@code scale}: whether MLlib's step is also timed on the
 * same cached data.
 */
public enum Comparison {
  /** Also MLlib's {@code runMiniBatchSGD} (and, in {@code bench}, Spark's floor and the kernel). */
  MLLIB,
  /** Ours alone. */
  NONE;

  /** The name on the command line: {@code mllib} or {@code none}. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
