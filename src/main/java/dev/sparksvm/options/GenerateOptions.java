package dev.sparksvm.options;

import static dev.sparksvm.options.UsageException.require;

import dev.sparksvm.data.DataFormat;
import dev.sparksvm.data.ImageBlock;
import dev.sparksvm.data.SyntheticSet;
import java.util.Locale;
import java.util.Objects;

/**
 * What {@code generate} writes: a synthetic image set of {@code images} images in a format's
 * layout. Build it with {@link #of} and the withers.
 *
 * @param images number of images, >= 1 ({@code --images})
 * @param classes C: 2..256 for cifar10 and idx (labels are one byte), 100 for cifar100 ({@code
 *     --classes})
 * @param format the layout ({@code --format})
 * @param perFile records per file, 1..{@value SyntheticSet#MAX_PER_FILE} ({@code --per-file})
 * @param seed seed of every image and label ({@code --seed})
 * @param output the directory to write (any Hadoop file system; required)
 * @param spark Spark master and event log
 */
public record GenerateOptions(
    long images,
    int classes,
    DataFormat format,
    int perFile,
    long seed,
    OutputOptions output,
    SparkOptions spark) {

  /**
   * The most images {@code generate} writes: 100 million (about 307 GB of CIFAR-10, 78 GB of
   * MNIST-sized IDX; 10,000 files at the default {@code --per-file}). The driver lists every file
   * as a task, so a much larger count would exhaust its memory long before a byte is written.
   */
  public static final long MAX_IMAGES = 100_000_000L;

  public GenerateOptions {
    require(
        images >= 1 && images <= MAX_IMAGES,
        "--images",
        String.format(Locale.ROOT, "an integer in 1..%,d", MAX_IMAGES),
        images);
    Objects.requireNonNull(format, "format");
    require(
        perFile >= 1 && perFile <= SyntheticSet.MAX_PER_FILE,
        "--per-file",
        "an integer in 1.." + SyntheticSet.MAX_PER_FILE,
        perFile);
    if (format == DataFormat.CIFAR100) {
      require(
          classes == 100,
          "--classes",
          "100 for cifar100 (its fine labels; the coarse label is fine / 5)",
          classes);
      require(
          images <= perFile,
          "--images",
          "at most --per-file ("
              + perFile
              + ") for cifar100, "
              + "whose layout has one training file (train.bin); cifar10 and idx take any number",
          images);
    } else {
      require(
          classes >= 2 && classes <= ImageBlock.MAX_CLASSES,
          "--classes",
          "in 2.." + ImageBlock.MAX_CLASSES + " (labels are one byte)",
          classes);
    }
    require(output.given(), "--out", "a directory", "none");
    Objects.requireNonNull(spark, "spark");
  }

  /**
   * {@code images} CIFAR-10 images of 10 classes in files of {@value SyntheticSet#MAX_PER_FILE},
   * seed 42, written to {@code out}.
   */
  public static GenerateOptions of(long images, String out) {
    return new GenerateOptions(
        images,
        defaultClasses(DataFormat.CIFAR10),
        DataFormat.CIFAR10,
        SyntheticSet.MAX_PER_FILE,
        DataOptions.DEFAULT_SEED,
        OutputOptions.of(out),
        SparkOptions.defaults());
  }

  /**
   * The classes of {@code format} when {@code --classes} is not given: 100 for cifar100, else 10.
   */
  public static int defaultClasses(DataFormat format) {
    return format == DataFormat.CIFAR100 ? 100 : 10;
  }

  /** The same options in {@code value}'s layout, with its default class count. */
  public GenerateOptions withFormat(DataFormat value) {
    return new GenerateOptions(images, defaultClasses(value), value, perFile, seed, output, spark);
  }

  public GenerateOptions withClasses(int value) {
    return new GenerateOptions(images, value, format, perFile, seed, output, spark);
  }

  public GenerateOptions withPerFile(int value) {
    return new GenerateOptions(images, classes, format, value, seed, output, spark);
  }

  public GenerateOptions withSeed(long value) {
    return new GenerateOptions(images, classes, format, perFile, value, output, spark);
  }

  public GenerateOptions withOutput(OutputOptions value) {
    return new GenerateOptions(images, classes, format, perFile, seed, value, spark);
  }

  public GenerateOptions withSpark(SparkOptions value) {
    return new GenerateOptions(images, classes, format, perFile, seed, output, value);
  }

  /** The set to write. */
  public SyntheticSet set() {
    return new SyntheticSet(format, images, classes, perFile, seed);
  }
}
