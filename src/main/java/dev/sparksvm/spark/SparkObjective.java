package dev.sparksvm.spark;

import dev.sparksvm.core.BatchKernel;
import dev.sparksvm.core.CandidateSet;
import dev.sparksvm.core.FeatureRows;
import dev.sparksvm.core.GradientAccumulator;
import dev.sparksvm.core.L2Regularizer;
import dev.sparksvm.core.Loss;
import dev.sparksvm.core.LossSums;
import dev.sparksvm.core.Plane;
import dev.sparksvm.core.StackedWeights;
import dev.sparksvm.core.Weights;
import dev.sparksvm.optim.MiniBatchPlan;
import dev.sparksvm.optim.Objective;
import java.io.Serializable;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.CollectionAccumulator;

/**
 * The mini-batch objective over a cached, partitioned training set. One evaluation is one Spark job:
 *
 * <ol>
 *   <li>the driver broadcasts W (C x D doubles; it never travels inside the task closure);
 *   <li>each partition draws its share of the batch from its own block ({@link MiniBatchPlan#rows},
 *       seeded by (seed, step, partition)) and sums loss and gradient with the {@link BatchKernel};
 *   <li>{@code treeAggregate} brings (gradient sum, loss sum, count) to the driver; the sums are exact
 *       ({@link dev.sparksvm.core.ExactSum}), so Spark's merge order cannot change a bit;
 *   <li>the driver destroys the broadcast and adds the regularization.
 * </ol>
 *
 * The plan and the kernel are shared with the in-memory {@code LocalObjective}. Each task also reports
 * its start time and how long its broadcast read and its compute took ({@link TaskTiming}, through a
 * Spark accumulator), which {@link #lastPhases()} and {@link #totalPhases()} turn into {@link
 * IterationPhases}; the timing never touches the numbers.
 */
public final class SparkObjective implements Objective, AutoCloseable {
  private final JavaSparkContext sc;
  private final ImageData train;
  private final Broadcast<double[]> mean;
  private final MiniBatchPlan plan;
  private final Loss loss;
  private final L2Regularizer reg;
  private final int aggregationDepth;
  private final CollectionAccumulator<TaskTiming> taskTimings;
  private final long[] phaseSums = new long[5];
  private IterationPhases last;

  /**
   * @param mean the per-pixel training mean, broadcast once for the life of this objective
   * @param aggregationDepth depth of {@code treeAggregate}, {@code >= 1}
   */
  public SparkObjective(JavaSparkContext sc, ImageData train, double[] mean, MiniBatchPlan plan,
      Loss loss, L2Regularizer reg, int aggregationDepth) {
    if (aggregationDepth < 1) {
      throw new IllegalArgumentException("aggregation depth must be >= 1, got " + aggregationDepth);
    }
    this.sc = sc;
    this.train = train;
    this.mean = sc.broadcast(mean.clone());
    this.plan = plan;
    this.loss = loss;
    this.reg = reg;
    this.aggregationDepth = aggregationDepth;
    this.taskTimings = sc.sc().collectionAccumulator("sparksvm task timings");
  }

  @Override
  public int classes() {
    return train.schema().classes();
  }

  @Override
  public int features() {
    return train.schema().features();
  }

