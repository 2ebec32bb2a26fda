package dev.sparksvm.data;

import dev.sparksvm.core.Batch;
import dev.sparksvm.core.BatchRows;
import dev.sparksvm.core.FloatBatch;
import java.io.Serializable;

/**
 * The images of one partition, cached compactly: one array of raw uint8 pixels ({@code size x
 * imageBytes}, record order) and one array of labels, i.e. the record's bytes per image plus a few
 * dozen bytes per block, instead of one Java object per image. Labels are unsigned bytes, so at
 * most {@value #MAX_CLASSES} classes.
 *
 * <p>Preprocessing happens when rows are copied into a {@link Batch} ({@link #centred}): the
 * training mean is subtracted and the bias feature appended on the fly, so no second (float or
 * double) copy of the data is kept; a {@link FloatBatch} is filled the same way, in single
 * precision.
 */
public final class ImageBlock implements FeatureBlock, Serializable {
  private static final long serialVersionUID = 2L;

  /** Labels are stored as unsigned bytes. */
  public static final int MAX_CLASSES = 256;

  private final byte[] pixels;
  private final byte[] labels;
  private final int imageBytes;

  /** Wraps the arrays (not copied); {@code pixels.length == labels.length * imageBytes}. */
  public ImageBlock(byte[] pixels, byte[] labels, int imageBytes) {
    if (imageBytes < 1 || pixels.length != (long) labels.length * imageBytes) {
      throw new IllegalArgumentException(
          "an image block of "
              + labels.length
              + " images of "
              + imageBytes
              + " bytes needs "
              + (long) labels.length * imageBytes
              + " pixel bytes, got "
              + pixels.length);
    }
    this.pixels = pixels;
    this.labels = labels;
    this.imageBytes = imageBytes;
  }

  /** Number of images. */
  @Override
  public int size() {
    return labels.length;
  }

  /** Bytes of one image. */
  public int imageBytes() {
    return imageBytes;
  }

  /** Label of image {@code i}. */
  public int label(int i) {
    return labels[i] & 0xFF;
  }

  /** Pixel {@code j} (record order) of image {@code i}, as 0..255. */
  public int pixel(int i, int j) {
    return pixels[i * imageBytes + j] & 0xFF;
  }

  /** Bytes held by the two arrays. */
  public long payloadBytes() {
    return (long) pixels.length + labels.length;
  }

  /** Adds every image's pixels into {@code sums} (one per pixel); used for the training mean. */
  public void addPixelSums(long[] sums) {
    if (sums.length != imageBytes) {
      throw new IllegalArgumentException(
          sums.length + " sums for images of " + imageBytes + " bytes");
    }
    for (int i = 0; i < labels.length; i++) {
      int base = i * imageBytes;
      for (int j = 0; j < imageBytes; j++) {
        sums[j] += pixels[base + j] & 0xFF;
      }
    }
  }

  /**
   * Fills a block image by image, in order: one pixel array and one label array of the final size,
   * no per-image objects.
   */
  public static final class Builder {
    private final byte[] pixels;
    private final byte[] labels;
    private final int imageBytes;
    private int count;

    /** A builder of a block of exactly {@code size} images of {@code imageBytes} bytes. */
    public Builder(int size, int imageBytes) {
      long bytes = (long) size * imageBytes;
      if (imageBytes < 1 || bytes > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException(
            size
                + " images of "
                + imageBytes
                + " bytes do not fit "
                + "in one block; use more partitions");
      }
      this.pixels = new byte[(int) bytes];
      this.labels = new byte[size];
      this.imageBytes = imageBytes;
    }

    /** Appends the image at {@code source[offset ..]} with label {@code label} (0..255). */
    public void add(byte[] source, int offset, int label) {
      System.arraycopy(source, offset, pixels, count * imageBytes, imageBytes);
      labels[count++] = (byte) label;
    }

