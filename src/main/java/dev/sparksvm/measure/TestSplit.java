package dev.sparksvm.measure;

import dev.sparksvm.data.InvalidDataException;
import dev.sparksvm.input.ImageFiles;
import dev.sparksvm.input.RecordSelection;
import org.apache.hadoop.conf.Configuration;

/**
 * The training and test images of {@code ml-bench}: the test files given or beside the training
 * files; without any, the last images of the training files, which are then left out of training
 * (never trained on, so still unseen).
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
    ImageFiles testFiles = testFiles(test != null ? test : data, test != null, conf);
    if (testFiles != null) {
      return new TestSplit(
          images > 0 ? all.firstRecords(images) : all,
          testImages > 0 ? testFiles.firstRecords(testImages) : testFiles,
          RecordSelection.all(),
          "test files");
    }
    long total = all.totalRecords();
    long held = testImages > 0 ? testImages : Math.min(DEFAULT_HELD_OUT, total / 5);
    long kept = images > 0 ? Math.min(images, total - held) : total - held;
    if (kept < 1) {
      throw new InvalidDataException(
          data + ": " + total + " images cannot hold out " + held + " test images");
    }
    long[] last = new long[(int) held];
    for (int i = 0; i < last.length; i++) {
      last[i] = total - held + i;
    }
    return new TestSplit(
        all.firstRecords(kept),
        all,
        RecordSelection.only(last),
        "no test files: the last " + held + " training images, left out of training");
  }

  private static ImageFiles testFiles(String path, boolean given, Configuration conf) {
    try {
      return ImageFiles.resolve(
          path, new ImageFiles.Request(null, null, ImageFiles.Which.TEST), conf);
    } catch (InvalidDataException e) {
      if (given) {
        throw e;
      }
      return null;
    }
  }
}