  @Override
  public Evaluation evaluate(Weights w, long step) {
    long start = System.nanoTime();
    int classes = w.classes();
    int features = w.features();
    // A copy: in local mode tasks read the broadcast object itself, and the caller updates w in place.
    Broadcast<double[]> weights = sc.broadcast(w.values().clone());
    try {
      long broadcastDone = System.nanoTime();
      int[] shares = plan.shares(step);
      MiniBatchPlan batches = plan;
      Loss dataLoss = loss;
      Broadcast<double[]> pixelMean = mean;
      CollectionAccumulator<TaskTiming> reports = taskTimings;
      reports.reset();
      GradientAccumulator totals = train.blocks().treeAggregate(
          new GradientAccumulator(classes, features),
          (acc, block) -> {
            long startMicros = TaskTiming.nowMicros();
            long t0 = System.nanoTime();
            int partition = TaskContext.getPartitionId();
            StackedWeights wt = new StackedWeights(1, classes, features, weights.value());
            double[] meanValues = pixelMean.value();
            long t1 = System.nanoTime();
            int[] rows = batches.rows(partition, step, shares[partition], block.size());
            BatchKernel.Totals t = BatchKernel.current().lossAndGradient(block.centred(meanValues),
                rows, wt, dataLoss);
            GradientAccumulator part = new GradientAccumulator(classes, features)
                .add(t.gradientSums(), t.lossSums(), t.examples());
            reports.add(new TaskTiming(partition, startMicros, t1 - t0, System.nanoTime() - t1));
            return acc.merge(part);
          },
          GradientAccumulator::merge,
          aggregationDepth);
      long aggregated = System.nanoTime();
      long aggregatedMicros = TaskTiming.nowMicros();
      Evaluation result = plan.finish(totals, 0, w, reg);
      long end = System.nanoTime();
      record(IterationPhases.split(end - start, broadcastDone - start, aggregatedMicros,
          end - aggregated, reports.value()));
      return result;
    } finally {
      weights.destroy();
    }
  }

  /** One pass scores every candidate; the set travels by broadcast (it may hold a whole W). */
  @Override
  public double[] losses(CandidateSet candidates, long step) {
    Loss dataLoss = loss;
    return plan.finish(lossPass(candidates, candidates.size(), step,
        (block, rows, set) -> BatchKernel.current().candidateLossSums(block, rows, set, dataLoss)),
        candidates, reg);
  }

  /** One pass scores every point of the line or plane, which travels by broadcast. */
  @Override
  public double[] losses(Plane plane, long step) {
    Loss dataLoss = loss;
    return plan.finish(lossPass(plane, plane.size(), step,
        (block, rows, points) -> BatchKernel.current().planeLossSums(block, rows, points, dataLoss)),
        plane, reg);
  }

  /** What one partition computes in a loss pass over some payload (candidates, a plane). */
  @FunctionalInterface
  private interface PartitionLosses<T> extends Serializable {
    double[] compute(FeatureRows block, int[] rows, T payload);
  }

  /** Broadcasts the payload, sums every partition's losses with treeAggregate, destroys it. */
  private <T> LossSums lossPass(T payload, int size, long step, PartitionLosses<T> losses) {
    Broadcast<T> shared = sc.broadcast(payload);
    int[] shares = plan.shares(step);
    MiniBatchPlan batches = plan;
    Broadcast<double[]> pixelMean = mean;
    try {
      return train.blocks().treeAggregate(new LossSums(size),
          (acc, block) -> {
            int partition = TaskContext.getPartitionId();
            int[] rows = batches.rows(partition, step, shares[partition], block.size());
            return acc.merge(new LossSums(size).add(losses.compute(block.centred(pixelMean.value()),
                rows, shared.value()), rows.length));
          },
          LossSums::merge,
          aggregationDepth);
    } finally {
      shared.destroy();
    }
  }

  private void record(IterationPhases phases) {
    phaseSums[0] += phases.broadcastNanos();
    phaseSums[1] += phases.computeNanos();
    phaseSums[2] += phases.aggregationNanos();
    phaseSums[3] += phases.driverNanos();
    phaseSums[4] += phases.schedulingNanos();
    last = phases;
  }

  /** How each step's batch is drawn. */
  public MiniBatchPlan plan() {
    return plan;
  }

  /** Where the time of the last {@link #evaluate} went, or null before the first. */
  public IterationPhases lastPhases() {
    return last;
  }

  /** The splits of all evaluations so far, added up ({@code tasks} is that of the last). */
  public IterationPhases totalPhases() {
    return new IterationPhases(phaseSums[0], phaseSums[1], phaseSums[2], phaseSums[3], phaseSums[4],
        last == null ? 0 : last.tasks());
  }

  @Override
  public void close() {
    mean.destroy();
  }
}
