package dev.sparksvm.data;

/**
 * Copies the pixels of a block with a disk part, image by image and in order, to a sink (what
 * {@link ImageBlock#inMemory} builds its all-in-memory copy from): the in-memory images chunk by
 * chunk, the disk part in runs of positioned reads, so a block that must travel (Spark serializes a
 * cached block when another executor fetches it) carries its pixels, not the name of a file on
 * another machine.
 */
final class InMemoryCopy {
  /** Bytes of one positioned read of the disk part: few reads, a bounded buffer. */
  private static final int RUN_BYTES = 4 << 20;

  /** Receives image {@code i}'s pixels at {@code offset} of {@code pixels}, in image order. */
  interface Sink {
    void add(byte[] pixels, int offset, int image);
  }

  private InMemoryCopy() {}

  static void copy(BlockPixels rows, int size, Sink sink) {
    int p = rows.imageBytes;
    for (int i = 0; i < rows.memoryImages; i++) {
      sink.add(rows.chunk(i), rows.offset(i), i);
    }
    int run = Math.max(1, RUN_BYTES / p);
    int[] images = new int[run];
    int[] slots = new int[run];
    byte[] buffer = new byte[run * p];
    for (int from = rows.memoryImages; from < size; from += run) {
      int n = Math.min(run, size - from);
      for (int k = 0; k < n; k++) {
        images[k] = from + k;
        slots[k] = k;
      }
      rows.disk.read(images, slots, n, buffer);
      for (int k = 0; k < n; k++) {
        sink.add(buffer, k * p, from + k);
      }
    }
  }
}
