package dev.sparksvm.data;

import dev.sparksvm.core.Batch;
import dev.sparksvm.core.FloatBatch;
import java.io.IOException;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The images of one partition, cached compactly: raw uint8 pixels ({@code imageBytes} per image,
 * record order) in chunks of at most {@link MemoryPlan#CHUNK_BYTES} bytes, so no Java array limits
 * a partition's size, and one array of labels, i.e. the record's bytes per image plus a few dozen
 * bytes per chunk, instead of one Java object per image. Labels are unsigned bytes, so at most
 * {@value #MAX_CLASSES} classes.
 *
 * <p>The first {@link #memoryImages()} images are in memory; the rest, when a {@link MemoryPlan}
 * says they do not fit, are in a file on local disk in the same layout ({@link DiskRows}), of which
 * a step reads only its sampled rows. Their pixel sums, taken while the file was written, stay in
 * memory for the training mean.
 *
 * <p>Preprocessing happens when rows are copied into a {@link Batch} ({@link #centred}): the
 * training mean is subtracted and the bias feature appended on the fly, so no second (float or
 * double) copy of the data is kept; a {@link FloatBatch} is filled the same way, in single
 * precision. Where a pixel is stored never changes the values a batch gets.
 *
 * <p>A block's file lives as long as the block: {@link #close} deletes it, and Spark calls it when
 * it removes a cached block from memory, on unpersist and on eviction alike (its {@code
 * MemoryStore} closes every {@link AutoCloseable} value it drops, holding the block's write lock,
 * so no task is reading it); a block that becomes unreachable otherwise (one Spark did not cache)
 * loses its file to a {@link java.lang.ref.Cleaner} at the latest.
 */
public final class ImageBlock implements FeatureBlock, Serializable, AutoCloseable {
  private static final long serialVersionUID = 3L;

  /** Labels are stored as unsigned bytes. */
  public static final int MAX_CLASSES = 256;

  private final BlockPixels rows;

  /** The pixel sums of the images on disk (null without), taken as they were written. */
  private final long[] diskSums;

  /** Wraps the arrays (not copied); {@code pixels.length == labels.length * imageBytes}. */
  public ImageBlock(byte[] pixels, byte[] labels, int imageBytes) {
    this(new byte[][] {pixels}, Math.max(1, labels.length), labels, imageBytes, null, null);
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
  }

  private ImageBlock(
      byte[][] chunks,
      int chunkImages,
      byte[] labels,
      int imageBytes,
      DiskRows disk,
      long[] diskSums) {
    this.rows = new BlockPixels(chunks, chunkImages, labels, imageBytes, disk);
    this.diskSums = diskSums;
  }

  /** Number of images. */
  @Override
  public int size() {
    return rows.labels.length;
  }

  /** Bytes of one image. */
  public int imageBytes() {
    return rows.imageBytes;
  }

  /** Images whose pixels are in memory: the first ones; the rest are on local disk. */
  public int memoryImages() {
    return rows.memoryImages;
  }

  /** Label of image {@code i}. */
  public int label(int i) {
    return rows.labels[i] & 0xFF;
  }

  /** Pixel {@code j} (record order) of image {@code i}, as 0..255. */
  public int pixel(int i, int j) {
    if (i >= rows.memoryImages) {
      byte[] row = new byte[rows.imageBytes];
      rows.disk.read(new int[] {i}, new int[] {0}, 1, row);
      return row[j] & 0xFF;
    }
    return rows.chunk(i)[rows.offset(i) + j] & 0xFF;
  }

  /** Bytes held in memory: the in-memory pixels and every label. */
  public long payloadBytes() {
    return (long) rows.memoryImages * rows.imageBytes + rows.labels.length;
  }

  /** Bytes of pixels on local disk. */
  public long diskBytes() {
    return (long) (rows.labels.length - rows.memoryImages) * rows.imageBytes;
  }

  /** Adds every image's pixels into {@code sums} (one per pixel); used for the training mean. */
  public void addPixelSums(long[] sums) {
    int imageBytes = rows.imageBytes;
    if (sums.length != imageBytes) {
      throw new IllegalArgumentException(
          sums.length + " sums for images of " + imageBytes + " bytes");
    }
    for (int i = 0; i < rows.memoryImages; i++) {
      byte[] pixels = rows.chunk(i);
      int base = rows.offset(i);
      RowLoops.addPixels(pixels, base, sums, imageBytes);
    }
    if (diskSums != null) {
      for (int j = 0; j < imageBytes; j++) {
        sums[j] += diskSums[j];
      }
    }
  }

  /**
   * Deletes the file of the images on local disk, if any: the block is being dropped. Idempotent;
   * the block's rows on disk cannot be read afterwards.
   */
  @Override
  public void close() {
    if (rows.disk != null) {
      rows.disk.close();
    }
  }

  /** This block with every image in memory: itself when none is on disk, else a copy. */
  public ImageBlock inMemory() {
    if (rows.disk == null) {
      return this;
    }
    Builder copy = new Builder(size(), rows.imageBytes);
    InMemoryCopy.copy(rows, size(), (pixels, offset, i) -> copy.add(pixels, offset, label(i)));
    return copy.build();
  }

  /**
   * A block with a disk part travels whole, in memory ({@link #inMemory}): its file is on the
   * machine that wrote it, and only this block may delete it. Spark serializes a cached block when
   * another executor fetches it, holding the block's read lock, so the file is there to read.
   */
  private Object writeReplace() throws ObjectStreamException {
    return inMemory();
  }

  /**
   * The images as feature rows: pixel minus {@code mean}, then the bias 1. The view is made per
   * task and counts the rows copied out through it, which shows what a step reads of its block.
   */
  public CentredRows centred(double[] mean) {
    if (mean.length != rows.imageBytes) {
      throw new IllegalArgumentException(
          "a mean of " + mean.length + " values for images of " + rows.imageBytes + " bytes");
    }
    return new CentredRows(rows, mean);
  }

  /**
   * The images through {@code preprocessing}, which must be a mean subtraction (the image path does
   * not scale): the same view as {@link #centred}, over memory and disk alike.
   */
  @Override
  public CentredRows rows(Preprocessing preprocessing) {
    if (preprocessing.scaled()) {
      throw new IllegalArgumentException("image blocks are centred, not scaled");
    }
    return centred(preprocessing.mean());
  }

  /**
   * Fills a block image by image, in order: the in-memory images into chunks of the final sizes,
   * the rest, when there are any, straight into their file; no per-image objects.
   */
  public static final class Builder {
    private final byte[][] chunks;
    private final int chunkImages;
    private final byte[] labels;
    private final int imageBytes;
    private final int memoryImages;
    private final Supplier<Path> diskFile;
    private DiskRows.Writer writer;
    private int count;

    /** A builder of a block of exactly {@code size} images of {@code imageBytes} bytes. */
    public Builder(int size, int imageBytes) {
      this(size, imageBytes, size, null, MemoryPlan.CHUNK_BYTES);
    }

    /**
     * A builder whose first {@code memoryImages} images stay in memory and whose others go to the
     * file {@code diskFile} gives (asked for once, when the first of them arrives).
     */
    public Builder(int size, int imageBytes, int memoryImages, Supplier<Path> diskFile) {
      this(size, imageBytes, memoryImages, diskFile, MemoryPlan.CHUNK_BYTES);
    }

    /** As above, with chunks of {@code chunkBytes} (tests make them small). */
    Builder(int size, int imageBytes, int memoryImages, Supplier<Path> diskFile, int chunkBytes) {
      if (imageBytes < 1 || imageBytes > chunkBytes) {
        throw new IllegalArgumentException(
            "an image of " + imageBytes + " bytes in chunks of " + chunkBytes);
      }
      if (memoryImages < 0 || memoryImages > size || (memoryImages < size && diskFile == null)) {
        throw new IllegalArgumentException(
            memoryImages + " of " + size + " images in memory, disk file " + diskFile);
      }
      this.chunkImages = chunkBytes / imageBytes;
      int n = (memoryImages + chunkImages - 1) / chunkImages;
      this.chunks = new byte[Math.max(1, n)][];
      for (int c = 0; c < n; c++) {
        int images = Math.min(chunkImages, memoryImages - c * chunkImages);
        chunks[c] = new byte[images * imageBytes];
      }
      if (n == 0) {
        chunks[0] = new byte[0];
      }
      this.labels = new byte[size];
      this.imageBytes = imageBytes;
      this.memoryImages = memoryImages;
      this.diskFile = diskFile;
    }

    /** Appends the image at {@code source[offset ..]} with label {@code label} (0..255). */
    public void add(byte[] source, int offset, int label) {
      if (count < memoryImages) {
        System.arraycopy(
            source,
            offset,
            chunks[count / chunkImages],
            (count % chunkImages) * imageBytes,
            imageBytes);
      } else {
        if (writer == null) {
          writer = DiskRows.writer(diskFile.get(), count, labels.length - count, imageBytes);
        }
        writer.add(source, offset);
      }
      labels[count++] = (byte) label;
    }

    /** The block; every image must have been added. */
    public ImageBlock build() {
      if (count != labels.length) {
        discard();
        throw new IllegalStateException("got " + count + " images for a block of " + labels.length);
      }
      if (writer == null) {
        return new ImageBlock(chunks, chunkImages, labels, imageBytes, null, null);
      }
      try {
        DiskRows disk = writer.close();
        return new ImageBlock(chunks, chunkImages, labels, imageBytes, disk, writer.sums());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Drops the file written so far, if any (the read failed). */
    public void discard() {
      if (writer != null) {
        writer.discard();
      }
    }
  }
}
