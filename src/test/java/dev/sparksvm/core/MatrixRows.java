package dev.sparksvm.core;

import java.util.SplittableRandom;

/** Feature rows held as a plain matrix, for kernel tests without images. */
final class MatrixRows implements FeatureRows {
  final double[] x;
  final int[] labels;
  private final int features;

  MatrixRows(double[] x, int[] labels, int features) {
    this.x = x;
    this.labels = labels;
    this.features = features;
  }

  /** {@code rows} random rows of {@code features} (the last one the bias 1) and labels below C. */
  static MatrixRows random(int rows, int features, int classes, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = new double[rows * features];
    int[] labels = new int[rows];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < features - 1; j++) {
        x[i * features + j] = random.nextGaussian();
      }
      x[i * features + features - 1] = 1;
      labels[i] = random.nextInt(classes);
    }
    return new MatrixRows(x, labels, features);
  }

  @Override
  public int size() {
    return labels.length;
  }

  @Override
  public int features() {
    return features;
  }

  @Override
  public void fill(Batch batch, int[] indices, int from, int to) {
    for (int r = 0; r < to - from; r++) {
      int row = indices == null ? from + r : indices[from + r];
      System.arraycopy(x, row * features, batch.x(), r * features, features);
      batch.labels()[r] = labels[row];
    }
    batch.setRows(to - from);
  }

  @Override
  public void fill(FloatBatch batch, int[] indices, int from, int to) {
    for (int r = 0; r < to - from; r++) {
      int row = indices == null ? from + r : indices[from + r];
      for (int j = 0; j < features; j++) {
        batch.x()[r * features + j] = (float) x[row * features + j];
      }
      batch.labels()[r] = labels[row];
    }
    batch.setRows(to - from);
  }

  /** The selected rows as one batch (the single-GEMM reference). */
  Batch batch(int[] indices) {
    Batch b = new Batch(Math.max(1, indices.length), features);
    fill(b, indices, 0, indices.length);
    return b;
  }

  /** Score of class c of row i under W, by a plain loop. */
  double score(Weights w, int i, int c) {
    double s = 0;
    for (int j = 0; j < features; j++) {
      s += w.get(c, j) * x[i * features + j];
    }
    return s;
  }
}
