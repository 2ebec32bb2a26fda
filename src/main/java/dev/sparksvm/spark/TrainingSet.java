package dev.sparksvm.spark;

import dev.sparksvm.data.BatchSampler;
import dev.sparksvm.data.InvalidDataException;
import dev.sparksvm.input.ImageFiles;
import dev.sparksvm.input.RecordSelection;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The cached training and validation images of a run, and the training mean.
 *
 * @param train the training images (all but the validation split)
 * @param validation the held-out images
 * @param mean the per-pixel mean of the training images
 */
public record TrainingSet(ImageData train, ImageData validation, double[] mean) {

  /**
   * Loads {@code files}, holding out {@code validationCount} images chosen by {@code seed} (the
   * choice does not depend on the partition count), and computes the training mean.
   */
  public static TrainingSet load(
      JavaSparkContext sc, ImageFiles files, int validationCount, int partitions, long seed) {
    long total = files.totalRecords();
    if (validationCount < 0 || validationCount >= total) {
      throw new InvalidDataException(
          "--val must be in 0.."
              + (total - 1)
              + " (the data has "
              + total
              + " images), got "
              + validationCount);
    }
    if (total > Integer.MAX_VALUE) {
      throw new InvalidDataException(
          "more than " + Integer.MAX_VALUE + " images are not supported");
    }
    int[] chosen = BatchSampler.sample(seed, -1, -1, (int) total, validationCount);
    long[] held = new long[chosen.length];
    for (int i = 0; i < chosen.length; i++) {
      held[i] = chosen[i];
    }
    ImageData train =
        ImageLoader.load(sc, files, RecordSelection.allBut(held), partitions, "train images");
    ImageData validation =
        ImageLoader.load(
            sc,
            files,
            RecordSelection.only(held),
            Math.max(1, Math.min(partitions, validationCount)),
            "validation images");
    return new TrainingSet(train, validation, train.pixelMean());
  }

  /** Drops the cached images. */
  public void unpersist() {
    train.unpersist();
    validation.unpersist();
  }
}
