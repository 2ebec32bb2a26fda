package dev.sparksvm.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * The images of a block that stay on local disk: a file of their raw uint8 pixels, {@code
 * imageBytes} per image in block order, the compact layout of the in-memory chunks. Rows are read
 * by position ({@link FileChannel#read(ByteBuffer, long)}), in ascending offset order, adjacent
 * rows in one read: a step reads its sampled rows, not the file. Where the OS page cache holds the
 * file, that is a copy from memory; where it does not, each row is a random read of the device, and
 * {@link #readAsync} issues them from several threads at once ({@link DiskReaders}), so that the
 * device sees a queue of requests instead of one at a time.
 *
 * <p>This object owns the file: it is deleted by {@link #close} (when Spark drops the block that
 * holds these rows: {@link ImageBlock#close}), and at the latest when this object becomes
 * unreachable ({@link Cleaner}): a block Spark evicts, or one it never cached, takes its file with
 * it. An object that a running task (or a read it started) can still reach is not
 * phantom-reachable, so the cleaner never deletes a file under a reader. Not serializable: the file
 * is on the machine that wrote it, and a copy elsewhere (or a second owner here) must never delete
 * or outlive it; a block with a disk part travels as an in-memory copy instead ({@link
 * ImageBlock}'s {@code writeReplace}).
 */
final class DiskRows implements AutoCloseable {
  /** One daemon thread for the whole JVM deletes the files of unreachable rows. */
  private static final Cleaner CLEANER = Cleaner.create();

  private final Path path;
  private final int first;
  private final int images;
  private final int imageBytes;
  private final OpenFile file;
  private final Cleaner.Cleanable cleanable;

  private DiskRows(Path path, int first, int images, int imageBytes) {
    this.path = path;
    this.first = first;
    this.images = images;
    this.imageBytes = imageBytes;
    this.file = new OpenFile(path);
    this.cleanable = CLEANER.register(this, file);
  }

  /**
   * The file and the one channel its readers share (positioned reads need no lock), opened on the
   * first read; running it closes the channel and deletes the file, once: what the cleaner runs
   * when the rows become unreachable, or {@link #close} first. It must not refer to the rows (they
   * would never become unreachable).
   */
  private static final class OpenFile implements Runnable {
    private final Path path;
    private FileChannel channel;
    private boolean deleted;

    OpenFile(Path path) {
      this.path = path;
    }

    synchronized FileChannel channel() throws IOException {
      if (deleted) {
        throw new IllegalStateException(
            "the rows in " + path + " were deleted: their block was dropped from memory");
      }
      if (channel == null) {
        channel = FileChannel.open(path, StandardOpenOption.READ);
      }
      return channel;
    }

    @Override
    public synchronized void run() {
      deleted = true;
      try {
        if (channel != null) {
          channel.close();
        }
        Files.deleteIfExists(path);
      } catch (IOException e) {
        // Thrown to close()'s caller; the cleaner's thread ignores it, and the file goes with the
        // executor's local directories at the latest.
        throw new UncheckedIOException("cannot delete " + path + ": " + e.getMessage(), e);
      }
    }
  }

  /** The block index of the first image in the file. */
  int first() {
    return first;
  }

  /**
   * Copies images {@code blockImages[0 .. count)} (block indices, at least {@link #first()}) into
   * {@code out}, image k at {@code slots[k] * imageBytes}, in this thread.
   */
  void read(int[] blockImages, int[] slots, int count, byte[] out) {
    read(order(blockImages, count), 0, count, slots, out);
  }

  /**
   * As {@link #read}, by up to {@code stripes} of the reader threads at once, each reading a
   * contiguous run of the rows in offset order; completes when every row is in {@code out}.
   */
  CompletableFuture<Void> readAsync(
      int[] blockImages, int[] slots, int count, byte[] out, int stripes) {
    long[] order = order(blockImages, count);
    int n = Math.max(1, Math.min(stripes, count));
    CompletableFuture<?>[] parts = new CompletableFuture<?>[n];
    for (int s = 0; s < n; s++) {
      int from = (int) ((long) s * count / n);
      int to = (int) ((long) (s + 1) * count / n);
      parts[s] =
          CompletableFuture.runAsync(() -> read(order, from, to, slots, out), DiskReaders.pool());
    }
    return CompletableFuture.allOf(parts);
  }

  /** Row (in the file) and position (in the request) of each image, in ascending row order. */
  private long[] order(int[] blockImages, int count) {
    long[] order = new long[count];
    for (int k = 0; k < count; k++) {
      int row = blockImages[k] - first;
      if (row < 0 || row >= images) {
        throw new IndexOutOfBoundsException("image " + blockImages[k] + " is not on disk");
      }
      order[k] = ((long) row << 32) | k;
    }
    Arrays.sort(order);
    return order;
  }

  /** Reads the images {@code order[from .. to)} to their slots. */
  private void read(long[] order, int from, int to, int[] slots, byte[] out) {
    try {
      FileChannel channel = file.channel();
      int k = from;
      while (k < to) {
        int row = (int) (order[k] >>> 32);
        int slot = slots[(int) order[k]];
        int run = 1;
        // Adjacent on disk and adjacent in the output: one read.
        while (k + run < to
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

  /** The file of the rows. */
  Path path() {
    return path;
  }

  /** Deletes the file (at most once; later reads fail). */
  @Override
  public void close() {
    cleanable.clean();
  }

  /**
   * A writer of the file of {@code images} images of {@code imageBytes}, the first of them image
   * {@code first} of the block. Whether the disk has room is the caller's to check, before it reads
   * anything (the Spark layer: {@code spark.LocalDisk}).
   */
  static Writer writer(Path file, int first, int images, int imageBytes) {
    DiskRows rows = new DiskRows(file, first, images, imageBytes);
    try {
      return new Writer(rows, file);
    } catch (IOException e) {
      rows.close();
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
      RowLoops.addPixels(source, offset, sums, p);
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
      try {
        out.close();
      } catch (IOException e) {
        rows.close();
        throw e;
      }
      if (written != rows.images) {
        rows.close();
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
      rows.close();
    }
  }
}
