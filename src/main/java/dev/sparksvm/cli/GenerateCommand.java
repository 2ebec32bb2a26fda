package dev.sparksvm.cli;

import dev.sparksvm.data.DataFormat;
import dev.sparksvm.data.SyntheticSet;
import dev.sparksvm.measure.GenerateRun;
import dev.sparksvm.options.GenerateOptions;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code generate}: a synthetic image set of any size, written in parallel by Spark. */
@Command(
    name = "generate",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Write a synthetic image set (class-dependent pictures plus noise, deterministic "
            + "for a seed) in a format's layout, one Spark task per file of at most "
            + SyntheticSet.MAX_PER_FILE
            + " records, to any Hadoop file system.")
final class GenerateCommand implements Callable<Integer> {
  @Option(
      names = "--images",
      paramLabel = "N",
      required = true,
      description =
          "Number of images, at most 100,000,000; refused up front when --out has not the room.")
  long images;

  @Option(
      names = "--classes",
      paramLabel = "C",
      description = "Classes, 2..256 (default: 10; 100 for cifar100, which takes only 100).")
  Integer classes;

  @Option(
      names = "--format",
      paramLabel = "cifar10|cifar100|idx",
      defaultValue = "cifar10",
      description =
          "Layout (${COMPLETION-CANDIDATES}): data_batch_N.bin files, one train.bin, or"
              + " train-NNNNN-{images-idx3,labels-idx1}-ubyte pairs of 28x28 grayscale (default"
              + " ${DEFAULT-VALUE}).")
  DataFormat format;

  @Option(
      names = "--per-file",
      paramLabel = "N",
      defaultValue = "" + SyntheticSet.MAX_PER_FILE,
      description =
          "Records per file, at most " + SyntheticSet.MAX_PER_FILE + " (default ${DEFAULT-VALUE}).")
  int perFile;

  @Mixin Mixins.Seed seed;
  @Mixin Mixins.RequiredOutput output;
  @Mixin Mixins.Spark spark;

  @Override
  public Integer call() {
    GenerateOptions options = options();
    Map<String, Object> m = GenerateRun.run(options);
    System.out.printf(
        "wrote %s: %d %s images of %s, %d classes, in %s (%,d bytes), seed %d%n",
        options.output().dir(),
        images,
        options.format(),
        m.get("image_shape"),
        options.classes(),
        ((Number) m.get("files")).intValue() == 1 ? "1 file" : m.get("files") + " files",
        (long) m.get("bytes"),
        options.seed());
    return 0;
  }

  GenerateOptions options() {
    GenerateOptions o =
        GenerateOptions.of(images, output.out)
            .withPerFile(perFile)
            .withFormat(format)
            .withSeed(seed.seed)
            .withOutput(output.options())
            .withSpark(spark.options());
    return classes == null ? o : o.withClasses(classes);
  }
}