    /** The block; every image must have been added. */
    public ImageBlock build() {
      if (count != labels.length) {
        throw new IllegalStateException("got " + count + " images for a block of " + labels.length);
      }
      return new ImageBlock(pixels, labels, imageBytes);
    }
  }

  /**
   * The images as feature rows: pixel minus {@code mean}, then the bias 1. The view is made per
   * task and counts the rows copied out through it, which shows what a step reads of its block.
   */
  public CentredRows centred(double[] mean) {
    if (mean.length != imageBytes) {
      throw new IllegalArgumentException(
          "a mean of " + mean.length + " values for images of " + imageBytes + " bytes");
    }
    return new CentredRows(this, mean);
  }

  /**
   * The images through {@code preprocessing}, which must be a mean subtraction (the image path does
   * not scale): the same view as {@link #centred}.
   */
  @Override
  public CentredRows rows(Preprocessing preprocessing) {
    if (preprocessing.scaled()) {
      throw new IllegalArgumentException("image blocks are centred, not scaled");
    }
    return centred(preprocessing.mean());
  }

  /**
   * The preprocessing of {@link #centred}: rows are copied on demand, never stored. It is the only
   * way a batch reads a block's pixels, so {@link #rowsCopied()} is what a computation read of the
   * block. Not thread-safe (one per task).
   */
  public static final class CentredRows implements FeatureBlock.Rows {
    private final ImageBlock block;
    private final double[] mean;
    private long rowsCopied;

    private CentredRows(ImageBlock block, double[] mean) {
      this.block = block;
      this.mean = mean;
    }

    /** Rows copied out of the block through this view so far. */
    @Override
    public long rowsCopied() {
      return rowsCopied;
    }

    @Override
    public int size() {
      return block.size();
    }

    @Override
    public int features() {
      return block.imageBytes + 1;
    }

    @Override
    public void fill(Batch batch, int[] indices, int from, int to) {
      check(batch.capacity(), batch.features(), to - from);
      byte[] pixels = block.pixels;
      int p = block.imageBytes;
      int d = p + 1;
      double[] x = batch.x();
      for (int r = 0; r < to - from; r++) {
        int src = image(indices, from + r) * p;
        int dst = r * d;
        for (int j = 0; j < p; j++) {
          x[dst + j] = (pixels[src + j] & 0xFF) - mean[j];
        }
        x[dst + p] = 1.0;
      }
      labelRows(batch, indices, from, to);
    }

    @Override
    public void fill(FloatBatch batch, int[] indices, int from, int to) {
      check(batch.capacity(), batch.features(), to - from);
      byte[] pixels = block.pixels;
      int p = block.imageBytes;
      int d = p + 1;
      float[] x = batch.x();
      for (int r = 0; r < to - from; r++) {
        int src = image(indices, from + r) * p;
        int dst = r * d;
        for (int j = 0; j < p; j++) {
          // The double difference, rounded once: the float nearest the double path's value.
          x[dst + j] = (float) ((pixels[src + j] & 0xFF) - mean[j]);
        }
        x[dst + p] = 1.0f;
      }
      labelRows(batch, indices, from, to);
    }

    /**
     * The image at position {@code i} of the chosen rows (all rows in order when there is no list).
     */
    private static int image(int[] indices, int i) {
      return indices == null ? i : indices[i];
    }

    /** Labels of rows {@code from..to-1}, and the rows declared filled and counted as read. */
    private void labelRows(BatchRows batch, int[] indices, int from, int to) {
      int[] y = batch.labels();
      for (int r = 0; r < to - from; r++) {
        y[r] = block.labels[image(indices, from + r)] & 0xFF;
      }
      rowsCopied += to - from;
      batch.setRows(to - from);
    }

    private void check(int capacity, int features, int rows) {
      if (rows > capacity || features != features()) {
        throw new IllegalArgumentException(
            "a batch of "
                + capacity
                + " x "
                + features
                + " cannot take "
                + rows
                + " rows of "
                + features()
                + " features");
      }
    }
  }
}
