package dev.sparksvm.core;

/**
 * What a partition computes over its chosen rows, in one place: the rows are copied into a {@link
 * Batch} {@value #CHUNK_ROWS} at a time (so memory stays bounded for any batch size) and each chunk
 * goes through {@link LinearBatch}'s GEMMs. Four computations share the one chunk loop: loss and
 * gradient of K stacked models (two GEMMs per model per chunk), the losses of many candidate W, the
 * losses at the points of a plane, and the number of rows each model labels correctly. The gradient
 * also runs in single precision ({@link Precision#FLOAT}), in a {@code SinglePrecisionKernel} that
 * each kernel keeps.
 *
 * <p>Chunks are taken in a fixed order and every sum is accumulated in that order, so results are
 * reproducible bit for bit. A kernel keeps its batch matrix and score buffers between calls, in its
 * {@link ChunkBuffers} (a chunk of CIFAR-10 rows is 3.1 MB of doubles): use {@link #current()}, one
 * kernel per thread, which is one per running Spark task. A kernel is not thread-safe.
 */
public final class BatchKernel {
  /**
   * Rows per chunk of the double path: a chunk of CIFAR-10 rows is then 3.1 MB, which a core's
   * cache keeps between the fill and the two GEMMs that read it. At 512 rows (12.6 MB, which the
   * version before 2026-12-05 used) each task's chunk buffer fell out of the shared cache between
   * steps and both GEMMs read it from memory: the kernel of a batch-8192 step took 34-40 ms
   * in-process against 24 at 128 rows, and the default train's 300 steps 4.0-5.1 s against 3.1-3.6
   * (docs/PERFORMANCE.md, "Chunks that stay in cache"); 64 rows were no faster than 128.
   */
  public static final int CHUNK_ROWS = 128;

  /**
   * Rows per chunk of the float path, which stays at 512: a task's float sums over one chunk are
   * floats widened (no double addition between chunks), and travel as floats, half the bytes; a
   * float task of the default batch 1024 on two partitions is one such chunk.
   */
  public static final int FLOAT_CHUNK_ROWS = 512;

  /** Each model's rows are padded to a multiple of this in the stacked GEMMs (see below). */
  static final int ROW_ALIGN = 12;

  /** Multiply-adds of one padded model's GEMM from which a chunk takes the stacked GEMMs. */
  static final long STACKED_MIN_PRODUCT = 1_000_000;

  /** Bytes of stacked candidate weights materialised at a time (a group of candidates). */
  static final long CANDIDATE_GROUP_BYTES = 16L << 20;

  private static final ThreadLocal<BatchKernel> CURRENT = ThreadLocal.withInitial(BatchKernel::new);

  private final ChunkBuffers buffers = new ChunkBuffers(CHUNK_ROWS);
  private SinglePrecisionKernel single;

  /** This thread's kernel, with the buffers of its earlier calls. */
  public static BatchKernel current() {
    return CURRENT.get();
  }

  /**
   * Summed data loss and gradient of each of K stacked models over {@code indices} (rows of {@code
   * rows}), in one sweep: per chunk, one GEMM scores the chunk under all K models, each model's
   * loss works on its own C scores, and one GEMM turns all K score gradients into weight gradients.
   *
   * <p>Model k's sums are bit for bit those of a run of model k alone, whatever K is. A BLAS sums a
   * row of a product one way inside its register tiles and another at the ragged end, and may
   * choose another path for a small product than for a large one (netlib's Java BLAS below a
   * million multiply-adds). So each model's C rows are padded with zero rows to a multiple of
   * {@value #ROW_ALIGN}, which keeps every model's rows in the same place of the same tiles for any
   * K; and a chunk too small for the large path even for one model ({@code padded C x rows x D}
   * below {@value #STACKED_MIN_PRODUCT}) takes two GEMMs per model of the shapes a single model
   * has. (Tested for netlib's Java BLAS; a native BLAS may choose its paths otherwise.)
   */
  public BatchTotals lossAndGradient(FeatureRows rows, int[] indices, StackedWeights w, Loss loss) {
    int k = w.models();
    int c = w.classes();
    int d = w.features();
    int cp = padded(c);
    int kc = k * cp;
    double[] stack = paddedWeights(w, cp);
    double[] gradient = new double[kc * d];
    double[] lossSums = new double[k];
    buffers.forEachChunk(
        rows,
        indices,
        indices.length,
        batch -> {
          int b = batch.rows();
          if ((long) cp * b * d >= STACKED_MIN_PRODUCT) {
            double[] s = LinearBatch.stackedScores(stack, kc, batch, buffers.scores(b * kc));
            double[] ds = buffers.dScores(b * kc);
            java.util.Arrays.fill(ds, 0, b * kc, 0.0);
            double[] one = buffers.modelScores(b * c);
            double[] dOne = buffers.modelDScores(b * c);
            for (int m = 0; m < k; m++) {
              for (int i = 0; i < b; i++) {
                System.arraycopy(s, i * kc + m * cp, one, i * c, c);
              }
              lossSums[m] += loss.lossAndGradient(one, batch.labels(), b, c, dOne);
              for (int i = 0; i < b; i++) {
                System.arraycopy(dOne, i * c, ds, i * kc + m * cp, c);
              }
            }
            LinearBatch.addGradient(batch, ds, kc, gradient, 0);
          } else {
            double[] s = buffers.modelScores(b * c);
            double[] ds = buffers.modelDScores(b * c);
            for (int m = 0; m < k; m++) {
              LinearBatch.scores(w.values(), m * c * d, c, batch, s);
              lossSums[m] += loss.lossAndGradient(s, batch.labels(), b, c, ds);
              LinearBatch.addGradient(batch, ds, c, gradient, m * cp * d);
            }
          }
        });
    double[] sums = new double[k * c * d];
    for (int m = 0; m < k; m++) {
      System.arraycopy(gradient, m * cp * d, sums, m * c * d, c * d);
    }
    return new BatchTotals(sums, lossSums, indices.length);
  }

