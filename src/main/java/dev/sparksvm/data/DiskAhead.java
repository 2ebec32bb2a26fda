package dev.sparksvm.data;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A block's rows on disk for the chunks a kernel is about to fill, read ahead. A kernel fills its
 * batch chunk by chunk from one list of rows ({@code BatchKernel}: 128 rows a chunk of doubles, 512
 * of floats), so once the first fill has shown the list and the chunk size, the disk rows of the
 * next {@link #AHEAD_ROWS} rows (at least one chunk) are read by the executor's reader threads
 * ({@link DiskReaders}), each chunk's rows by up to {@link #STRIPES} of them, while the kernel
 * computes on the chunk in hand: the device sees a queue of reads, and the reads overlap the GEMMs.
 * The bytes are the same whichever thread reads them. A fill that is not the list's next chunk (or
 * a chunk of fewer than {@link #MIN_CHUNK} rows, or any fill without reader threads) is read in the
 * caller's thread. Holds at most {@code AHEAD_ROWS} rows and one chunk more (7.7 MB of CIFAR images
 * at 512 a chunk). Not thread-safe (one per task, as its {@link CentredRows}).
 */
final class DiskAhead {
  /**
   * Rows read ahead of the chunk in hand, in whole chunks (at least one): 4 chunks of 512 rows, or
   * 16 of 128. In rows, not chunks, so that a smaller chunk keeps as many reads queued.
   */
  static final int AHEAD_ROWS = 2048;

  /** Reader threads a chunk's rows are split among at most. */
  static final int STRIPES = 8;

  /** Chunks smaller than this are read in the caller's thread: one row at a time is a lookup. */
  static final int MIN_CHUNK = 16;

  private final BlockPixels block;
  private final ArrayDeque<Chunk> pending = new ArrayDeque<>();
  private final ArrayDeque<byte[]> free = new ArrayDeque<>();

  /** The list whose chunks are read ahead (compared by identity; null: every row in order). */
  private int[] list;

  private int count;
  private int chunkRows;

  /** Chunks read ahead of the one in hand: {@link #AHEAD_ROWS} in chunks of this list's size. */
  private int ahead;

  /** Where the next chunk to read ahead starts. */
  private int next;

  /** The rows of the last fill, free again at the next. */
  private byte[] inHand;

  /**
   * A chunk being read: positions {@code [from, to)} of the list; rows null when none is on disk.
   */
  private record Chunk(int from, int to, byte[] rows, CompletableFuture<Void> read) {}

  DiskAhead(BlockPixels block) {
    this.block = block;
  }

  /**
   * The rows on disk among the list's positions {@code [from, to)}, each at its batch row ({@code
   * (position - from) * imageBytes}), or null when none is on disk; {@code count} is the list's
   * length (all rows when {@code indices} is null).
   */
  byte[] rows(int[] indices, int count, int from, int to) {
    if (inHand != null) {
      free.push(inHand);
      inHand = null;
    }
    Chunk head = pending.peek();
    if (indices != list || head == null || head.from != from || head.to != to) {
      if (to - from < MIN_CHUNK || DiskReaders.threads() == 0) {
        return readHere(indices, from, to);
      }
      // A new list, or not its next chunk: what was read ahead is not for this fill. Reads still
      // running finish into buffers nobody reuses.
      pending.clear();
      list = indices;
      this.count = count;
      chunkRows = to - from;
      ahead = Math.max(1, AHEAD_ROWS / chunkRows);
      next = from;
    }
    readAhead();
    Chunk chunk = pending.poll();
    readAhead(); // the next chunks' reads start before this one's rows are waited for and used
    try {
      chunk.read.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
    inHand = chunk.rows;
    return chunk.rows;
  }

  /** Starts reading chunks until {@code ahead} + 1 are pending or the list is done. */
  private void readAhead() {
    while (pending.size() <= ahead && next < count) {
      int from = next;
      int to = Math.min(count, from + chunkRows);
      next = to;
      int[] images = new int[to - from];
      int[] slots = new int[to - from];
      int n = diskRows(list, from, to, images, slots);
      if (n == 0) {
        pending.add(new Chunk(from, to, null, CompletableFuture.completedFuture(null)));
      } else {
        byte[] rows = buffer(chunkRows);
        pending.add(
            new Chunk(from, to, rows, block.disk.readAsync(images, slots, n, rows, STRIPES)));
      }
    }
  }

  /** The rows on disk among {@code [from, to)}, read in this thread. */
  private byte[] readHere(int[] indices, int from, int to) {
    int[] images = new int[to - from];
    int[] slots = new int[to - from];
    int n = diskRows(indices, from, to, images, slots);
    if (n == 0) {
      return null;
    }
    byte[] rows = buffer(to - from);
    block.disk.read(images, slots, n, rows);
    inHand = rows;
    return rows;
  }

  /** The images on disk among positions {@code [from, to)} and their batch rows; their count. */
  private int diskRows(int[] indices, int from, int to, int[] images, int[] slots) {
    int n = 0;
    for (int r = 0; r < to - from; r++) {
      int i = indices == null ? from + r : indices[from + r];
      if (i >= block.memoryImages) {
        images[n] = i;
        slots[n++] = r;
      }
    }
    return n;
  }

  /** A buffer for {@code rows} rows: a free one when it is large enough. */
  private byte[] buffer(int rows) {
    int bytes = rows * block.imageBytes;
    while (!free.isEmpty()) {
      byte[] b = free.pop();
      if (b.length >= bytes) {
        return b;
      }
    }
    return new byte[bytes];
  }
}
