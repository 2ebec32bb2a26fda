package dev.sparksvm.core;

import dev.ludovic.netlib.blas.BLAS;

/**
 * The hot path of a linear classifier on one batch: scores = X W<sup>T</sup> (one GEMM), loss and
 * dL/dscores in score space, gradient = dScores<sup>T</sup> X (one GEMM). No per-example loop
 * touches BLAS.
 *
 * <p>Shapes, all in the documented layouts of {@link Weights} and {@link Batch}: W is {@code C x D}
 * row-major (column-major {@code D x C}); X is {@code B x D} row-major (column-major {@code D x
 * B}); scores and dScores are {@code B x C} row-major (column-major {@code C x B}).
 */
public final class LinearBatch {
  private LinearBatch() {}

  /**
   * The BLAS every GEMM runs on, chosen once per JVM by {@link BlasChoice#current()} ({@code
   * -Dsparksvm.blas=java|native|auto} or {@code SPARKSVM_BLAS}; auto: OpenBLAS from its Maven
   * artifact when it loads, else netlib's Java BLAS): see {@link BlasSelection}.
   */
  private static final BlasSelection SELECTED = BlasSelection.select(BlasChoice.currentOrAuto());

  private static BLAS blas() {
    return BlasSelection.onThisThread(SELECTED.blas());
  }

  /**
   * The BLAS that runs, e.g. {@code VectorBLAS} or {@code OpenBLAS 0.3.31 (JNIBLAS)}: the bits of W
   * depend on it, so metrics.json and the model's provenance record it.
   */
  public static String blasName() {
    return SELECTED.name();
  }

  /** The BLAS instance that runs (bench measures it). */
  public static BLAS blasInstance() {
    return SELECTED.blas();
  }

  /**
   * Scores of every row of the batch.
   *
   * @return row-major {@code rows x classes}, in {@code out} when it is large enough
   */
  public static double[] scores(Weights w, Batch batch, double[] out) {
    checkShapes(w, batch);
    int c = w.classes();
    int d = w.features();
    int b = batch.rows();
    double[] s = out != null && out.length >= b * c ? out : new double[b * c];
    if (b == 0) {
      return s;
    }
    // S^T (C x B) = W (C x D; stored as D x C column-major, hence "T") * X^T (D x B).
    blas().dgemm("T", "N", c, b, d, 1.0, w.values(), d, batch.x(), d, 0.0, s, c);
    return s;
  }

  /**
   * Data loss of the batch, summed over rows, and its gradient added into {@code gradientSum}: the
   * single-batch form of the hot path (a {@link BatchKernel} does the same a chunk at a time).
   *
   * @param gradientSum row-major {@code C x D}: receives {@code += sum_i dL_i/dW}
   * @return the summed data loss (no regularization)
   */
  public static double addLossAndGradient(Weights w, Batch batch, Loss loss, double[] gradientSum) {
    checkShapes(w, batch);
    int c = w.classes();
    int b = batch.rows();
    if (gradientSum.length != c * w.features()) {
      throw new IllegalArgumentException(
          "gradient buffer has "
              + gradientSum.length
              + " values, expected "
              + c
              + " x "
              + w.features());
    }
    if (b == 0) {
      return 0;
    }
    double[] s = scores(w, batch, null);
    double[] ds = new double[b * c];
    double total = loss.lossAndGradient(s, batch.labels(), b, c, ds);
    addGradient(batch, ds, c, gradientSum);
    return total;
  }

  /**
   * The chain rule of the linear score function: {@code gradientSum += dScores^T X}.
   *
   * @param dScores row-major {@code rows x stackedRows}: dL/dscores of each row
   * @param stackedRows columns of {@code dScores}, the rows of the (stacked) W
   * @param gradientSum row-major {@code stackedRows x D}
   */
  public static void addGradient(
      Batch batch, double[] dScores, int stackedRows, double[] gradientSum) {
    addGradient(batch, dScores, stackedRows, gradientSum, 0);
  }

  /**
   * As {@link #addGradient(Batch, double[], int, double[])}, into {@code gradientSum} from {@code
   * offset}.
   */
  public static void addGradient(
      Batch batch, double[] dScores, int stackedRows, double[] gradientSum, int offset) {
    int d = batch.features();
    int b = batch.rows();
    if (b > 0) {
      // dW^T (D x R, i.e. dW row-major) += X^T (D x B) * dS (B x R; stored as R x B column-major).
      blas()
          .dgemm(
              "N",
              "T",
              d,
              stackedRows,
              b,
              1.0,
              batch.x(),
              0,
              d,
              dScores,
              0,
              stackedRows,
              1.0,
              gradientSum,
              offset,
              d);
    }
  }

  /**
   * Scores of every row under the {@code classes x D} matrix stored in {@code w} from {@code
   * offset} (one model of a stack), into {@code out} (row-major {@code rows x classes}).
   */
  public static void scores(double[] w, int offset, int classes, Batch batch, double[] out) {
    int d = batch.features();
    int b = batch.rows();
    if (b > 0) {
      // S^T (C x B) = W (C x D; stored as D x C column-major, hence "T") * X^T (D x B).
      blas()
          .dgemm("T", "N", classes, b, d, 1.0, w, offset, d, batch.x(), 0, d, 0.0, out, 0, classes);
    }
  }

