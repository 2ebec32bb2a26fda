package dev.sparksvm.options;

import dev.sparksvm.data.InvalidDataException;
import dev.sparksvm.input.ImageFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * The checked inputs of {@code train} on a DataFrame source, before Spark starts: {@code --data}
 * (required) and {@code --test} exist; an image folder's classes, files and shapes are checked
 * whole ({@link ImageFolder#scan}), and its test folder must have the same classes and shape.
 *
 * @param data the training path
 * @param test the test path, or null
 * @param folder the training images ({@code --format images}), else null
 * @param testFolder the test images ({@code --format images} with {@code --test}), else null
 */
public record FrameInputs(String data, String test, ImageFolder folder, ImageFolder testFolder) {

  /** Checks {@code --data} and {@code --test} of {@code source}'s format. */
  public static FrameInputs resolve(DataOptions options, FrameSource source, Configuration conf) {
    if (options.data() == null) {
      throw new UsageException(
          "--format " + source.format() + " needs --data (there is no built-in data set of it)");
    }
    requireExists(options.data(), conf);
    if (options.test() != null) {
      requireExists(options.test(), conf);
    }
    if (source.format() != InputFormat.IMAGES) {
      return new FrameInputs(options.data(), options.test(), null, null);
    }
    ImageFolder folder = ImageFolder.scan(options.data(), conf);
    if (options.validation() >= folder.images().size()) {
      throw new UsageException(
          "--val "
              + options.validation()
              + " leaves no training images: the data has "
              + folder.images().size());
    }
    ImageFolder test = null;
    if (options.test() != null) {
      test = ImageFolder.scan(options.test(), conf);
      if (!test.classes().equals(folder.classes()) || !test.shape().equals(folder.shape())) {
        throw new InvalidDataException(
            options.test()
                + ": classes "
                + test.classes()
                + " of "
                + test.shape()
                + " images, but the training data has "
                + folder.classes()
                + " of "
                + folder.shape()
                + " images");
      }
    }
    return new FrameInputs(options.data(), options.test(), folder, test);
  }

  private static void requireExists(String path, Configuration conf) {
    try {
      Path p = new Path(path);
      FileStatus[] found = p.getFileSystem(conf).globStatus(p);
      if (found == null || found.length == 0) {
        throw new InvalidDataException(path + ": no such file or directory");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": " + e.getMessage(), e);
    }
  }
}
