package dev.sparksvm.data;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The data layouts sparksvm reads, by their {@code --format} name, with the file names that mark
 * them: which files of a directory hold training and test images, and which file names belong to
 * the format at all (to detect it, or to refuse a {@code --format} that does not match the files).
 */
public enum DataFormat {
  /** {@link Cifar10}: {@code data_batch_*.bin} and {@code test_batch.bin}, 3073-byte records. */
  CIFAR10(
      "cifar10",
      "data_batch_*.bin",
      "data_batch_.*\\.bin",
      "test_batch.bin",
      "test_batch\\.bin",
      "(data|test)_batch.*\\.bin"),
  /** {@link Cifar100}: {@code train.bin} and {@code test.bin}, 3074-byte records. */
  CIFAR100("cifar100", "train.bin", "train\\.bin", "test.bin", "test\\.bin", "(train|test)\\.bin"),
  /** {@link Idx}: {@code train-*} and {@code t10k-*} pairs of idx3 images and idx1 labels files. */
  IDX(
      "idx",
      "train-*-idx3-ubyte[.gz]",
      "train-.*idx3-ubyte(\\.gz)?",
      "t10k-*-idx3-ubyte[.gz]",
      "t10k-.*idx3-ubyte(\\.gz)?",
      ".*idx[13]-ubyte(\\.gz)?");

  private final String id;
  private final String trainFiles;
  private final Pattern trainPattern;
  private final String testFiles;
  private final Pattern testPattern;
  private final Pattern anyFile;

  DataFormat(
      String id,
      String trainFiles,
      String trainRegex,
      String testFiles,
      String testRegex,
      String anyRegex) {
    this.id = id;
    this.trainFiles = trainFiles;
    this.trainPattern = Pattern.compile(trainRegex);
    this.testFiles = testFiles;
    this.testPattern = Pattern.compile(testRegex);
    this.anyFile = Pattern.compile(anyRegex);
  }

  /** The name {@code --format} takes. */
  public String id() {
    return id;
  }

  /** The format named {@code id} (any case), or null. */
  public static DataFormat named(String id) {
    for (DataFormat f : values()) {
      if (f.id.equals(id.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    return null;
  }

  /** The names {@code --format} takes, as a user reads them: "cifar10, cifar100 or idx". */
  public static String choices() {
    return "cifar10, cifar100 or idx";
  }

  /** The training (or test) files of a directory, as a user reads them: "data_batch_*.bin". */
  public String filesDescription(boolean test) {
    return test ? testFiles : trainFiles;
  }

  /** Whether a file named {@code name} is one of this format's training (or test) files. */
  public boolean isDataFile(String name, boolean test) {
    return (test ? testPattern : trainPattern).matcher(name).matches();
  }

  /** The format whose file names {@code name} follows, or null for a name no format uses. */
  public static DataFormat ofFileName(String name) {
    for (DataFormat f : values()) {
      if (f.anyFile.matcher(name).matches()) {
        return f;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return id;
  }
}
