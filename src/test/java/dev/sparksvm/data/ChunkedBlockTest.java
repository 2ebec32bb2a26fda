package dev.sparksvm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.core.Batch;
import dev.sparksvm.core.FloatBatch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A block in chunks, and a block whose tail is on local disk, give every batch the same values,
 * labels and pixel sums as the same images in one array: the layout never changes a bit. The
 * reference is computed from the source bytes with plain loops.
 */
class ChunkedBlockTest {
  private static final int P = 12; // bytes per image
  private static final int N = 101; // images

  @TempDir Path dir;

  private static byte[] pixels() {
    byte[] pixels = new byte[N * P];
    new SplittableRandom(17).nextBytes(pixels);
    return pixels;
  }

  private static byte[] labels() {
    byte[] labels = new byte[N];
    for (int i = 0; i < N; i++) {
      labels[i] = (byte) (i * 7 % 10);
    }
    return labels;
  }

  private static double[] mean() {
    double[] mean = new double[P];
    for (int j = 0; j < P; j++) {
      mean[j] = 127.5 + j * 0.125;
    }
    return mean;
  }

  /** The images through a builder with chunks of {@code chunkImages} and the rest on disk. */
  private ImageBlock built(int memoryImages, int chunkImages) {
    byte[] pixels = pixels();
    byte[] labels = labels();
    Path file = dir.resolve("rows-" + memoryImages + "-" + chunkImages);
    ImageBlock.Builder b =
        new ImageBlock.Builder(N, P, memoryImages, () -> file, chunkImages * P + P - 1);
    for (int i = 0; i < N; i++) {
      b.add(pixels, i * P, labels[i] & 0xFF);
    }
    return b.build();
  }

  /** Every row chosen by {@code indices[from, to)}, filled as doubles and floats, vs the bytes. */
  private static void assertRows(ImageBlock block, int[] indices, int from, int to) {
    byte[] pixels = pixels();
    byte[] labels = labels();
    double[] mean = mean();
    Batch batch = new Batch(to - from, P + 1);
    FloatBatch floats = new FloatBatch(to - from, P + 1);
    CentredRows rows = block.centred(mean);
    rows.fill(batch, indices, from, to);
    rows.fill(floats, indices, from, to);
    assertEquals(2L * (to - from), rows.rowsCopied());
    for (int r = 0; r < to - from; r++) {
      int i = indices == null ? from + r : indices[from + r];
      for (int j = 0; j < P; j++) {
        double x = (pixels[i * P + j] & 0xFF) - mean[j];
        assertEquals(x, batch.x()[r * (P + 1) + j], 0.0, "image " + i + " pixel " + j);
        assertEquals((float) x, floats.x()[r * (P + 1) + j], 0.0f);
        assertEquals(pixels[i * P + j] & 0xFF, block.pixel(i, j));
      }
      assertEquals(1.0, batch.x()[r * (P + 1) + P], 0.0);
      assertEquals(labels[i], batch.labels()[r]);
      assertEquals(labels[i], floats.labels()[r]);
    }
  }

  private static long[] sums(ImageBlock block) {
    long[] sums = new long[P];
    block.addPixelSums(sums);
    return sums;
  }

  @Test
  void chunksAndADiskTailGiveTheBytesOfOneArray() {
    ImageBlock whole = new ImageBlock(pixels(), labels(), P);
    // Rows out of order, repeated, across chunk boundaries and across memory and disk.
    int[] indices = {100, 0, 3, 4, 5, 99, 40, 41, 42, 43, 7, 7, 60, 59, 61, 8, 2, 1};
    for (int memory : new int[] {N, 50, 1, 0}) {
      for (int chunk : new int[] {1, 3, 64, 1000}) {
        ImageBlock block = built(memory, chunk);
        assertEquals(N, block.size());
        assertEquals(memory, block.memoryImages());
        assertEquals((long) memory * P + N, block.payloadBytes());
        assertEquals((long) (N - memory) * P, block.diskBytes());
        assertRows(block, indices, 0, indices.length);
        assertRows(block, indices, 5, 13);
        assertRows(block, null, 0, N);
        assertRows(block, null, 45, 55);
        assertArrayEquals(sums(whole), sums(block), memory + " in memory, chunks of " + chunk);
      }
    }
    assertRows(whole, indices, 0, indices.length);
  }

  @Test
  void aBlockWithADiskTailTravelsWholeAndClosingItDeletesItsFile() throws Exception {
    ImageBlock block = built(30, 4);
    Path file = dir.resolve("rows-30-4");
    assertTrue(Files.exists(file));
    assertEquals((long) (N - 30) * P, Files.size(file), "the compact layout: imageBytes per image");
    ImageBlock copy = roundTrip(block);
    assertEquals(N, copy.memoryImages(), "serialized in memory: the file stays on its machine");
    assertRows(copy, null, 0, N);
    copy.close();
    assertTrue(Files.exists(file), "a copy owns no file: closing it leaves the original's");
    assertRows(block, new int[] {90, 10}, 0, 2);
    block.close();
    assertFalse(Files.exists(file));
    block.close(); // idempotent
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> block.pixel(90, 0), "read after close");
    assertTrue(e.getMessage().contains("were deleted"), e.getMessage());
    assertRows(copy, new int[] {90, 10}, 0, 2);
    // The rows on disk never travel themselves (a copy could delete the original's file): only
    // the whole block does, as a copy in memory.
    assertFalse(java.io.Serializable.class.isAssignableFrom(DiskRows.class));
  }

  @Test
  void anUnreachableBlockLosesItsFile() throws Exception {
    Path file = dir.resolve("rows-0-4");
    buildAndDrop();
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (Files.exists(file) && System.nanoTime() < deadline) {
      System.gc(); // the cleaner runs once the collector finds the rows unreachable
      Thread.sleep(20);
    }
    assertFalse(Files.exists(file), "the cleaner deletes the file of a block nobody can reach");
  }

  /** Builds a block with every image on disk and lets go of it. */
  private void buildAndDrop() {
    ImageBlock block = built(0, 4);
    assertEquals((long) N * P, block.diskBytes());
    assertTrue(Files.exists(dir.resolve("rows-0-4")));
  }

  @Test
  void aBuilderThatFailsLeavesNoFile() {
    Path file = dir.resolve("rows-failed");
    ImageBlock.Builder b = new ImageBlock.Builder(N, P, 2, () -> file, 64);
    for (int i = 0; i < 5; i++) {
      b.add(pixels(), i * P, 1);
    }
    assertThrows(IllegalStateException.class, b::build);
    assertFalse(Files.exists(file));
  }

  @SuppressWarnings("unchecked") // the copy of an object is of its class
  private static <T> T roundTrip(T block) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(block);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
