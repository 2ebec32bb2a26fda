package dev.sparksvm.options;

import java.util.Objects;

/**
 * The options of {@code evaluate}.
 *
 * @param model a model directory or its {@code model.bin} ({@code --model})
 * @param data the images ({@code --data}: a directory means its test files if present, else its
 *     training files), their format and labels, and the partitions
 * @param spark Spark master and event log
 * @param output where {@code metrics.json} goes, if anywhere
 */
public record EvaluateOptions(
    String model, DataOptions data, SparkOptions spark, OutputOptions output) {
  public EvaluateOptions {
    UsageException.require(
        model != null && !model.isBlank(), "--model", "a model directory or file", model);
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(spark, "spark");
    Objects.requireNonNull(output, "output");
  }

  /** {@code model} on the default data, no output. */
  public static EvaluateOptions of(String model) {
    return new EvaluateOptions(
        model, DataOptions.defaults(), SparkOptions.defaults(), OutputOptions.defaults());
  }

  public EvaluateOptions withData(DataOptions value) {
    return new EvaluateOptions(model, value, spark, output);
  }

  public EvaluateOptions withSpark(SparkOptions value) {
    return new EvaluateOptions(model, data, value, output);
  }

  public EvaluateOptions withOutput(OutputOptions value) {
    return new EvaluateOptions(model, data, spark, value);
  }
}