  /**
   * As {@link #lossAndGradient(FeatureRows, int[], StackedWeights, Loss)} with both GEMMs in the
   * given precision: {@link Precision#DOUBLE} is that method, bit for bit; {@link Precision#FLOAT}
   * is {@code SinglePrecisionKernel} (float GEMMs, double losses and sums), with the same guarantee
   * that model k's sums do not depend on K.
   */
  public BatchTotals lossAndGradient(
      FeatureRows rows, int[] indices, StackedWeights w, Loss loss, Precision precision) {
    if (precision == Precision.DOUBLE) {
      return lossAndGradient(rows, indices, w, loss);
    }
    if (single == null) {
      single = new SinglePrecisionKernel(FLOAT_CHUNK_ROWS, STACKED_MIN_PRODUCT);
    }
    return single.lossAndGradient(rows, indices, w, loss);
  }

  /**
   * As {@link #lossAndGradient(FeatureRows, int[], StackedWeights, Loss, Precision)} in {@link
   * Precision#FLOAT}, from W already rounded to float: the same bits.
   */
  public BatchTotals lossAndGradient(
      FeatureRows rows, int[] indices, FloatStackedWeights w, Loss loss) {
    if (single == null) {
      single = new SinglePrecisionKernel(FLOAT_CHUNK_ROWS, STACKED_MIN_PRODUCT);
    }
    return single.lossAndGradient(rows, indices, w, loss);
  }

  /** Rows a model of C classes takes in the padded stack. */
  static int padded(int classes) {
    return (classes + ROW_ALIGN - 1) / ROW_ALIGN * ROW_ALIGN;
  }

  /** The stack with each model's rows padded by zero rows to {@code cp}, in a reused buffer. */
  private double[] paddedWeights(StackedWeights w, int cp) {
    int d = w.features();
    int size = w.models() * cp * d;
    double[] stack = buffers.stack(size);
    java.util.Arrays.fill(stack, 0, size, 0.0);
    int block = w.classes() * d;
    for (int m = 0; m < w.models(); m++) {
      System.arraycopy(w.values(), m * block, stack, m * cp * d, block);
    }
    return stack;
  }

  /**
   * Summed data loss of every candidate over {@code indices}, in one sweep per group of candidates:
   * candidates are materialised about 16 MB at a time, and each group scores every chunk of rows
   * with one GEMM (rows x D by D x G*C).
   */
  public double[] candidateLossSums(
      FeatureRows rows, int[] indices, CandidateSet candidates, Loss loss) {
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
      buffers.forEachChunk(
          rows,
          indices,
          indices.length,
          batch -> {
            int n = batch.rows();
            double[] s =
                LinearBatch.stackedScores(
                    stacked, members * c, batch, buffers.scores(n * members * c));
            double[] one = buffers.modelScores(n * c);
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
   * indices}. Scores are linear in W, so one GEMM gives the scores S0, S1, S2 of the three matrices
   * and each point costs only {@code S0 + a S1 + b S2} and its loss per example.
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
    buffers.forEachChunk(
        rows,
        indices,
        indices.length,
        batch -> {
          double[] s =
              LinearBatch.stackedScores(
                  stacked, basis * c, batch, buffers.scores(batch.rows() * basis * c));
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

  /**
   * How many of all the rows each of the K models labels correctly (ties go to the lowest class).
   */
  public long[] countCorrect(FeatureRows rows, StackedWeights w) {
    int k = w.models();
    int c = w.classes();
    int kc = w.rows();
    long[] correct = new long[k];
    buffers.forEachChunk(
        rows,
        null,
        rows.size(),
        batch -> {
          double[] s =
              LinearBatch.stackedScores(w.values(), kc, batch, buffers.scores(batch.rows() * kc));
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
}
