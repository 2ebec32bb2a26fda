package dev.sparksvm.optim;

import dev.sparksvm.core.CandidateSet;
import dev.sparksvm.core.L2Regularizer;
import dev.sparksvm.core.LossSums;
import dev.sparksvm.core.ModelTotals;
import dev.sparksvm.core.Plane;
import dev.sparksvm.core.StackedWeights;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.BatchSampler;
import dev.sparksvm.data.BatchShares;
import java.io.Serializable;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * The driver's half of a mini-batch objective over partitioned data: it plans each step's batch and
 * finishes the merged sums. Shared by the in-memory {@link LocalObjective} and the distributed
 * {@code SparkObjective}, so both compute the same bits; the executors' half is {@link
 * dev.sparksvm.core.BatchKernel}.
 *
 * <p>Step t: {@link BatchShares} splits the batch across partitions; partition p draws its share
 * with {@link BatchSampler} seeded by (seed, t, p) ({@link #rows}); the kernel sums loss and
 * gradient over those rows; the partitions' sums are merged in partition order (or exactly, by a
 * tree); {@link #finish} divides by the count and adds the regularization.
 *
 * @param batch global mini-batch size; equal to the training-set size it is full-batch descent
 * @param seed seed of every draw
 * @param partitionSizes images in each partition
 */
public record MiniBatchPlan(int batch, long seed, long[] partitionSizes) implements Serializable {

  public MiniBatchPlan {
    long total = 0;
    for (long n : partitionSizes) {
      total += n;
    }
    if (batch < 1 || batch > total) {
      throw new IllegalArgumentException(
          "batch must be in 1.." + total + " (the training-set size), got " + batch);
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

  /** The rows (sorted indices into its block) partition {@code partition} uses at {@code step}. */
  public int[] rows(int partition, long step, int share, int blockSize) {
    return BatchSampler.sample(seed, step, partition, blockSize, share);
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

  /** Each candidate's objective value: mean data loss plus its regularization. */
  public double[] finish(LossSums sums, CandidateSet candidates, L2Regularizer reg) {
    double[] losses = means(sums);
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
    double[] losses = means(sums);
    if (reg.strength() != 0) {
      Weights point = Weights.zeros(plane.w().classes(), plane.w().features());
      for (int k = 0; k < losses.length; k++) {
        losses[k] += reg.loss(plane.point(k, point));
      }
    }
    return losses;
  }

  /**
   * Model {@code k}'s objective value and gradient from the merged totals: mean data term plus
   * regularization. A model whose sums are not finite gets a NaN loss (it diverged).
   */
  public Objective.Evaluation finish(ModelTotals totals, int k, Weights w, L2Regularizer reg) {
    return finish(
        totals, k, w.classes(), w.features(), g -> reg.addGradient(w, g), () -> reg.loss(w));
  }

  /**
   * Every stacked model's objective value and gradient, model k regularized by {@code regs[k]}: the
   * same bits as {@link #finish(ModelTotals, int, Weights, L2Regularizer)} of each model, with W
   * read in place rather than copied out of the stack.
   */
  public Objective.Evaluation[] finish(ModelTotals totals, StackedWeights w, L2Regularizer[] regs) {
    if (regs.length != w.models()) {
      throw new IllegalArgumentException(
          regs.length + " regularizers for " + w.models() + " models");
    }
    Objective.Evaluation[] out = new Objective.Evaluation[w.models()];
    for (int k = 0; k < out.length; k++) {
      int m = k;
      out[k] =
          finish(
              totals,
              m,
              w.classes(),
              w.features(),
              g -> regs[m].addGradient(w, m, g),
              () -> regs[m].loss(w, m));
    }
    return out;
  }

  /**
   * Model k's mean data loss and gradient plus its regularization ({@code addRegGradient} adds to
   * the mean gradient, {@code regLoss} is the penalty), or a NaN loss when its sums are not finite.
   */
  private static Objective.Evaluation finish(
      ModelTotals totals,
      int k,
      int classes,
      int features,
      Consumer<Weights> addRegGradient,
      DoubleSupplier regLoss) {
    long n = n(totals);
    if (!totals.isFinite(k)) {
      return new Objective.Evaluation(Double.NaN, Weights.zeros(classes, features), n);
    }
    Weights gradient = totals.gradientSum(k);
    double[] g = gradient.values();
    double scale = 1.0 / n;
    for (int i = 0; i < g.length; i++) {
      g[i] *= scale;
    }
    addRegGradient.accept(gradient);
    return new Objective.Evaluation(totals.lossSum(k) / n + regLoss.getAsDouble(), gradient, n);
  }

  private static long n(ModelTotals totals) {
    long n = totals.count();
    if (n == 0) {
      throw new IllegalStateException("no examples were drawn for the mini-batch");
    }
    return n;
  }

  private static double[] means(LossSums sums) {
    if (sums.count() == 0) {
      throw new IllegalStateException("no examples were drawn for the mini-batch");
    }
    return sums.means();
  }
}
