package dev.sparksvm.spark;

import dev.sparksvm.data.Cifar10;
import dev.sparksvm.data.ImageBlock;

/** The per-pixel mean of a cached image set, in one distributed pass. */
public final class PixelMean {
  private PixelMean() {}

  /** 3072 means, in record order. Sums are exact longs, so the result never depends on merge order. */
  public static double[] of(ImageData data) {
    if (data.count() == 0) {
      throw new IllegalArgumentException("cannot take the mean of an empty image set");
    }
    long[] sums = data.blocks().treeAggregate(new long[Cifar10.PIXELS],
        (acc, block) -> {
          block.addPixelSums(acc);
          return acc;
        },
        (a, b) -> {
          for (int j = 0; j < a.length; j++) {
            a[j] += b[j];
          }
          return a;
        });
    double[] mean = new double[Cifar10.PIXELS];
    double n = data.count();
    for (int j = 0; j < mean.length; j++) {
      mean[j] = sums[j] / n;
    }
    return mean;
  }

  /** The mean of in-memory blocks, for tests and local runs. */
  public static double[] of(Iterable<ImageBlock> blocks) {
    long[] sums = new long[Cifar10.PIXELS];
    long n = 0;
    for (ImageBlock b : blocks) {
      b.addPixelSums(sums);
      n += b.size();
    }
    double[] mean = new double[Cifar10.PIXELS];
    for (int j = 0; j < mean.length; j++) {
      mean[j] = sums[j] / (double) n;
    }
    return mean;
  }
}
