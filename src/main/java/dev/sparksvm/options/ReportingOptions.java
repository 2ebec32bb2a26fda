package dev.sparksvm.options;

import static dev.sparksvm.options.UsageException.require;

/**
 * What a training run reports while it runs.
 *
 * @param evalEvery validation accuracy every this many steps, and at the end ({@code --eval-every};
 *     0: only at the end)
 * @param printEvery a progress line every this many steps ({@code --print-every}; also after 5 s
 *     without one)
 */
public record ReportingOptions(int evalEvery, int printEvery) {
  public ReportingOptions {
    require(evalEvery >= 0, "--eval-every", "an integer >= 0", evalEvery);
    require(printEvery >= 1, "--print-every", "an integer >= 1", printEvery);
  }

  /** Validation every 100 steps, a progress line every 50. */
  public static ReportingOptions defaults() {
    return new ReportingOptions(100, 50);
  }

  public ReportingOptions withEvalEvery(int value) {
    return new ReportingOptions(value, printEvery);
  }

  public ReportingOptions withPrintEvery(int value) {
    return new ReportingOptions(evalEvery, value);
  }
}