  /**
   * Scores of every row under K stacked weight matrices at once (one GEMM): {@code stacked} holds
   * {@code stackedRows = K * C} rows of {@code features} values, row-major, i.e. K matrices of the
   * {@link Weights} layout one after the other.
   *
   * @return row-major {@code rows x stackedRows}: row i holds candidate 0's C scores, then
   *     candidate 1's, and so on
   */
  public static double[] stackedScores(
      double[] stacked, int stackedRows, Batch batch, double[] out) {
    int d = batch.features();
    int b = batch.rows();
    if (stacked.length < stackedRows * d) {
      throw new IllegalArgumentException(
          "stacked weights hold " + stacked.length + " values, need " + stackedRows + " x " + d);
    }
    double[] s = out != null && out.length >= b * stackedRows ? out : new double[b * stackedRows];
    if (b > 0 && stackedRows > 0) {
      blas().dgemm("T", "N", stackedRows, b, d, 1.0, stacked, d, batch.x(), d, 0.0, s, stackedRows);
    }
    return s;
  }

  /**
   * As {@link #stackedScores(double[], int, Batch, double[])} in single precision (sgemm), for
   * {@link Precision#FLOAT}, but model-major: {@code stacked} holds {@code stackedRows} rows of D
   * floats, and the stack's rows are the GEMM's columns, the dimension in which OpenBLAS's sgemm
   * gives a 12-row model the same bits at any place of the stack (as rows, it does not).
   *
   * @return row-major {@code stackedRows x rows}, in {@code out} when it is large enough
   */
  public static float[] stackedScores(
      float[] stacked, int stackedRows, FloatBatch batch, float[] out) {
    int b = batch.rows();
    int d = batch.features();
    float[] s = out != null && out.length >= b * stackedRows ? out : new float[b * stackedRows];
    if (b > 0 && stackedRows > 0) {
      // S (B x R, column-major) = X (B x D; stored as D x B, hence "T") * W^T (D x R).
      blas()
          .sgemm("T", "N", b, stackedRows, d, 1.0f, batch.x(), 0, d, stacked, 0, d, 0.0f, s, 0, b);
    }
    return s;
  }

  /**
   * Scores of every row under the {@code stackedRows x D} float matrix stored in {@code w} from
   * {@code offset} (a whole stack, or one model of it), in single precision.
   *
   * @return row-major {@code rows x stackedRows}, in {@code out} when it is large enough
   */
  public static float[] scores(
      float[] w, int offset, int stackedRows, FloatBatch batch, float[] out) {
    int d = batch.features();
    int b = batch.rows();
    if (w.length < offset + (long) stackedRows * d) {
      throw new IllegalArgumentException(
          "float weights hold "
              + (w.length - offset)
              + " values from "
              + offset
              + ", need "
              + stackedRows
              + " x "
              + d);
    }
    float[] s = out != null && out.length >= b * stackedRows ? out : new float[b * stackedRows];
    if (b > 0 && stackedRows > 0) {
      // S^T (R x B) = W (R x D; stored as D x R column-major, hence "T") * X^T (D x B).
      blas()
          .sgemm(
              "T",
              "N",
              stackedRows,
              b,
              d,
              1.0f,
              w,
              offset,
              d,
              batch.x(),
              0,
              d,
              0.0f,
              s,
              0,
              stackedRows);
    }
    return s;
  }

  /**
   * The chain rule in single precision: {@code out = dScores^T X} (overwritten, not added to: the
   * caller adds it into double sums, so that sums across chunks keep double's precision).
   *
   * @param dScores row-major {@code rows x stackedRows}
   * @return row-major {@code stackedRows x D}, in {@code out} when it is large enough
   */
  public static float[] gradient(FloatBatch batch, float[] dScores, int stackedRows, float[] out) {
    int d = batch.features();
    int b = batch.rows();
    float[] g = out != null && out.length >= stackedRows * d ? out : new float[stackedRows * d];
    if (b == 0) {
      java.util.Arrays.fill(g, 0, stackedRows * d, 0.0f);
    } else {
      // dW^T (D x R, i.e. dW row-major) = X^T (D x B) * dS (B x R; stored as R x B column-major).
      blas()
          .sgemm(
              "N",
              "T",
              d,
              stackedRows,
              b,
              1.0f,
              batch.x(),
              0,
              d,
              dScores,
              0,
              stackedRows,
              0.0f,
              g,
              0,
              d);
    }
    return g;
  }

  /** Index of the largest of {@code values[from .. from + n)}, relative to {@code from}. */
  public static int argmax(double[] values, int from, int n) {
    int best = 0;
    for (int k = 1; k < n; k++) {
      if (values[from + k] > values[from + best]) {
        best = k;
      }
    }
    return best;
  }

  private static void checkShapes(Weights w, Batch batch) {
    if (w.features() != batch.features()) {
      throw new IllegalArgumentException(
          "weights have " + w.features() + " features but the batch has " + batch.features());
    }
  }
}
