package dev.sparksvm.spark;

import dev.sparksvm.core.CandidateSet;
import dev.sparksvm.core.GradientAccumulator;
import dev.sparksvm.core.LossSums;
import dev.sparksvm.core.L2Regularizer;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Cifar10;
import dev.sparksvm.optim.MiniBatchGradient;
import dev.sparksvm.optim.Objective;
import dev.sparksvm.optim.Plane;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.CollectionAccumulator;

/**
 * The mini-batch objective over a cached, partitioned training set. One evaluation is one Spark job:
 *
 * <ol>
 *   <li>the driver broadcasts W (C x D doubles; it never travels inside the task closure);
 *   <li>each partition draws its share of the batch from its own block, seeded by (seed, step,
 *       partition), and sums loss and gradient with two GEMMs per chunk;
 *   <li>{@code treeAggregate} brings (gradient sum, loss sum, count) to the driver; the sums are exact
 *       ({@link dev.sparksvm.core.ExactSum}), so Spark's merge order cannot change a bit;
 *   <li>the driver destroys the broadcast and adds the regularization.
 * </ol>
 *
 * The math is {@link MiniBatchGradient}'s, shared with the in-memory {@code LocalObjective}. Each task
 * also reports its start time and how long its broadcast read and its compute took ({@link TaskTiming},
 * through a Spark accumulator), which {@link #timings()} turns into {@link IterationPhases}; the timing
 * never touches the numbers.
 */
public final class SparkObjective implements Objective, AutoCloseable {
  private final JavaSparkContext sc;
  private final ImageData train;
  private final Broadcast<double[]> mean;
  private final MiniBatchGradient gradient;
  private final L2Regularizer reg;
  private final int aggregationDepth;
  private final Timings timings = new Timings();
  private final CollectionAccumulator<TaskTiming> taskTimings;

  /**
   * @param mean the per-pixel training mean, broadcast once for the life of this objective
   * @param aggregationDepth depth of {@code treeAggregate}, {@code >= 1}
   */
  public SparkObjective(JavaSparkContext sc, ImageData train, double[] mean,
      MiniBatchGradient gradient, L2Regularizer reg, int aggregationDepth) {
    if (aggregationDepth < 1) {
      throw new IllegalArgumentException("aggregation depth must be >= 1, got " + aggregationDepth);
    }
    this.sc = sc;
    this.train = train;
    this.mean = sc.broadcast(mean.clone());
    this.gradient = gradient;
    this.reg = reg;
    this.aggregationDepth = aggregationDepth;
    this.taskTimings = sc.sc().collectionAccumulator("sparksvm task timings");
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
    long start = System.nanoTime();
    int classes = w.classes();
    int features = w.features();
    // A copy: in local mode tasks read the broadcast object itself, and the caller updates w in place.
    Broadcast<double[]> weights = sc.broadcast(w.values().clone());
    long broadcastDone = System.nanoTime();
    int[] shares = gradient.shares(step);
    MiniBatchGradient math = gradient;
    Broadcast<double[]> pixelMean = mean;
    CollectionAccumulator<TaskTiming> reports = taskTimings;
    reports.reset();
    GradientAccumulator totals = train.blocks().treeAggregate(
        new GradientAccumulator(classes, features),
        (acc, block) -> {
          long startMicros = TaskTiming.nowMicros();
          long t0 = System.nanoTime();
          int partition = TaskContext.getPartitionId();
          Weights wt = new Weights(classes, features, weights.value());
          double[] meanValues = pixelMean.value();
          long t1 = System.nanoTime();
          GradientAccumulator part = math.partitionTotals(partition, step, shares[partition], block, wt,
              meanValues);
          reports.add(new TaskTiming(partition, startMicros, t1 - t0, System.nanoTime() - t1));
          return acc.merge(part);
        },
        GradientAccumulator::merge,
        aggregationDepth);
    long aggregated = System.nanoTime();
    long aggregatedMicros = TaskTiming.nowMicros();
    weights.destroy();
    Evaluation result = gradient.finish(totals, w, reg);
    long end = System.nanoTime();
    timings.record(broadcastDone - start, aggregated - broadcastDone, end - aggregated,
        IterationPhases.split(end - start, broadcastDone - start, aggregatedMicros, end - aggregated,
            reports.value()));
    return result;
  }

