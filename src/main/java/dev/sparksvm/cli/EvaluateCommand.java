package dev.sparksvm.cli;

import dev.sparksvm.evaluate.EvaluateRun;
import dev.sparksvm.options.DataOptions;
import dev.sparksvm.options.EvaluateOptions;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code evaluate}: the accuracy of a saved model on a data set. */
@Command(
    name = "evaluate",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Accuracy of a saved model on a data set (a directory's test files if present, else its"
            + " training files), computed on the cluster; prints the model's provenance.")
final class EvaluateCommand implements Callable<Integer> {
  @Option(
      names = "--model",
      paramLabel = "PATH",
      required = true,
      description = "A model directory (as written by train --out) or its model.bin.")
  String model;

  @Mixin Mixins.Data data;
  @Mixin Mixins.Partitions partitions;
  @Mixin Mixins.MetricsOutput output;
  @Mixin Mixins.Spark spark;

  @Override
  public Integer call() {
    Map<String, Object> m = EvaluateRun.run(options());
    @SuppressWarnings("unchecked")
    Map<String, String> provenance = (Map<String, String>) m.get("model_provenance");
    provenance.forEach((key, value) -> System.out.println("model " + key + ": " + value));
    System.out.printf(
        "accuracy %.4f (%d images)%n", (double) m.get("accuracy"), (long) m.get("images"));
    return 0;
  }

  EvaluateOptions options() {
    return EvaluateOptions.of(model)
        .withData(partitions.into(data.into(DataOptions.defaults())))
        .withOutput(output.options())
        .withSpark(spark.options());
  }
}
