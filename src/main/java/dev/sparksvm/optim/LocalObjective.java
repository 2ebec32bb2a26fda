package dev.sparksvm.optim;

import dev.sparksvm.core.CandidateSet;
import dev.sparksvm.core.GradientAccumulator;
import dev.sparksvm.core.LossSums;
import dev.sparksvm.core.L2Regularizer;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Cifar10;
import dev.sparksvm.data.ImageBlock;
import java.util.List;

/**
 * The mini-batch objective over image blocks held in this JVM, without Spark. Given the same blocks as
 * a Spark run's partitions, it computes the same bits as {@code SparkObjective}; it is the reference
 * the distributed version is tested against, and the objective optimizers are unit-tested on.
 */
public final class LocalObjective implements Objective {
  private final List<ImageBlock> blocks;
  private final double[] mean;
  private final MiniBatchGradient gradient;
  private final L2Regularizer reg;

  /**
   * @param blocks the "partitions", in partition order
   * @param mean per-pixel training mean (3072 values)
   */
  public LocalObjective(List<ImageBlock> blocks, double[] mean, MiniBatchGradient gradient,
      L2Regularizer reg) {
    if (mean.length != Cifar10.PIXELS) {
      throw new IllegalArgumentException("mean needs " + Cifar10.PIXELS + " values, got "
          + mean.length);
    }
    if (gradient.partitionSizes().length != blocks.size()) {
      throw new IllegalArgumentException("partition sizes do not match the blocks");
    }
    this.blocks = List.copyOf(blocks);
    this.mean = mean.clone();
    this.gradient = gradient;
    this.reg = reg;
  }

  @Override
  public int classes() {
    return Cifar10.CLASSES;
  }

  @Override
  public int features() {
    return Cifar10.FEATURES;
  }

  @Override
  public Evaluation evaluate(Weights w, long step) {
    int[] shares = gradient.shares(step);
    GradientAccumulator totals = new GradientAccumulator(w.classes(), w.features());
    for (int p = 0; p < blocks.size(); p++) {
      totals.merge(gradient.partitionTotals(p, step, shares[p], blocks.get(p), w, mean));
    }
    return gradient.finish(totals, w, reg);
  }

  @Override
  public double[] losses(CandidateSet candidates, long step) {
    int[] shares = gradient.shares(step);
    LossSums sums = new LossSums(candidates.size());
    for (int p = 0; p < blocks.size(); p++) {
      sums.merge(gradient.partitionCandidateLosses(p, step, shares[p], blocks.get(p), candidates,
          mean));
    }
    return gradient.finish(sums, candidates, reg);
  }

  @Override
  public double[] losses(Plane plane, long step) {
    int[] shares = gradient.shares(step);
    LossSums sums = new LossSums(plane.size());
    for (int p = 0; p < blocks.size(); p++) {
      sums.merge(gradient.partitionPlaneLosses(p, step, shares[p], blocks.get(p), plane, mean));
    }
    return gradient.finish(sums, plane, reg);
  }
}
