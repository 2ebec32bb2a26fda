package dev.sparksvm.data;

import java.io.Serializable;

/**
 * Per-pixel sums of a set of images and their count, for the training mean. Sums are exact longs,
 * so merging partial sums in any order gives the same mean.
 */
public final class PixelSums implements Serializable {
  private static final long serialVersionUID = 1L;
  private final long[] sums;
  private long images;

  /** Zero sums for images of {@code pixels} bytes. */
  public PixelSums(int pixels) {
    this.sums = new long[pixels];
  }

  /** Adds every image of the block and returns this. */
  public PixelSums add(ImageBlock block) {
    block.addPixelSums(sums);
    images += block.size();
    return this;
  }

  /** Adds the other sums into these and returns this. */
  public PixelSums merge(PixelSums other) {
    if (other.sums.length != sums.length) {
      throw new IllegalArgumentException(
          "cannot merge sums of " + sums.length + " and " + other.sums.length + " pixels");
    }
    for (int j = 0; j < sums.length; j++) {
      sums[j] += other.sums[j];
    }
    images += other.images;
    return this;
  }

  /** Images counted. */
  public long images() {
    return images;
  }

  /** The per-pixel mean, in record order. */
  public double[] mean() {
    if (images == 0) {
      throw new IllegalStateException("cannot take the mean of an empty image set");
    }
    double[] mean = new double[sums.length];
    double n = images;
    for (int j = 0; j < mean.length; j++) {
      mean[j] = sums[j] / n;
    }
    return mean;
  }

  /** The mean of in-memory blocks (tests, local runs). */
  public static double[] meanOf(Iterable<ImageBlock> blocks, int pixels) {
    PixelSums s = new PixelSums(pixels);
    for (ImageBlock b : blocks) {
      s.add(b);
    }
    return s.mean();
  }
}
