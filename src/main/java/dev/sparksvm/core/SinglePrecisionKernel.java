package dev.sparksvm.core;

import java.util.Arrays;

/**
 * The loss and gradient of K stacked models with both GEMMs in single precision ({@link
 * Precision#FLOAT}), the float half of a {@code BatchKernel} (which owns one, keeps it with its
 * buffers between calls, and gives it its chunk size and when to stack). Per chunk of rows:
 *
 * <ol>
 *   <li>the rows are copied into a {@link FloatBatch}, the mean subtracted in the same pass;
 *   <li>scores = X W<sup>T</sup> by sgemm, W converted to float once per call (or shipped so);
 *   <li>each model's loss and dL/dscores in double, from its scores widened to double (b x C
 *       values: cheap), so the loss functions are the double ones;
 *   <li>dScores rounded to float (exact for the SVM's small integers), gradient = dS<sup>T</sup> X
 *       by sgemm into a float buffer, which is then added into double sums: chunks, partitions and
 *       steps add up in double, as in the double path.
 * </ol>
 *
 * <p>As in the double path, model k's sums are bit for bit those of a run of model k alone for any
 * K: each model's rows are padded with zero rows to a multiple of {@value #ROW_ALIGN} and a chunk
 * too small for the BLAS's large path takes two GEMMs per model. netlib's Java and Vector BLAS
 * compute sgemm as they compute dgemm (packed panels, 3 x 3 register tiles, plain loops below a
 * million multiply-adds), so the same rule holds. OpenBLAS's sgemm (0.3.31, on an AVX-512 core)
 * does not keep it for a stack of rows, whatever the padding (12 to 48 tried), but does for a stack
 * of columns padded to 12: so the scores GEMM is model-major ({@code LinearBatch.stackedScores}),
 * and the stack is the columns of both GEMMs. {@code BatchKernelFloatTest} and {@code
 * StackedBlasBitsTest} check it at CIFAR's shape for K up to 16, under both BLASes. Results are
 * deterministic: the same inputs give the same bits.
 */
final class SinglePrecisionKernel {
  /**
   * Each model's rows are padded to a multiple of this in the stacked sgemm. VectorBLAS needs a
   * multiple of its 3-row register tile: with CIFAR's D = 3073, C = 7 and K up to 16, alignments of
   * 3, 6 and 12 gave every model its single run's bits and 1, 2 and 4 did not. 12 is also a
   * multiple of 4-row tiles and the double path's alignment, and costs nothing more for C = 10
   * (padded to 12 either way).
   */
  static final int ROW_ALIGN = 12;

  private final int chunkRows;
  private final long stackedMinProduct;
  private FloatBatch batch;
  private float[] stack = new float[0];
  private float[] scores = new float[0];
  private float[] dScores = new float[0];
  private float[] chunkGradient = new float[0];
  private double[] modelScores = new double[0];
  private double[] modelDScores = new double[0];

  /**
   * @param chunkRows rows of a chunk of the batch matrix
   * @param stackedMinProduct multiply-adds of one padded model's GEMM from which a chunk takes the
   *     stacked GEMMs
   */
  SinglePrecisionKernel(int chunkRows, long stackedMinProduct) {
    this.chunkRows = chunkRows;
    this.stackedMinProduct = stackedMinProduct;
  }

  /** Rows a model of C classes takes in the padded stack. */
  static int padded(int classes) {
    return (classes + ROW_ALIGN - 1) / ROW_ALIGN * ROW_ALIGN;
  }

  /** As {@code BatchKernel.lossAndGradient(rows, indices, w, loss)}, in float. */
  BatchTotals lossAndGradient(FeatureRows rows, int[] indices, StackedWeights w, Loss loss) {
    return lossAndGradient(rows, indices, FloatStackedWeights.of(w), loss);
  }

