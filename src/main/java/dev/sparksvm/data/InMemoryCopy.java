package dev.sparksvm.data;

/**
 * Copies a block with a disk part into one that is all in memory (what {@link ImageBlock#inMemory}
 * returns): the in-memory images chunk by chunk, the disk part in runs of positioned reads, so a
 * block that must travel (Spark serializes a cached block when another executor fetches it) carries
 * its pixels, not the name of a file on another machine.
 */
final class InMemoryCopy {
  /** Bytes of one positioned read of the disk part: few reads, a bounded buffer. */
  private static final int RUN_BYTES = 4 << 20;

  private InMemoryCopy() {}

  static ImageBlock of(ImageBlock block, BlockPixels rows) {
    int p = rows.imageBytes;
    int size = block.size();
    ImageBlock.Builder copy = new ImageBlock.Builder(size, p);
    for (int i = 0; i < rows.memoryImages; i++) {
      copy.add(rows.chunk(i), rows.offset(i), block.label(i));
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
        copy.add(buffer, k * p, block.label(from + k));
      }
    }
    return copy.build();
  }
}
