package dev.sparksvm.measure;

import dev.sparksvm.data.InvalidDataException;
import dev.sparksvm.data.RecordSource;
import dev.sparksvm.input.ImageFiles;
import dev.sparksvm.input.RecordSelection;
import dev.sparksvm.io.InputOverlap;
import dev.sparksvm.options.UsageException;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;

/**
 * The training and test images of {@code ml-bench}, never the same images: the files {@code --test}
 * names (refused when they hold images it trains on), else the test files of a {@code --data}
 * directory ({@code test_batch.bin}, {@code t10k-*}); without either (a glob or a file names the
 * files to read, not their test files) the last images of the training files, which are then left
 * out of training.
 *
 * @param train the training images' files (a prefix of the data when fewer are asked for)
 * @param test the files the test images are read from
 * @param testRecords which of {@code test}'s records are the test images
 * @param description where the test images come from, for the output
 */
record TestSplit(
    ImageFiles train, ImageFiles test, RecordSelection testRecords, String description) {

  /** Images held out of the training files when there are no test files (CIFAR-10's test size). */
  static final long DEFAULT_HELD_OUT = 10_000;

  static TestSplit of(String data, String test, long images, long testImages, Configuration conf) {
    ImageFiles all = ImageFiles.resolve(data, ImageFiles.Request.training(), conf);
    if (test != null) {
      ImageFiles train = first(all, images, "--images", "training images");
      ImageFiles testFiles =
          first(testFiles(test, all, conf), testImages, "--test-images", "test images");
      String shared = sharedFile(train, testFiles, conf);
      if (shared != null) {
        throw new UsageException(
            "--test "
                + test
                + ": "
                + name(shared)
                + " is a training file ("
                + shared
                + "); ml-bench never scores images it trains on: give other test files, or"
                + " --images that end before them");
      }
      return new TestSplit(train, testFiles, RecordSelection.all(), "--test " + names(testFiles));
    }
    ImageFiles beside = directoryTestFiles(data, all, conf);
    if (beside != null) {
      return new TestSplit(
          first(all, images, "--images", "training images"),
          first(beside, testImages, "--test-images", "test images"),
          RecordSelection.all(),
          "the data's test files: " + names(beside));
    }
    long total = all.totalRecords();
    long held = testImages > 0 ? testImages : Math.min(DEFAULT_HELD_OUT, total / 5);
    if (held >= total) {
      throw new InvalidDataException(
          data + ": " + total + " images cannot hold out " + held + " test images");
    }
    long left = total - held;
    UsageException.require(
        images <= left,
        "--images",
        "at most the " + left + " images left after holding out " + held + " test images",
        images);
    long[] last = new long[(int) held];
    for (int i = 0; i < last.length; i++) {
      last[i] = left + i;
    }
    return new TestSplit(
        all.firstRecords(images > 0 ? images : left),
        all,
        RecordSelection.only(last),
        "no test files: the last " + held + " training images, left out of training");
  }

  /** The first {@code count} records (0: all), or the option's one-line error. */
  private static ImageFiles first(ImageFiles files, long count, String option, String what) {
    UsageException.require(
        count <= files.totalRecords(),
        option,
        "at most the " + files.totalRecords() + " " + what + " there are",
        count);
    return count > 0 ? files.firstRecords(count) : files;
  }

  private static ImageFiles testFiles(String path, ImageFiles train, Configuration conf) {
    return ImageFiles.resolve(
        path, new ImageFiles.Request(train.format(), null, ImageFiles.Which.TEST), conf);
  }

  /**
   * A directory's test files; null when it has none, and for a glob or a file, which mean the same
   * files whichever set is asked for (they are the training files themselves).
   */
  private static ImageFiles directoryTestFiles(String data, ImageFiles train, Configuration conf) {
    ImageFiles test;
    try {
      test = testFiles(data, train, conf);
    } catch (InvalidDataException e) {
      return null;
    }
    return sharedFile(train, test, conf) == null ? test : null;
  }

  /**
   * A file both read, or null. Both sides read a prefix of each of their files, so sharing a file
   * means sharing its first images.
   */
  private static String sharedFile(ImageFiles a, ImageFiles b, Configuration conf) {
    Set<String> seen = new HashSet<>();
    for (RecordSource s : a.sources()) {
      seen.add(InputOverlap.canonical(s.path(), conf));
    }
    for (RecordSource s : b.sources()) {
      if (seen.contains(InputOverlap.canonical(s.path(), conf))) {
        return s.path();
      }
    }
    return null;
  }

  private static String names(ImageFiles files) {
    return files.sources().stream().map(s -> name(s.path())).collect(Collectors.joining(", "));
  }

  private static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