  /** One pass scores every candidate; the set travels by broadcast (it may hold a whole W). */
  @Override
  public double[] losses(CandidateSet candidates, long step) {
    return gradient.finish(lossPass(candidates, candidates.size(), step,
        MiniBatchGradient::partitionCandidateLosses), candidates, reg);
  }

  /** One pass scores every point of the line or plane, which travels by broadcast. */
  @Override
  public double[] losses(Plane plane, long step) {
    return gradient.finish(lossPass(plane, plane.size(), step,
        MiniBatchGradient::partitionPlaneLosses), plane, reg);
  }

  /** What one partition computes in a loss pass over some payload (candidates, a plane). */
  @FunctionalInterface
  private interface PartitionLosses<T> extends java.io.Serializable {
    LossSums compute(MiniBatchGradient math, int partition, long step, int share,
        dev.sparksvm.data.ImageBlock block, T payload, double[] mean);
  }

  /** Broadcasts the payload, sums every partition's losses with treeAggregate, destroys it. */
  private <T> LossSums lossPass(T payload, int size, long step, PartitionLosses<T> losses) {
    Broadcast<T> shared = sc.broadcast(payload);
    int[] shares = gradient.shares(step);
    MiniBatchGradient math = gradient;
    Broadcast<double[]> pixelMean = mean;
    try {
      return train.blocks().treeAggregate(new LossSums(size),
          (acc, block) -> {
            int partition = TaskContext.getPartitionId();
            return acc.merge(losses.compute(math, partition, step, shares[partition], block,
                shared.value(), pixelMean.value()));
          },
          LossSums::merge,
          aggregationDepth);
    } finally {
      shared.destroy();
    }
  }

  /** Where the time of the evaluations so far went. */
  public Timings timings() {
    return timings;
  }

  /** The training set this objective samples from. */
  public ImageData train() {
    return train;
  }

  @Override
  public void close() {
    mean.destroy();
  }

  /** Cumulative wall time of the phases of {@link #evaluate}, in nanoseconds, and the split of the last. */
  public static final class Timings {
    private long evaluations;
    private long broadcastNanos;
    private long jobNanos;
    private long driverNanos;
    private final long[] phaseSums = new long[5];
    private IterationPhases last;

    void record(long broadcastCreate, long job, long driver, IterationPhases phases) {
      evaluations++;
      broadcastNanos += broadcastCreate;
      jobNanos += job;
      driverNanos += driver;
      phaseSums[0] += phases.broadcastNanos();
      phaseSums[1] += phases.computeNanos();
      phaseSums[2] += phases.aggregationNanos();
      phaseSums[3] += phases.driverNanos();
      phaseSums[4] += phases.schedulingNanos();
      last = phases;
    }

    public long evaluations() {
      return evaluations;
    }

    /** Creating the broadcasts on the driver (the executors' reads are in {@link #total()}). */
    public long broadcastNanos() {
      return broadcastNanos;
    }

    /** The Spark job: scheduling, executor compute and aggregation together. */
    public long jobNanos() {
      return jobNanos;
    }

    /** Destroying the broadcast and finishing the gradient on the driver. */
    public long driverNanos() {
      return driverNanos;
    }

    /** The split of the last evaluation, or null before the first. */
    public IterationPhases last() {
      return last;
    }

    /** The splits of all evaluations so far, added up ({@code tasks} is that of the last). */
    public IterationPhases total() {
      return new IterationPhases(phaseSums[0], phaseSums[1], phaseSums[2], phaseSums[3], phaseSums[4],
          last == null ? 0 : last.tasks());
    }
  }
}
