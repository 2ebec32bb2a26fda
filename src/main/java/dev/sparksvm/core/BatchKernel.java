package dev.sparksvm.core;

/**
 * What a partition computes over its chosen rows, in one place: the rows are copied into a {@link
 * Batch} {@value #CHUNK_ROWS} at a time (so memory stays bounded for any batch size) and each chunk
 * goes through {@link LinearBatch}'s GEMMs. Four computations share the one chunk loop: loss and
 * gradient of K stacked models (two GEMMs per model per chunk), the losses of many candidate W, the losses at the points of a plane,
 * and the number of rows each model labels correctly.
 *
 * <p>Chunks are taken in a fixed order and every sum is accumulated in that order, so results are
 * reproducible bit for bit. A kernel keeps its batch matrix and score buffers between calls (a chunk
 * of CIFAR-10 rows is 12.6 MB of doubles): use {@link #current()}, one kernel per thread, which is
 * one per running Spark task. A kernel is not thread-safe.
 */
public final class BatchKernel {
  /** Rows per chunk: large enough for efficient GEMMs, small enough (~12 MB) to stay in cache. */
  public static final int CHUNK_ROWS = 512;
  /** Bytes of stacked candidate weights materialised at a time (a group of candidates). */
  static final long CANDIDATE_GROUP_BYTES = 16L << 20;

  private static final ThreadLocal<BatchKernel> CURRENT = ThreadLocal.withInitial(BatchKernel::new);

  private Batch batch;
  private double[] scores = new double[0];
  private double[] dScores = new double[0];
  private double[] modelScores = new double[0];

  /** This thread's kernel, with the buffers of its earlier calls. */
  public static BatchKernel current() {
    return CURRENT.get();
  }

  /**
   * The sums over some rows: K gradient sums (model k's {@code C x D} row-major block at {@code k * C
   * * D}), K data-loss sums, and the number of rows.
   */
  public record Totals(double[] gradientSums, double[] lossSums, long examples) {}

  /**
   * Summed data loss and gradient of each of K stacked models over {@code indices} (rows of {@code
   * rows}), in one sweep: each chunk of rows is built once, and each model takes its two GEMMs on it
   * (scores = X W_k^T, gradient += dS_k^T X) while the chunk is in cache.
   *
   * <p>Why not one GEMM of all K * C rows: a BLAS chooses its blocking from the whole product's
   * shape, so model k's rows of a stacked product are summed in an order that depends on K (measured
   * with netlib's VectorBLAS: a 13-row chunk and three models change the last bits). Two GEMMs per
   * model with the shapes of a single-model run make model k's sums bit for bit those of model k
   * alone, for any BLAS.
   */
  public Totals lossAndGradient(FeatureRows rows, int[] indices, StackedWeights w, Loss loss) {
    int k = w.models();
    int c = w.classes();
    int d = w.features();
    double[] gradient = new double[k * c * d];
    double[] lossSums = new double[k];
    forEachChunk(rows, indices, indices.length, batch -> {
      int b = batch.rows();
      double[] s = scores(b * c);
      double[] ds = dScores(b * c);
      for (int m = 0; m < k; m++) {
        LinearBatch.scores(w.values(), m * c * d, c, batch, s);
        lossSums[m] += loss.lossAndGradient(s, batch.labels(), b, c, ds);
        LinearBatch.addGradient(batch, ds, c, gradient, m * c * d);
      }
    });
    return new Totals(gradient, lossSums, indices.length);
  }

  /**
   * Summed data loss of every candidate over {@code indices}, in one sweep per group of candidates:
   * candidates are materialised about 16 MB at a time, and each group scores every chunk of rows with
   * one GEMM (rows x D by D x G*C).
   */
  public double[] candidateLossSums(FeatureRows rows, int[] indices, CandidateSet candidates,
      Loss loss) {
    int k = candidates.size();
    int c = candidates.classes();
    int d = candidates.features();
    double[] sums = new double[k];
    if (indices.length == 0) {
      return sums;
    }
    int group = (int) Math.max(1, Math.min(k, CANDIDATE_GROUP_BYTES / (8L * c * d)));
    double[] stacked = new double[group * c * d];
    for (int first = 0; first < k; first += group) {
      int firstMember = first;
      int members = Math.min(group, k - first);
      for (int m = 0; m < members; m++) {
        candidates.fill(first + m, stacked, m * c * d);
      }
      forEachChunk(rows, indices, indices.length, batch -> {
        int n = batch.rows();
        double[] s = LinearBatch.stackedScores(stacked, members * c, batch, scores(n * members * c));
        double[] one = modelScores(n * c);
        for (int m = 0; m < members; m++) {
          for (int i = 0; i < n; i++) {
            System.arraycopy(s, i * members * c + m * c, one, i * c, c);
          }
          sums[firstMember + m] += loss.loss(one, batch.labels(), n, c);
        }
      });
    }
    return sums;
  }

