package dev.sparksvm.data;

import java.io.Serializable;

/**
 * Where a block's images are: the first {@link #memoryImages} in memory, in chunks of {@code
 * chunkImages} images, the rest on local disk ({@link DiskRows}, null when there are none), and
 * every label. What {@link ImageBlock} holds and {@link CentredRows} reads.
 */
final class BlockPixels implements Serializable {
  private static final long serialVersionUID = 1L;

  final byte[][] chunks;
  final int chunkImages;
  final byte[] labels;
  final int imageBytes;
  final int memoryImages;
  final DiskRows disk;

  BlockPixels(byte[][] chunks, int chunkImages, byte[] labels, int imageBytes, DiskRows disk) {
    this.chunks = chunks;
    this.chunkImages = chunkImages;
    this.labels = labels;
    this.imageBytes = imageBytes;
    this.disk = disk;
    this.memoryImages = disk == null ? labels.length : disk.first();
  }

  /** The chunk that holds in-memory image {@code i}. */
  byte[] chunk(int i) {
    return chunks[i / chunkImages];
  }

  /** Where in-memory image {@code i} starts in its chunk. */
  int offset(int i) {
    return (i % chunkImages) * imageBytes;
  }
}