  /** The same with W already rounded to float (the same bits: the GEMMs take W as floats). */
  BatchTotals lossAndGradient(FeatureRows rows, int[] indices, FloatStackedWeights w, Loss loss) {
    int k = w.models();
    int c = w.classes();
    int d = w.features();
    int cp = padded(c);
    int kc = k * cp;
    float[] stacked = paddedFloatWeights(w, cp);
    double[] sums = new double[k * c * d];
    double[] lossSums = new double[k];
    FloatBatch chunk = batch(d);
    for (int from = 0; from < indices.length; from += chunk.capacity()) {
      rows.fill(chunk, indices, from, Math.min(indices.length, from + chunk.capacity()));
      int b = chunk.rows();
      modelScores = grow(modelScores, b * c);
      double[] one = modelScores;
      modelDScores = grow(modelDScores, b * c);
      double[] dOne = modelDScores;
      if ((long) cp * b * d >= stackedMinProduct) {
        scores = LinearBatch.stackedScores(stacked, kc, chunk, grow(scores, b * kc));
        float[] s = scores;
        dScores = grow(dScores, b * kc);
        float[] ds = dScores;
        Arrays.fill(ds, 0, b * kc, 0.0f); // the padding rows' score gradients stay 0
        for (int m = 0; m < k; m++) {
          for (int i = 0; i < b; i++) {
            for (int j = 0; j < c; j++) {
              one[i * c + j] = s[(m * cp + j) * b + i];
            }
          }
          lossSums[m] += loss.lossAndGradient(one, chunk.labels(), b, c, dOne);
          for (int i = 0; i < b; i++) {
            for (int j = 0; j < c; j++) {
              ds[i * kc + m * cp + j] = (float) dOne[i * c + j];
            }
          }
        }
        chunkGradient = LinearBatch.gradient(chunk, ds, kc, grow(chunkGradient, kc * d));
        float[] g = chunkGradient;
        for (int m = 0; m < k; m++) {
          add(g, m * cp * d, sums, m * c * d, c * d);
        }
      } else {
        for (int m = 0; m < k; m++) {
          scores = LinearBatch.scores(stacked, m * cp * d, c, chunk, grow(scores, b * c));
          float[] s = scores;
          for (int i = 0; i < b * c; i++) {
            one[i] = s[i];
          }
          lossSums[m] += loss.lossAndGradient(one, chunk.labels(), b, c, dOne);
          dScores = grow(dScores, b * c);
          float[] ds = dScores;
          for (int i = 0; i < b * c; i++) {
            ds[i] = (float) dOne[i];
          }
          chunkGradient = LinearBatch.gradient(chunk, ds, c, grow(chunkGradient, c * d));
          float[] g = chunkGradient;
          add(g, 0, sums, m * c * d, c * d);
        }
      }
    }
    return new BatchTotals(sums, lossSums, indices.length);
  }

  /** {@code to[toOffset ..] += from[fromOffset ..]} over {@code n} values, float into double. */
  private static void add(float[] from, int fromOffset, double[] to, int toOffset, int n) {
    for (int i = 0; i < n; i++) {
      to[toOffset + i] += from[fromOffset + i];
    }
  }

  /**
   * The stack in float, each model's rows padded by zero rows to {@code cp}, in a reused buffer.
   */
  private float[] paddedFloatWeights(FloatStackedWeights w, int cp) {
    int d = w.features();
    int block = w.classes() * d;
    int size = w.models() * cp * d;
    stack = grow(stack, size);
    float[] v = w.values();
    for (int m = 0; m < w.models(); m++) {
      int to = m * cp * d;
      System.arraycopy(v, m * block, stack, to, block);
      Arrays.fill(stack, to + block, to + cp * d, 0.0f);
    }
    return stack;
  }

  private FloatBatch batch(int features) {
    if (batch == null || batch.features() != features) {
      batch = new FloatBatch(chunkRows, features);
    }
    return batch;
  }

  private static float[] grow(float[] buffer, int size) {
    return buffer.length >= size ? buffer : new float[size];
  }

  private static double[] grow(double[] buffer, int size) {
    return buffer.length >= size ? buffer : new double[size];
  }
}
