package dev.sparksvm.data;

import dev.sparksvm.core.Batch;
import dev.sparksvm.core.LinearBatch;
import dev.sparksvm.core.Loss;
import dev.sparksvm.core.Weights;

/**
 * What an executor computes on its cached {@link ImageBlock}: the chosen rows are preprocessed into a
 * batch matrix a chunk at a time (so memory stays bounded for any batch size) and handed to {@link
 * LinearBatch}. Chunks are taken in a fixed order, so the result is reproducible bit for bit.
 */
public final class BlockScoring {
  private BlockScoring() {}

  /** Rows per chunk: large enough for efficient GEMMs, small enough (~12 MB) to stay in cache. */
  public static final int CHUNK_ROWS = 512;

  /** Totals over the given rows of a block. */
  public record Totals(double[] gradientSum, double lossSum, long examples) {}

  /** Data-loss sum and gradient sum of {@code rows} (indices into the block). */
  public static Totals lossAndGradient(ImageBlock block, int[] rows, Weights w, double[] mean,
      Loss loss) {
    double[] gradient = new double[w.classes() * w.features()];
    double lossSum = 0;
    Batch batch = new Batch(Math.max(1, Math.min(CHUNK_ROWS, rows.length)), w.features());
    for (int from = 0; from < rows.length; from += batch.capacity()) {
      int to = Math.min(rows.length, from + batch.capacity());
      block.fill(batch, rows, from, to, mean);
      lossSum += LinearBatch.addLossAndGradient(w, batch, loss, gradient);
    }
    return new Totals(gradient, lossSum, rows.length);
  }

  /** Data-loss sum of {@code rows} (no gradient: one GEMM per chunk). */
  public static double loss(ImageBlock block, int[] rows, Weights w, double[] mean, Loss loss) {
    double lossSum = 0;
    Batch batch = new Batch(Math.max(1, Math.min(CHUNK_ROWS, rows.length)), w.features());
    for (int from = 0; from < rows.length; from += batch.capacity()) {
      int to = Math.min(rows.length, from + batch.capacity());
      block.fill(batch, rows, from, to, mean);
      lossSum += LinearBatch.loss(w, batch, loss);
    }
    return lossSum;
  }

  /** Number of images in the block that W classifies correctly. */
  public static long countCorrect(ImageBlock block, Weights w, double[] mean) {
    long correct = 0;
    Batch batch = new Batch(Math.max(1, Math.min(CHUNK_ROWS, block.size())), w.features());
    for (int first = 0; first < block.size(); first += batch.capacity()) {
      int rows = Math.min(batch.capacity(), block.size() - first);
      block.fillRange(batch, first, rows, mean);
      correct += LinearBatch.countCorrect(w, batch);
    }
    return correct;
  }

  /** All row indices {@code 0..n-1}. */
  public static int[] allRows(int n) {
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
    }
    return rows;
  }
}
