package dev.sparksvm.optim;

import dev.sparksvm.core.GradientAccumulator;
import dev.sparksvm.core.L2Regularizer;
import dev.sparksvm.core.Loss;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.BatchSampler;
import dev.sparksvm.data.BatchShares;
import dev.sparksvm.data.BlockScoring;
import dev.sparksvm.data.ImageBlock;
import java.io.Serializable;

/**
 * The mini-batch objective over partitioned image blocks, written once and shared by the in-memory
 * {@link LocalObjective} and the distributed {@code SparkObjective}, so both compute the same bits.
 *
 * <p>Step t: {@link BatchShares} splits the batch across partitions; partition p draws its share with
 * {@link BatchSampler} seeded by (seed, t, p) and sums loss and gradient over it; the totals are merged
 * in an {@link GradientAccumulator}; the driver divides by the count and adds the regularization.
 *
 * @param loss the data loss
 * @param batch global mini-batch size; equal to the training-set size it is full-batch descent
 * @param seed seed of every draw
 * @param partitionSizes images in each partition
 */
public record MiniBatchGradient(Loss loss, int batch, long seed, long[] partitionSizes)
    implements Serializable {

  public MiniBatchGradient {
    long total = 0;
    for (long n : partitionSizes) {
      total += n;
    }
    if (batch < 1 || batch > total) {
      throw new IllegalArgumentException("--batch must be in 1.." + total
          + " (the training-set size), got " + batch);
    }
    partitionSizes = partitionSizes.clone();
  }

  /** Rows each partition contributes at {@code step}. */
  public int[] shares(long step) {
    if (batch == trainingSize()) {
      int[] all = new int[partitionSizes.length];
      for (int p = 0; p < all.length; p++) {
        all[p] = (int) partitionSizes[p];
      }
      return all;
    }
    return BatchShares.split(seed, step, partitionSizes, batch);
  }

  /** Total number of training images. */
  public long trainingSize() {
    long total = 0;
    for (long n : partitionSizes) {
      total += n;
    }
    return total;
  }

  /** Iterations that make one pass over the training set (at least 1). */
  public long iterationsPerEpoch() {
    return Math.max(1, (trainingSize() + batch - 1) / batch);
  }

  /** Partition {@code partition}'s totals at {@code step}; runs on an executor. */
  public GradientAccumulator partitionTotals(int partition, long step, int share, ImageBlock block,
      Weights w, double[] mean) {
    GradientAccumulator totals = new GradientAccumulator(w.classes(), w.features());
    if (share == 0) {
      return totals;
    }
    int[] rows = BatchSampler.sample(seed, step, partition, block.size(), share);
    BlockScoring.Totals t = BlockScoring.lossAndGradient(block, rows, w, mean, loss);
    return totals.add(t.gradientSum(), t.lossSum(), t.examples());
  }

  /** The objective value and gradient from the merged totals: mean data term plus regularization. */
  public Objective.Evaluation finish(GradientAccumulator totals, Weights w, L2Regularizer reg) {
    long n = totals.count();
    if (n == 0) {
      throw new IllegalStateException("no examples were drawn for the mini-batch");
    }
    if (!totals.isFinite()) {
      return new Objective.Evaluation(Double.NaN, Weights.zeros(w.classes(), w.features()), n);
    }
    Weights gradient = totals.gradientSum();
    double[] g = gradient.values();
    double scale = 1.0 / n;
    for (int i = 0; i < g.length; i++) {
      g[i] *= scale;
    }
    reg.addGradient(w, gradient);
    return new Objective.Evaluation(totals.lossSum() / n + reg.loss(w), gradient, n);
  }
}
