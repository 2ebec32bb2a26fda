package dev.sparksvm.data;

import dev.sparksvm.core.Batch;
import dev.sparksvm.core.CandidateSet;
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

  /** Bytes of stacked candidate weights materialised at a time (a group of candidates). */
  static final long CANDIDATE_GROUP_BYTES = 16L << 20;

  /**
   * Summed data loss of every candidate over {@code rows}, in one sweep over the block: candidates are
   * materialised a group at a time (about 16 MB), and each group scores every chunk of rows with one
   * GEMM (rows x D by D x G*C).
   *
   * @return K loss sums
   */
  public static double[] candidateLossSums(ImageBlock block, int[] rows, CandidateSet candidates,
      double[] mean, Loss loss) {
    int k = candidates.size();
    int c = candidates.classes();
    int d = candidates.features();
    double[] sums = new double[k];
    if (rows.length == 0) {
      return sums;
    }
    int group = (int) Math.max(1, Math.min(k, CANDIDATE_GROUP_BYTES / (8L * c * d)));
    double[] stacked = new double[group * c * d];
    Batch batch = new Batch(Math.max(1, Math.min(CHUNK_ROWS, rows.length)), d);
    double[] scores = null;
    double[] one = new double[batch.capacity() * c];
    for (int first = 0; first < k; first += group) {
      int members = Math.min(group, k - first);
      for (int m = 0; m < members; m++) {
        candidates.fill(first + m, stacked, m * c * d);
      }
      for (int from = 0; from < rows.length; from += batch.capacity()) {
        int to = Math.min(rows.length, from + batch.capacity());
        block.fill(batch, rows, from, to, mean);
        int n = batch.rows();
        scores = LinearBatch.stackedScores(stacked, members * c, batch, scores);
        for (int m = 0; m < members; m++) {
          // Gather candidate m's n x C scores into a contiguous block for the loss.
          for (int i = 0; i < n; i++) {
            System.arraycopy(scores, i * members * c + m * c, one, i * c, c);
          }
          sums[first + m] += loss.loss(one, batch.labels(), n, c);
        }
      }
    }
    return sums;
  }

  /**
   * Summed data loss at every point {@code W + a[k] W1 + b[k] W2} of a line or plane, in one sweep.
   * Scores are linear in W, so one GEMM gives the scores S0, S1, S2 of the three matrices and each point
   * costs only {@code S0 + a S1 + b S2} and its loss per example.
   *
   * @param w2 the second direction, or null for a line
   * @return one loss sum per point
   */
  public static double[] planeLossSums(ImageBlock block, int[] rows, Weights w, Weights w1,
      Weights w2, double[] a, double[] b, double[] mean, Loss loss) {
    int c = w.classes();
    int d = w.features();
    int basis = w2 == null ? 2 : 3;
    double[] stacked = new double[basis * c * d];
    System.arraycopy(w.values(), 0, stacked, 0, c * d);
    System.arraycopy(w1.values(), 0, stacked, c * d, c * d);
    if (w2 != null) {
      System.arraycopy(w2.values(), 0, stacked, 2 * c * d, c * d);
    }
    double[] sums = new double[a.length];
    if (rows.length == 0) {
      return sums;
    }
    Batch batch = new Batch(Math.max(1, Math.min(CHUNK_ROWS, rows.length)), d);
    double[] scores = null;
    double[] point = new double[c];
    int[] label = new int[1];
    for (int from = 0; from < rows.length; from += batch.capacity()) {
      int to = Math.min(rows.length, from + batch.capacity());
      block.fill(batch, rows, from, to, mean);
      scores = LinearBatch.stackedScores(stacked, basis * c, batch, scores);
      for (int i = 0; i < batch.rows(); i++) {
        int base = i * basis * c;
        label[0] = batch.labels()[i];
        for (int k = 0; k < a.length; k++) {
          for (int j = 0; j < c; j++) {
            double s = scores[base + j] + a[k] * scores[base + c + j];
            point[j] = w2 == null ? s : s + b[k] * scores[base + 2 * c + j];
          }
          sums[k] += loss.loss(point, label, 1, c);
        }
      }
    }
    return sums;
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
}
