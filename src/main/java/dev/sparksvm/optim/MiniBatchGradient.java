package dev.sparksvm.optim;

import dev.sparksvm.core.CandidateSet;
import dev.sparksvm.core.GradientAccumulator;
import dev.sparksvm.core.LossSums;
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

  /** Partition {@code partition}'s loss sums of every candidate at {@code step}; runs on an executor. */
  public LossSums partitionCandidateLosses(int partition, long step, int share, ImageBlock block,
      CandidateSet candidates, double[] mean) {
    LossSums sums = new LossSums(candidates.size());
    if (share == 0) {
      return sums;
    }
    int[] rows = BatchSampler.sample(seed, step, partition, block.size(), share);
    return sums.add(BlockScoring.candidateLossSums(block, rows, candidates, mean, loss), rows.length);
  }

  /** Partition {@code partition}'s loss sums at every point of a line or plane; runs on an executor. */
  public LossSums partitionPlaneLosses(int partition, long step, int share, ImageBlock block,
      Plane plane, double[] mean) {
    LossSums sums = new LossSums(plane.a().length);
    if (share == 0) {
      return sums;
    }
    int[] rows = BatchSampler.sample(seed, step, partition, block.size(), share);
    return sums.add(BlockScoring.planeLossSums(block, rows, plane.w(), plane.w1(), plane.w2(),
        plane.a(), plane.b(), mean, loss), rows.length);
  }

  /** Each candidate's objective value: mean data loss plus its regularization. */
  public double[] finish(LossSums sums, CandidateSet candidates, L2Regularizer reg) {
    if (sums.count() == 0) {
      throw new IllegalStateException("no examples were drawn for the mini-batch");
    }
    double[] losses = sums.means();
    if (reg.strength() != 0) {
      Weights candidate = Weights.zeros(candidates.classes(), candidates.features());
      for (int k = 0; k < losses.length; k++) {
        candidates.fill(k, candidate.values(), 0);
        losses[k] += reg.loss(candidate);
      }
    }
    return losses;
  }

  /** Each point's objective value: mean data loss plus the regularization of the point. */
  public double[] finish(LossSums sums, Plane plane, L2Regularizer reg) {
    if (sums.count() == 0) {
      throw new IllegalStateException("no examples were drawn for the mini-batch");
    }
    double[] losses = sums.means();
    if (reg.strength() != 0) {
      Weights point = Weights.zeros(plane.w().classes(), plane.w().features());
      for (int k = 0; k < losses.length; k++) {
        losses[k] += reg.loss(plane.point(k, point));
      }
    }
    return losses;
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
