package dev.sparksvm.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The images of a block that stay on local disk: a file of their raw uint8 pixels, {@code
 * imageBytes} per image in block order, the compact layout of the in-memory chunks. Rows are read
 * by position ({@link FileChannel#read(ByteBuffer, long)}), in ascending offset order, adjacent
 * rows in one read: a step reads its sampled rows, not the file. Where the OS page cache holds the
 * file, that is a copy from memory.
 */
final class DiskRows implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final int first;
  private final int images;
  private final int imageBytes;

  private DiskRows(Path path, int first, int images, int imageBytes) {
    this.path = path.toString();
    this.first = first;
    this.images = images;
    this.imageBytes = imageBytes;
  }

  /** The block index of the first image in the file. */
  int first() {
    return first;
  }

  /**
   * Copies images {@code blockImages[0 .. count)} (block indices, at least {@link #first()}) into
   * {@code out}, image k at {@code slots[k] * imageBytes}.
   */
  void read(int[] blockImages, int[] slots, int count, byte[] out) {
    long[] order = new long[count];
    for (int k = 0; k < count; k++) {
      int row = blockImages[k] - first;
      if (row < 0 || row >= images) {
        throw new IndexOutOfBoundsException("image " + blockImages[k] + " is not on disk");
      }
      order[k] = ((long) row << 32) | k;
    }
    Arrays.sort(order);
    try (FileChannel channel = FileChannel.open(Path.of(path), StandardOpenOption.READ)) {
      int k = 0;
      while (k < count) {
        int row = (int) (order[k] >>> 32);
        int slot = slots[(int) order[k]];
        int run = 1;
        // Adjacent on disk and adjacent in the output: one read.
        while (k + run < count
            && (int) (order[k + run] >>> 32) == row + run
            && slots[(int) order[k + run]] == slot + run) {
          run++;
        }
        readFully(channel, (long) row * imageBytes, out, slot * imageBytes, run * imageBytes);
        k += run;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + path + ": " + e.getMessage(), e);
    }
  }

  private static void readFully(FileChannel channel, long position, byte[] out, int at, int length)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(out, at, length);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position() - at) < 0) {
        throw new IOException("ends before byte " + (position + length));
      }
    }
  }

  /** Deletes the file. */
  void delete() {
    try {
      Files.deleteIfExists(Path.of(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A writer of the file of {@code images} images of {@code imageBytes}, the first of them image
   * {@code first} of the block; refuses, in one line with the numbers, a disk without the room.
   */
  static Writer writer(Path file, int first, int images, int imageBytes) {
    long bytes = (long) images * imageBytes;
    try {
      long free = Files.getFileStore(file.getParent()).getUsableSpace();
      if (free < bytes) {
        throw new InvalidDataException(
            String.format(
                "%,d images of %,d bytes need %,.1f MB of local disk in %s, which has %,.1f MB "
                    + "free; give the executors more memory or more local disk (spark.local.dir)",
                images, imageBytes, bytes / 1e6, file.getParent(), free / 1e6));
      }
      return new Writer(new DiskRows(file, first, images, imageBytes), file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Appends images to the file and sums their pixels (for the training mean). */
  static final class Writer {
    private final DiskRows rows;
    private final Path file;
    private final OutputStream out;
    private final long[] sums;
    private int written;

    private Writer(DiskRows rows, Path file) throws IOException {
      this.rows = rows;
      this.file = file;
      this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
      this.sums = new long[rows.imageBytes];
    }

    void add(byte[] source, int offset) {
      int p = rows.imageBytes;
      for (int j = 0; j < p; j++) {
        sums[j] += source[offset + j] & 0xFF;
      }
      try {
        out.write(source, offset, p);
      } catch (IOException e) {
        discard();
        throw new UncheckedIOException("writing " + file + ": " + e.getMessage(), e);
      }
      written++;
    }

    /** The pixel sums of the images written. */
    long[] sums() {
      return sums;
    }

    /** Closes the file, which must hold every image, and returns its rows. */
    DiskRows close() throws IOException {
      out.close();
      if (written != rows.images) {
        rows.delete();
        throw new IllegalStateException(
            "wrote " + written + " of " + rows.images + " images to " + file);
      }
      return rows;
    }

    /** Closes and deletes the file. */
    void discard() {
      try {
        out.close();
      } catch (IOException e) {
        // The file is being deleted: what failed to close does not matter.
      }
      rows.delete();
    }
  }
}
