package dev.sparksvm.spark;

import dev.sparksvm.core.BatchKernel;
import dev.sparksvm.core.CandidateSet;
import dev.sparksvm.core.FeatureRows;
import dev.sparksvm.core.L2Regularizer;
import dev.sparksvm.core.Loss;
import dev.sparksvm.core.LossSums;
import dev.sparksvm.core.Plane;
import dev.sparksvm.data.Preprocessing;
import dev.sparksvm.optim.MiniBatchPlan;
import java.io.Serializable;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The loss probes of {@link SparkObjective}: the losses of many points on one step's batch, with no
 * gradient (the candidate W of a random search, the points of a line or plane through W for a loss
 * landscape). One Spark job per probe: the points travel by broadcast (a candidate set may hold a
 * whole W), each partition draws the step's rows as a gradient step would and scores them with the
 * {@link BatchKernel}, {@code treeAggregate} adds the partitions' sums, and the driver adds the
 * regularization.
 */
final class LossProbeJobs {
  private final JavaSparkContext sc;
  private final CachedBlocks train;
  private final Broadcast<Preprocessing> preprocessing;
  private final MiniBatchPlan plan;
  private final Loss loss;
  private final L2Regularizer reg;
  private final int aggregationDepth;

  /**
   * @param preprocessing the objective's broadcast, which it destroys (not this)
   * @param aggregationDepth of each probe's {@code treeAggregate}, at least 1
   */
  LossProbeJobs(
      JavaSparkContext sc,
      CachedBlocks train,
      Broadcast<Preprocessing> preprocessing,
      MiniBatchPlan plan,
      Loss loss,
      L2Regularizer reg,
      int aggregationDepth) {
    this.sc = sc;
    this.train = train;
    this.preprocessing = preprocessing;
    this.plan = plan;
    this.loss = loss;
    this.reg = reg;
    this.aggregationDepth = aggregationDepth;
  }

  /**
   * One pass scores every candidate; the set travels by broadcast (it may hold a whole W).
   *
   * @param description the step's job description in the Spark UI
   */
  double[] losses(CandidateSet candidates, long step, String description) {
    Loss dataLoss = loss;
    return plan.finish(
        lossPass(
            candidates,
            candidates.size(),
            step,
            description,
            (block, rows, set) ->
                BatchKernel.current().candidateLossSums(block, rows, set, dataLoss)),
        candidates,
        reg);
  }

  /** One pass scores every point of the line or plane, which travels by broadcast. */
  double[] losses(Plane plane, long step, String description) {
    Loss dataLoss = loss;
    return plan.finish(
        lossPass(
            plane,
            plane.size(),
            step,
            description,
            (block, rows, points) ->
                BatchKernel.current().planeLossSums(block, rows, points, dataLoss)),
        plane,
        reg);
  }

  /** What one partition computes in a loss pass over some payload (candidates, a plane). */
  @FunctionalInterface
  private interface PartitionLosses<T> extends Serializable {
    double[] compute(FeatureRows block, int[] rows, T payload);
  }

  /**
   * Broadcasts the payload, sums every partition's losses with treeAggregate, destroys it. The
   * tasks' closure holds locals only: this object (and its context) never travels.
   */
  private <T> LossSums lossPass(
      T payload, int size, long step, String description, PartitionLosses<T> losses) {
    sc.setJobDescription(description + ": the loss of " + size + " points");
    Broadcast<T> shared = sc.broadcast(payload);
    int[] shares = plan.shares(step);
    MiniBatchPlan batches = plan;
    Broadcast<Preprocessing> rowsThrough = preprocessing;
    try {
      return train
          .blocks()
          .treeAggregate(
              new LossSums(size),
              (acc, block) -> {
                int partition = TaskContext.getPartitionId();
                int[] rows = batches.rows(partition, step, shares[partition], block.size());
                return acc.merge(
                    new LossSums(size)
                        .add(
                            losses.compute(block.rows(rowsThrough.value()), rows, shared.value()),
                            rows.length));
              },
              LossSums::merge,
              aggregationDepth);
    } finally {
      shared.destroy();
    }
  }
}
