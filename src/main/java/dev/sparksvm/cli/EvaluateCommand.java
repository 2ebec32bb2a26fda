package dev.sparksvm.cli;

import dev.sparksvm.evaluate.EvaluateRun;
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
        "Accuracy of a saved model on a data set, computed on the cluster; prints the "
            + "model's provenance.")
final class EvaluateCommand implements Callable<Integer> {
  @Option(
      names = "--model",
      paramLabel = "PATH",
      required = true,
      description = "A model directory (as written by train --out) or its model.bin.")
  String model;

  @Option(
      names = "--data",
      paramLabel = "PATH",
      required = true,
      description =
          "Data: a file, a "
              + "glob, or a directory (its test files if present, else its training files).")
  String data;

  @Option(
      names = "--format",
      paramLabel = "cifar10|cifar100|idx",
      description = "Data format (default: detected from the files).")
  String format;

  @Option(
      names = "--labels",
      paramLabel = "fine|coarse",
      description = "CIFAR-100's labels " + "(default: those with the model's class count).")
  String labels;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      description = "Partitions (default: Spark's parallelism).")
  Integer partitions;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Also write DIR/metrics.json (DIR must be empty or new).")
  String out;

  @Option(
      names = "--overwrite",
      description = "Let --out hold earlier files; they are replaced " + "when this finishes.")
  boolean overwrite;

  @Mixin Mixins.Spark spark;

  @Override
  public Integer call() {
    Map<String, Object> m =
        EvaluateRun.run(
            new EvaluateRun.Options(
                model,
                data,
                Mixins.partitions(partitions),
                spark.options(),
                out,
                overwrite,
                format,
                labels));
    @SuppressWarnings("unchecked")
    Map<String, String> provenance = (Map<String, String>) m.get("model_provenance");
    provenance.forEach((key, value) -> System.out.println("model " + key + ": " + value));
    System.out.printf(
        "accuracy %.4f (%d images)%n", (double) m.get("accuracy"), (long) m.get("images"));
    return 0;
  }
}
