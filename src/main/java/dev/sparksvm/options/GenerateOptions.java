package dev.sparksvm.options;

import static dev.sparksvm.options.UsageException.require;

import dev.sparksvm.data.DataFormat;
import dev.sparksvm.data.ImageBlock;
import dev.sparksvm.data.SyntheticSet;

/**
 * What {@code generate} writes: a synthetic image set of {@code images} images in a format's
 * layout.
 *
 * @param images number of images, >= 1
 * @param classes C: 2..256 for cifar10 and idx (labels are one byte), 100 for cifar100
 * @param format the layout
 * @param perFile records per file, 1..{@value SyntheticSet#MAX_PER_FILE}
 * @param seed seed of every image and label
 * @param out the directory to write (any Hadoop file system)
 * @param overwrite let {@code out} hold earlier files (replaced when this finishes)
 * @param spark Spark master and event log
 */
public record GenerateOptions(
    long images,
    int classes,
    DataFormat format,
    int perFile,
    long seed,
    String out,
    boolean overwrite,
    SparkOptions spark) {

  public GenerateOptions {
    require(images >= 1, "--images", "an integer >= 1", images);
    require(
        perFile >= 1 && perFile <= SyntheticSet.MAX_PER_FILE,
        "--per-file",
        "an integer in 1.." + SyntheticSet.MAX_PER_FILE,
        perFile);
    if (format == DataFormat.CIFAR100) {
      require(
          classes == 100,
          "--classes",
          "100 for cifar100 (its fine labels; the coarse label is " + "fine / 5)",
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
    require(out != null && !out.isBlank(), "--out", "a directory", "'" + out + "'");
  }

  /**
   * The options from the command line's values: {@code format} by its name, {@code classes} null
   * for the format's own count (10, 100 for cifar100).
   */
  public static GenerateOptions of(
      long images,
      Integer classes,
      String format,
      int perFile,
      long seed,
      String out,
      boolean overwrite,
      SparkOptions spark) {
    DataFormat f = DataFormat.named(format);
    require(f != null, "--format", DataFormat.choices(), "'" + format + "'");
    int c = classes != null ? classes : f == DataFormat.CIFAR100 ? 100 : 10;
    return new GenerateOptions(images, c, f, perFile, seed, out, overwrite, spark);
  }

  /** The set to write. */
  public SyntheticSet set() {
    return new SyntheticSet(format, images, classes, perFile, seed);
  }
}
