package dev.sparksvm.data;

import dev.sparksvm.core.Batch;
import dev.sparksvm.core.BatchRows;
import dev.sparksvm.core.FloatBatch;
import java.util.Arrays;

/**
 * A {@link VectorBlock}'s rows (its pages and labels, handed over: the view needs nothing else of
 * it) through a {@link Preprocessing}: {@code (x_j - mean_j) * scale_j} (a missing scale is 1, and
 * multiplying by 1 is exact, so that is mean subtraction to the bit), then the bias 1. Rows are
 * copied on demand, never stored; the view counts them. Not thread-safe (one per task).
 */
final class StandardizedRows implements FeatureBlock.Rows {
  private final float[][] floatPages;
  private final double[][] doublePages;
  private final int pageRows;
  private final int size;
  private final byte[] byteLabels;
  private final int[] intLabels;
  private final int d;
  private final double[] mean;
  private final double[] scale;
  private long rowsCopied;

  /**
   * One of the page arrays and one of the label arrays is null (floats or doubles; bytes or ints).
   */
  StandardizedRows(
      float[][] floatPages,
      double[][] doublePages,
      int pageRows,
      int size,
      byte[] byteLabels,
      int[] intLabels,
      Preprocessing p) {
    this.floatPages = floatPages;
    this.doublePages = doublePages;
    this.pageRows = pageRows;
    this.size = size;
    this.byteLabels = byteLabels;
    this.intLabels = intLabels;
    this.d = p.features();
    this.mean = p.mean();
    if (p.scaled()) {
      this.scale = p.scale();
    } else {
      this.scale = new double[d];
      Arrays.fill(scale, 1.0);
    }
  }

  @Override
  public long rowsCopied() {
    return rowsCopied;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public int features() {
    return d + 1;
  }

  @Override
  public void fill(Batch batch, int[] indices, int from, int to) {
    check(batch.capacity(), batch.features(), to - from);
    double[] x = batch.x();
    for (int r = 0; r < to - from; r++) {
      int i = row(indices, from + r);
      int page = i / pageRows;
      int src = (i - page * pageRows) * d;
      int dst = r * (d + 1);
      if (floatPages != null) {
        float[] v = floatPages[page];
        for (int j = 0; j < d; j++) {
          x[dst + j] = (v[src + j] - mean[j]) * scale[j];
        }
      } else {
        double[] v = doublePages[page];
        for (int j = 0; j < d; j++) {
          x[dst + j] = (v[src + j] - mean[j]) * scale[j];
        }
      }
      x[dst + d] = 1.0;
    }
    labelRows(batch, indices, from, to);
  }

  @Override
  public void fill(FloatBatch batch, int[] indices, int from, int to) {
    check(batch.capacity(), batch.features(), to - from);
    float[] x = batch.x();
    for (int r = 0; r < to - from; r++) {
      int i = row(indices, from + r);
      int page = i / pageRows;
      int src = (i - page * pageRows) * d;
      int dst = r * (d + 1);
      // The double value, rounded once: the float nearest the double path's value.
      if (floatPages != null) {
        float[] v = floatPages[page];
        for (int j = 0; j < d; j++) {
          x[dst + j] = (float) ((v[src + j] - mean[j]) * scale[j]);
        }
      } else {
        double[] v = doublePages[page];
        for (int j = 0; j < d; j++) {
          x[dst + j] = (float) ((v[src + j] - mean[j]) * scale[j]);
        }
      }
      x[dst + d] = 1.0f;
    }
    labelRows(batch, indices, from, to);
  }

  private static int row(int[] indices, int i) {
    return indices == null ? i : indices[i];
  }

  private void labelRows(BatchRows batch, int[] indices, int from, int to) {
    int[] y = batch.labels();
    for (int r = 0; r < to - from; r++) {
      int i = row(indices, from + r);
      y[r] = byteLabels != null ? byteLabels[i] & 0xFF : intLabels[i];
    }
    rowsCopied += to - from;
    batch.setRows(to - from);
  }

  private void check(int capacity, int batchFeatures, int rows) {
    if (rows > capacity || batchFeatures != features()) {
      throw new IllegalArgumentException(
          "a batch of "
              + capacity
              + " x "
              + batchFeatures
              + " cannot take "
              + rows
              + " rows of "
              + features()
              + " features");
    }
  }
}
