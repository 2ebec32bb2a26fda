package dev.sparksvm.cli;

import dev.sparksvm.evaluate.ExportRun;
import dev.sparksvm.model.LinearModel;
import dev.sparksvm.options.OutputOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code export}: a saved model's W, mean and class names for NumPy. */
@Command(
    name = "export",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Write a saved model for other tools, without Spark: W.npy (float64, C x D, the "
            + "bias last), mean.npy (float64, D-1) and classes.txt, for numpy.load.")
final class ExportCommand implements Callable<Integer> {
  @Option(
      names = "--model",
      paramLabel = "PATH",
      required = true,
      description = "A model directory (as written by train --out) or its model.bin.")
  String model;

  @Option(
      names = "--format",
      paramLabel = "npy",
      defaultValue = "npy",
      description = "Output format: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
  ExportRun.Format format;

  @Mixin Mixins.Output output;

  @Override
  public Integer call() {
    OutputOptions out = output.options();
    ExportRun.Options options =
        new ExportRun.Options(model, format, out.withDir(out.dirOrDefault("export")));
    LinearModel m = ExportRun.run(options);
    System.out.printf(
        "wrote %s/{%s, %s, %s}: W %d x %d, mean %d, %d classes%n",
        options.output().dir(),
        ExportRun.WEIGHTS,
        ExportRun.MEAN,
        ExportRun.CLASSES,
        m.weights().classes(),
        m.weights().features(),
        m.mean().length,
        m.classNames().size());
    return 0;
  }
}
