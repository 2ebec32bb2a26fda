package dev.sparksvm.options;

import dev.sparksvm.data.DataFormat;
import java.util.Locale;

/**
 * What {@code --format} names: one of the binary image layouts ({@link DataFormat}, read into
 * cached uint8 blocks) or a source Spark reads as a DataFrame of a label and a feature vector a row
 * ({@code libsvm}, {@code parquet}, a folder tree of {@code images}), trained through the spark.ml
 * estimator's path.
 */
public enum InputFormat {
  /** CIFAR-10's binary batches. */
  CIFAR10(DataFormat.CIFAR10),
  /** CIFAR-100's binary files. */
  CIFAR100(DataFormat.CIFAR100),
  /** IDX (MNIST and its family). */
  IDX(DataFormat.IDX),
  /** LIBSVM text, through Spark's {@code libsvm} data source ({@code --features N} when needed). */
  LIBSVM(null),
  /** Parquet: a vector, array or numeric columns of features and a label column. */
  PARQUET(null),
  /** A folder of PNG or JPEG files, one subfolder per class (torchvision's ImageFolder). */
  IMAGES(null);

  private final DataFormat binary;

  InputFormat(DataFormat binary) {
    this.binary = binary;
  }

  /** The binary layout, or null for a DataFrame source. */
  public DataFormat binary() {
    return binary;
  }

  /** Whether Spark reads it as a DataFrame (not as fixed-size binary records). */
  public boolean frame() {
    return binary == null;
  }

  /** The name on the command line. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
