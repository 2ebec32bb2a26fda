package dev.sparksvm.data;

import java.util.ArrayList;
import java.util.List;

/** Test fixture: in-memory {@link ImageBlock}s made from {@link SyntheticCifar10#records}. */
public final class SyntheticBlocks {
  private SyntheticBlocks() {}

  /** One block holding the given CIFAR-10 records, in order. */
  public static ImageBlock of(byte[] records) {
    int n = records.length / Cifar10.RECORD_BYTES;
    byte[] pixels = new byte[n * Cifar10.PIXELS];
    byte[] labels = new byte[n];
    for (int i = 0; i < n; i++) {
      labels[i] = records[i * Cifar10.RECORD_BYTES];
      System.arraycopy(
          records, i * Cifar10.RECORD_BYTES + 1, pixels, i * Cifar10.PIXELS, Cifar10.PIXELS);
    }
    return new ImageBlock(pixels, labels, Cifar10.PIXELS);
  }

  /** {@code images} synthetic images dealt round-robin into {@code partitions} blocks. */
  public static List<ImageBlock> partitions(int images, int partitions, long seed) {
    byte[] records = SyntheticCifar10.records(images, seed);
    List<ImageBlock> blocks = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      int count = (images - p + partitions - 1) / partitions;
      byte[] mine = new byte[count * Cifar10.RECORD_BYTES];
      for (int k = 0; k < count; k++) {
        System.arraycopy(
            records,
            (p + k * partitions) * Cifar10.RECORD_BYTES,
            mine,
            k * Cifar10.RECORD_BYTES,
            Cifar10.RECORD_BYTES);
      }
      blocks.add(of(mine));
    }
    return blocks;
  }

  /** Per-pixel mean of the blocks, by a plain loop over every pixel. */
  public static double[] mean(List<ImageBlock> blocks) {
    double[] mean = new double[Cifar10.PIXELS];
    long n = 0;
    for (ImageBlock b : blocks) {
      for (int i = 0; i < b.size(); i++) {
        for (int j = 0; j < Cifar10.PIXELS; j++) {
          mean[j] += b.pixel(i, j);
        }
      }
      n += b.size();
    }
    for (int j = 0; j < mean.length; j++) {
      mean[j] /= n;
    }
    return mean;
  }
}
