package dev.sparksvm.data;

import dev.sparksvm.core.Batch;
import java.io.Serializable;

/**
 * The images of one partition, cached compactly: one array of raw uint8 pixels ({@code size x 3072},
 * record order) and one array of labels, i.e. 3073 bytes per image plus a few dozen bytes per block,
 * instead of one Java object per image.
 *
 * <p>Preprocessing happens when rows are copied into a {@link Batch}: the training mean is subtracted
 * and the bias feature appended on the fly, so no second (float or double) copy of the data is kept.
 */
public final class ImageBlock implements Serializable {
  private static final long serialVersionUID = 1L;
  private final byte[] pixels;
  private final byte[] labels;

  /** Wraps the arrays (not copied); {@code pixels.length == labels.length * 3072}. */
  public ImageBlock(byte[] pixels, byte[] labels) {
    if (pixels.length != (long) labels.length * Cifar10.PIXELS) {
      throw new IllegalArgumentException("an image block of " + labels.length + " images needs "
          + (long) labels.length * Cifar10.PIXELS + " pixel bytes, got " + pixels.length);
    }
    this.pixels = pixels;
    this.labels = labels;
  }

  /** Number of images. */
  public int size() {
    return labels.length;
  }

  /** Label of image {@code i}. */
  public int label(int i) {
    return labels[i];
  }

  /** Pixel {@code j} (0..3071, record order) of image {@code i}, as 0..255. */
  public int pixel(int i, int j) {
    return pixels[i * Cifar10.PIXELS + j] & 0xFF;
  }

  /** Bytes held by the two arrays. */
  public long payloadBytes() {
    return (long) pixels.length + labels.length;
  }

  /** Adds every image's pixels into {@code sums} (length 3072); used for the training mean. */
  public void addPixelSums(long[] sums) {
    for (int i = 0; i < labels.length; i++) {
      int base = i * Cifar10.PIXELS;
      for (int j = 0; j < Cifar10.PIXELS; j++) {
        sums[j] += pixels[base + j] & 0xFF;
      }
    }
  }

  /**
   * Copies images {@code indices[from .. to)} into the batch as preprocessed rows: pixel minus
   * {@code mean}, then the bias 1.
   */
  public void fill(Batch batch, int[] indices, int from, int to, double[] mean) {
    int rows = to - from;
    if (rows > batch.capacity()) {
      throw new IllegalArgumentException("batch holds " + batch.capacity() + " rows, asked for "
          + rows);
    }
    double[] x = batch.x();
    int[] y = batch.labels();
    int d = Cifar10.FEATURES;
    for (int r = 0; r < rows; r++) {
      int image = indices[from + r];
      int src = image * Cifar10.PIXELS;
      int dst = r * d;
      for (int j = 0; j < Cifar10.PIXELS; j++) {
        x[dst + j] = (pixels[src + j] & 0xFF) - mean[j];
      }
      x[dst + Cifar10.PIXELS] = 1.0;
      y[r] = labels[image];
    }
    batch.setRows(rows);
  }

  /** Copies images {@code first .. first + rows - 1} into the batch, preprocessed as {@link #fill}. */
  public void fillRange(Batch batch, int first, int rows, double[] mean) {
    int[] indices = new int[rows];
    for (int r = 0; r < rows; r++) {
      indices[r] = first + r;
    }
    fill(batch, indices, 0, rows, mean);
  }
}
