package dev.sparksvm.core;

/**
 * The memory a {@link BatchKernel} keeps between calls, and its one chunk loop: the batch matrix
 * the chosen rows are copied into, {@code capacity} rows at a time, and the buffers its
 * computations work in (scores and score gradients, the padded weight stack). Each buffer grows
 * when a call needs more and is never shrunk, so a task's steps allocate nothing once the first has
 * run. Not thread-safe: one per kernel, and a kernel per thread.
 */
final class ChunkBuffers {
  private final int capacity;
  private Batch batch;
  private double[] scores = new double[0];
  private double[] dScores = new double[0];
  private double[] modelScores = new double[0];
  private double[] modelDScores = new double[0];
  private double[] stack = new double[0];

  /** Buffers for chunks of {@code capacity} rows. */
  ChunkBuffers(int capacity) {
    this.capacity = capacity;
  }

  /** What is done with each filled chunk. */
  @FunctionalInterface
  interface ChunkAction {
    void accept(Batch batch);
  }

  /** The one chunk loop: rows {@code indices[0 .. count)} (or {@code 0 .. count - 1}) in order. */
  void forEachChunk(FeatureRows rows, int[] indices, int count, ChunkAction action) {
    Batch chunk = batch(rows.features());
    for (int from = 0; from < count; from += chunk.capacity()) {
      int to = Math.min(count, from + chunk.capacity());
      rows.fill(chunk, indices, from, to);
      action.accept(chunk);
    }
  }

  private Batch batch(int features) {
    if (batch == null || batch.features() != features) {
      batch = new Batch(capacity, features);
    }
    return batch;
  }

  /** Scores of a chunk under every model of a stack: at least {@code size} values. */
  double[] scores(int size) {
    if (scores.length < size) {
      scores = new double[size];
    }
    return scores;
  }

  /** Score gradients of a chunk under every model of a stack: at least {@code size} values. */
  double[] dScores(int size) {
    if (dScores.length < size) {
      dScores = new double[size];
    }
    return dScores;
  }

  /** One model's scores of a chunk: at least {@code size} values. */
  double[] modelScores(int size) {
    if (modelScores.length < size) {
      modelScores = new double[size];
    }
    return modelScores;
  }

  /** One model's score gradients of a chunk: at least {@code size} values. */
  double[] modelDScores(int size) {
    if (modelDScores.length < size) {
      modelDScores = new double[size];
    }
    return modelDScores;
  }

  /** The padded weight stack: at least {@code size} values, as the last call left them. */
  double[] stack(int size) {
    if (stack.length < size) {
      stack = new double[size];
    }
    return stack;
  }
}
