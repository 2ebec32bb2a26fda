package dev.sparksvm.optim;

import dev.sparksvm.core.BatchKernel;
import dev.sparksvm.core.BatchTotals;
import dev.sparksvm.core.CandidateSet;
import dev.sparksvm.core.L2Regularizer;
import dev.sparksvm.core.Loss;
import dev.sparksvm.core.LossSums;
import dev.sparksvm.core.OrderedSums;
import dev.sparksvm.core.Plane;
import dev.sparksvm.core.Precision;
import dev.sparksvm.core.StackedWeights;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.ImageBlock;
import java.util.List;

/**
 * The mini-batch objective over image blocks held in this JVM, without Spark. Given the same blocks
 * as a Spark run's partitions, it computes the same bits as {@code SparkObjective}: the same plan
 * draws the same rows and the same kernel sums them. It is the reference the distributed version is
 * tested against, and the objective optimizers are unit-tested on.
 */
public final class LocalObjective implements StackedObjective, LossProbes {
  private final List<ImageBlock> blocks;
  private final double[] mean;
  private final int classes;
  private final MiniBatchPlan plan;
  private final Loss loss;
  private final L2Regularizer reg;
  private final Precision precision;

  /**
   * @param blocks the "partitions", in partition order
   * @param mean per-pixel training mean
   * @param classes number of classes C
   */
  public LocalObjective(
      List<ImageBlock> blocks,
      double[] mean,
      int classes,
      MiniBatchPlan plan,
      Loss loss,
      L2Regularizer reg) {
    this(blocks, mean, classes, plan, loss, reg, Precision.DOUBLE);
  }

  /**
   * As above, with the gradient's GEMMs in {@code precision} (as {@code SparkObjective} takes it).
   */
  public LocalObjective(
      List<ImageBlock> blocks,
      double[] mean,
      int classes,
      MiniBatchPlan plan,
      Loss loss,
      L2Regularizer reg,
      Precision precision) {
    if (plan.partitionSizes().length != blocks.size()) {
      throw new IllegalArgumentException("partition sizes do not match the blocks");
    }
    for (ImageBlock b : blocks) {
      if (b.imageBytes() != mean.length) {
        throw new IllegalArgumentException(
            "mean has " + mean.length + " values, images " + b.imageBytes() + " bytes");
      }
    }
    this.blocks = List.copyOf(blocks);
    this.mean = mean.clone();
    this.classes = classes;
    this.plan = plan;
    this.loss = loss;
    this.reg = reg;
    this.precision = precision;
  }

  @Override
  public int classes() {
    return classes;
  }

  @Override
  public int features() {
    return mean.length + 1;
  }

  @Override
  public Evaluation evaluate(Weights w, long step) {
    return plan.finish(sums(StackedWeights.of(w), step), 0, w, reg);
  }

  @Override
  public Evaluation[] evaluate(StackedWeights w, L2Regularizer[] regs, long step) {
    return plan.finish(sums(w, step), w, regs);
  }

  /** Every partition's sums for the stacked models at {@code step}, added in partition order. */
  private OrderedSums sums(StackedWeights w, long step) {
    int[] shares = plan.shares(step);
    OrderedSums totals = new OrderedSums(w.models(), w.classes(), w.features());
    for (int p = 0; p < blocks.size(); p++) {
      ImageBlock block = blocks.get(p);
      int[] rows = plan.rows(p, step, shares[p], block.size());
      BatchTotals t =
          BatchKernel.current().lossAndGradient(block.centred(mean), rows, w, loss, precision);
      totals.add(t.gradientSums(), t.lossSums(), t.examples());
    }
    return totals;
  }

  @Override
  public double[] losses(CandidateSet candidates, long step) {
    int[] shares = plan.shares(step);
    LossSums sums = new LossSums(candidates.size());
    for (int p = 0; p < blocks.size(); p++) {
      ImageBlock block = blocks.get(p);
      int[] rows = plan.rows(p, step, shares[p], block.size());
      sums.add(
          BatchKernel.current().candidateLossSums(block.centred(mean), rows, candidates, loss),
          rows.length);
    }
    return plan.finish(sums, candidates, reg);
  }

  @Override
  public double[] losses(Plane plane, long step) {
    int[] shares = plan.shares(step);
    LossSums sums = new LossSums(plane.size());
    for (int p = 0; p < blocks.size(); p++) {
      ImageBlock block = blocks.get(p);
      int[] rows = plan.rows(p, step, shares[p], block.size());
      sums.add(
          BatchKernel.current().planeLossSums(block.centred(mean), rows, plane, loss), rows.length);
    }
    return plan.finish(sums, plane, reg);
  }
}
