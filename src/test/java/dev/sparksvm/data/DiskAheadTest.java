package dev.sparksvm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.core.Batch;
import dev.sparksvm.core.BatchKernel;
import dev.sparksvm.core.BatchTotals;
import dev.sparksvm.core.MulticlassHinge;
import dev.sparksvm.core.Precision;
import dev.sparksvm.core.StackedWeights;
import dev.sparksvm.core.Weights;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows on disk read ahead by the reader threads give every fill the bytes the rows have, whatever
 * the fills' order: a kernel's chunk loop over a list, the same list again, another list half way,
 * a fill out of order, tiny fills, and no reader threads at all; and a step's loss and gradient
 * have the same bits with 0, 1 and 16 reader threads. The reference is the source bytes.
 */
class DiskAheadTest {
  private static final int P = 12; // bytes per image
  private static final int N = 5000; // images
  private static final int MEMORY = 700; // images in memory

  @TempDir Path dir;

  @AfterEach
  void restore() {
    DiskReaders.threads(DiskReaders.DEFAULT_THREADS);
  }

  private static byte[] pixels() {
    byte[] pixels = new byte[N * P];
    new SplittableRandom(3).nextBytes(pixels);
    return pixels;
  }

  private ImageBlock block() {
    byte[] pixels = pixels();
    ImageBlock.Builder b = new ImageBlock.Builder(N, P, MEMORY, () -> dir.resolve("rows"), 64 * P);
    for (int i = 0; i < N; i++) {
      b.add(pixels, i * P, i % 10);
    }
    return b.build();
  }

  private static int[] list(long seed, int n) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = random.nextInt(N);
    }
    return rows;
  }

  /** Fills {@code [from, to)} of {@code indices} and checks every value against the bytes. */
  private static void fillAndCheck(CentredRows rows, int[] indices, int from, int to) {
    byte[] pixels = pixels();
    Batch batch = new Batch(to - from, P + 1);
    rows.fill(batch, indices, from, to);
    for (int r = 0; r < to - from; r++) {
      int i = indices == null ? from + r : indices[from + r];
      for (int j = 0; j < P; j++) {
        assertEquals(pixels[i * P + j] & 0xFF, batch.x()[r * (P + 1) + j], 0.0, "image " + i);
      }
    }
  }

  /** A kernel's chunk loop: {@code [0, count)} in chunks of {@code chunk}. */
  private static void chunkLoop(CentredRows rows, int[] indices, int count, int chunk) {
    for (int from = 0; from < count; from += chunk) {
      fillAndCheck(rows, indices, from, Math.min(count, from + chunk));
    }
  }

  @Test
  void everyFillGetsItsRowsBytesWhateverTheOrderOfFills() {
    for (int threads : new int[] {16, 1, 0}) {
      DiskReaders.threads(threads);
      try (ImageBlock block = block()) {
        CentredRows rows = block.centred(new double[P]);
        int[] a = list(1, 3001);
        int[] b = list(2, 2000);
        chunkLoop(rows, a, a.length, 100);
        chunkLoop(rows, a, a.length, 100); // the same list again, from its start
        fillAndCheck(rows, b, 0, 100); // another list half way through none
        fillAndCheck(rows, b, 100, 200);
        fillAndCheck(rows, a, 700, 800); // back to the first, out of order
        fillAndCheck(rows, b, 200, 300);
        fillAndCheck(rows, b, 1500, 1503); // tiny fills are read in the caller's thread
        chunkLoop(rows, b, b.length, 7);
        chunkLoop(rows, null, N, 512); // every row in order (accuracy, evaluate)
        assertEquals(2L * 3001 + 400 + 3 + 2000 + N, rows.rowsCopied());
        assertTrue(rows.diskWaitNanos() > 0, "the fills waited for rows on disk");
      }
    }
  }

  @Test
  void aStepHasTheSameBitsWithAndWithoutReaderThreads() {
    double[] mean = new double[P];
    java.util.Arrays.fill(mean, 127.5);
    StackedWeights w =
        new StackedWeights(1, 10, P + 1, Weights.gaussian(10, P + 1, 1e-2, 9).values());
    int[] rows = list(5, 4096);
    BatchTotals[] totals = new BatchTotals[3];
    int[] settings = {0, 1, 16};
    try (ImageBlock block = block()) {
      for (int s = 0; s < 3; s++) {
        DiskReaders.threads(settings[s]);
        totals[s] =
            BatchKernel.current()
                .lossAndGradient(
                    block.centred(mean), rows, w, new MulticlassHinge(1), Precision.DOUBLE);
      }
    }
    for (int s = 1; s < 3; s++) {
      assertArrayEquals(totals[0].gradientSums(), totals[s].gradientSums(), 0.0);
      assertArrayEquals(totals[0].lossSums(), totals[s].lossSums(), 0.0);
    }
  }

  @Test
  void aReadOfADroppedBlockFailsInTheTaskThatWaitsForIt() {
    ImageBlock block = block();
    CentredRows rows = block.centred(new double[P]);
    block.close();
    int[] a = list(1, 1000);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> chunkLoop(rows, a, a.length, 100));
    assertTrue(e.getMessage().contains("were deleted"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DiskReaders.threads(-1));
  }
}