  /**
   * Summed data loss at every point {@code W + a[k] W1 + b[k] W2} of a line or plane over {@code
   * indices}. Scores are linear in W, so one GEMM gives the scores S0, S1, S2 of the three matrices and
   * each point costs only {@code S0 + a S1 + b S2} and its loss per example.
   */
  public double[] planeLossSums(FeatureRows rows, int[] indices, Plane plane, Loss loss) {
    Weights w = plane.w();
    int c = w.classes();
    int d = w.features();
    int basis = plane.w2() == null ? 2 : 3;
    double[] stacked = new double[basis * c * d];
    System.arraycopy(w.values(), 0, stacked, 0, c * d);
    System.arraycopy(plane.w1().values(), 0, stacked, c * d, c * d);
    if (plane.w2() != null) {
      System.arraycopy(plane.w2().values(), 0, stacked, 2 * c * d, c * d);
    }
    double[] a = plane.a();
    double[] b = plane.b();
    double[] sums = new double[a.length];
    double[] point = new double[c];
    int[] label = new int[1];
    forEachChunk(rows, indices, indices.length, batch -> {
      double[] s = LinearBatch.stackedScores(stacked, basis * c, batch, scores(batch.rows() * basis * c));
      for (int i = 0; i < batch.rows(); i++) {
        int base = i * basis * c;
        label[0] = batch.labels()[i];
        for (int k = 0; k < a.length; k++) {
          for (int j = 0; j < c; j++) {
            double v = s[base + j] + a[k] * s[base + c + j];
            point[j] = basis == 2 ? v : v + b[k] * s[base + 2 * c + j];
          }
          sums[k] += loss.loss(point, label, 1, c);
        }
      }
    });
    return sums;
  }

  /** How many of all the rows each of the K models labels correctly (ties go to the lowest class). */
  public long[] countCorrect(FeatureRows rows, StackedWeights w) {
    int k = w.models();
    int c = w.classes();
    int kc = w.rows();
    long[] correct = new long[k];
    forEachChunk(rows, null, rows.size(), batch -> {
      double[] s = LinearBatch.stackedScores(w.values(), kc, batch, scores(batch.rows() * kc));
      int[] labels = batch.labels();
      for (int i = 0; i < batch.rows(); i++) {
        for (int m = 0; m < k; m++) {
          if (LinearBatch.argmax(s, i * kc + m * c, c) == labels[i]) {
            correct[m]++;
          }
        }
      }
    });
    return correct;
  }

  /** What is done with each filled chunk. */
  @FunctionalInterface
  private interface ChunkAction {
    void accept(Batch batch);
  }

  /** The one chunk loop: rows {@code indices[0 .. count)} (or {@code 0 .. count - 1}) in order. */
  private void forEachChunk(FeatureRows rows, int[] indices, int count, ChunkAction action) {
    Batch chunk = batch(rows.features());
    for (int from = 0; from < count; from += chunk.capacity()) {
      int to = Math.min(count, from + chunk.capacity());
      rows.fill(chunk, indices, from, to);
      action.accept(chunk);
    }
  }

  private Batch batch(int features) {
    if (batch == null || batch.features() != features) {
      batch = new Batch(CHUNK_ROWS, features);
    }
    return batch;
  }

  private double[] scores(int size) {
    if (scores.length < size) {
      scores = new double[size];
    }
    return scores;
  }

  private double[] dScores(int size) {
    if (dScores.length < size) {
      dScores = new double[size];
    }
    return dScores;
  }

  private double[] modelScores(int size) {
    if (modelScores.length < size) {
      modelScores = new double[size];
    }
    return modelScores;
  }
}
