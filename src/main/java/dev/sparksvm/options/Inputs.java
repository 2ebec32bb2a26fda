package dev.sparksvm.options;

import dev.sparksvm.data.DataFormat;
import dev.sparksvm.data.ImageSchema;
import dev.sparksvm.data.InvalidDataException;
import dev.sparksvm.input.ImageFiles;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checked input files of a run: the one place {@code --data} (or the built-in default) and
 * {@code --test} are resolved, before Spark starts, so a typo costs no start-up time. The test
 * files must be of the training files' format, shape and classes.
 *
 * @param data training files
 * @param test test files, or null
 * @param synthetic whether the training files are the generated stand-in
 * @param dataLabel what to call the training data in reports (the path given or defaulted to)
 */
public record Inputs(ImageFiles data, ImageFiles test, boolean synthetic, String dataLabel) {
  private static final Logger LOG = LoggerFactory.getLogger(Inputs.class);

  /**
   * Resolves and checks {@code --data} and {@code --test}, and {@code --val} and {@code
   * --partitions} against the number of images, all before Spark starts.
   */
  public static Inputs resolve(DataOptions options, Configuration conf) {
    DataLocation location = DataLocation.resolve(options.data(), options.seed());
    ImageFiles files =
        ImageFiles.resolve(location.path(), options.request(ImageFiles.Which.TRAINING), conf);
    LOG.info("data {}: {} ({})", location.path(), files.description(), files.detection());
    ImageFiles test = null;
    if (options.test() != null) {
      DataFormat format = files.format();
      test =
          ImageFiles.resolve(
              options.test(),
              new ImageFiles.Request(
                  format, options.request(ImageFiles.Which.TEST).labels(), ImageFiles.Which.TEST),
              conf);
      requireSame(options.test(), test.schema(), files.schema());
    }
    checkSplit(options, files.totalRecords());
    return new Inputs(files, test, location.synthetic(), location.path());
  }

  /** The split and the partition count against the number of images, before Spark starts. */
  private static void checkSplit(DataOptions data, long total) {
    if (data.validation() >= total) {
      throw new UsageException(
          "--val " + data.validation() + " leaves no training images: the data" + " has " + total);
    }
    long images = total - data.validation();
    if (data.partitions().orElse(1) > images) {
      throw new UsageException(
          "--partitions "
              + data.partitions().getAsInt()
              + " is more than the "
              + images
              + " training images: each partition needs at least one");
    }
  }

  /** Refuses test data whose images or classes differ from the training data's. */
  static void requireSame(String path, ImageSchema test, ImageSchema train) {
    if (!test.shape().equals(train.shape()) || test.classes() != train.classes()) {
      throw new InvalidDataException(
          path
              + ": "
              + test.classes()
              + " classes of "
              + test.shape()
              + " images, but the training data has "
              + train.classes()
              + " classes of "
              + train.shape()
              + " images");
    }
  }
}
