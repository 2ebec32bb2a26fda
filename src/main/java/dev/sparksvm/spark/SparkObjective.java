package dev.sparksvm.spark;

import dev.sparksvm.core.Aggregation;
import dev.sparksvm.core.BatchKernel;
import dev.sparksvm.core.CandidateSet;
import dev.sparksvm.core.L2Regularizer;
import dev.sparksvm.core.Loss;
import dev.sparksvm.core.ModelTotals;
import dev.sparksvm.core.Plane;
import dev.sparksvm.core.Precision;
import dev.sparksvm.core.StackedWeights;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Preprocessing;
import dev.sparksvm.optim.LossProbes;
import dev.sparksvm.optim.MiniBatchPlan;
import dev.sparksvm.optim.StackedObjective;
import java.util.List;
import java.util.function.LongFunction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The mini-batch objective over a cached, partitioned training set. One evaluation is one Spark
 * job:
 *
 * <ol>
 *   <li>the driver broadcasts W (C x D doubles as raw bytes; it never travels inside the task);
 *   <li>each partition draws its share of the batch from its own block ({@link MiniBatchPlan#rows},
 *       seeded by (seed, step, partition)) and sums loss and gradient with the {@link BatchKernel}
 *       ({@link GradientTask}, a named class run by {@link BlockJob});
 *   <li>the driver adds the tasks' sums in partition order, so the order tasks finish in cannot
 *       change a bit (at depth 2 and up, {@code treeAggregate} merges exact sums: deterministic
 *       too; {@link GradientAggregation} takes either path);
 *   <li>the driver destroys the broadcast and adds the regularization.
 * </ol>
 *
 * The loss probes (many points' losses, no gradient) are jobs of their own ({@link LossProbeJobs}).
 * The plan and the kernel are shared with the in-memory {@code LocalObjective}. Each task also
 * reports its start time and how long its broadcast read and its compute took ({@link TaskTiming},
 * in its result), which {@link #lastPhases()} and {@link #totalPhases()} turn into {@link
 * IterationPhases}; the timing never touches the numbers.
 */
public final class SparkObjective implements StackedObjective, LossProbes, AutoCloseable {
  private final JavaSparkContext sc;
  private final CachedBlocks train;
  private final Broadcast<Preprocessing> preprocessing;
  private final MiniBatchPlan plan;
  private final Loss loss;
  private final L2Regularizer reg;
  private final int aggregationDepth;
  private final Precision precision;

  /** Test-only injected failures ({@code spark.sparksvm.test.*}); null in every normal run. */
  private final TestFaults faults;

  private final GradientAggregation aggregation;
  private final LossProbeJobs probes;
  private final long[] phaseSums = new long[5];
  private IterationPhases lastPhases;
  private List<TaskTiming> lastTimings;
  private LongFunction<String> stepDescription = step -> "step " + (step + 1);

  /**
   * @param mean the per-pixel training mean, broadcast once for the life of this objective
   * @param aggregationDepth 1: every task's sums go straight to the driver; 2 or more: the depth of
   *     a {@code treeAggregate}; 0: {@link Aggregation#autoDepth} of the partition count
   * @param precision of the gradient's GEMMs ({@link BatchKernel}); other passes run in double
   */
  public SparkObjective(
      JavaSparkContext sc,
      ImageData train,
      double[] mean,
      MiniBatchPlan plan,
      Loss loss,
      L2Regularizer reg,
      int aggregationDepth,
      Precision precision) {
    this(
        sc,
        train,
        Preprocessing.centring(mean.clone()),
        plan,
        loss,
        reg,
        aggregationDepth,
        precision);
  }

  /**
   * The objective over any cached blocks, each row seen through {@code preprocessing} (broadcast
   * once for the life of this objective; not copied, so not to be changed).
   *
   * @param aggregationDepth as above
   * @param precision as above
   */
  public SparkObjective(
      JavaSparkContext sc,
      CachedBlocks train,
      Preprocessing preprocessing,
      MiniBatchPlan plan,
      Loss loss,
      L2Regularizer reg,
      int aggregationDepth,
      Precision precision) {
    if (aggregationDepth < 0) {
      throw new IllegalArgumentException("aggregation depth must be >= 0, got " + aggregationDepth);
    }
    this.sc = sc;
    this.train = train;
    this.preprocessing = sc.broadcast(preprocessing);
    this.plan = plan;
    this.loss = loss;
    this.reg = reg;
    this.precision = precision;
    this.aggregationDepth =
        aggregationDepth > 0
            ? aggregationDepth
            : Aggregation.autoDepth(train.partitionSizes().length);
    this.aggregation = new GradientAggregation(sc, train, this.aggregationDepth);
    this.faults = TestFaults.from(sc.getConf());
    this.probes =
        new LossProbeJobs(sc, train, this.preprocessing, plan, loss, reg, this.aggregationDepth);
  }

  /** The aggregation depth in use. */
  public int aggregationDepth() {
    return aggregationDepth;
  }

  @Override
  public int classes() {
    return train.classes();
  }

  @Override
  public int features() {
    return train.features();
  }

  @Override
  public Evaluation evaluate(Weights w, long step) {
    ModelTotals totals = gradientSums(StackedWeights.of(w), step);
    long aggregated = System.nanoTime();
    Evaluation result = plan.finish(totals, 0, w, reg);
    lastPhases = lastPhases.plusDriver(System.nanoTime() - aggregated);
    record(lastPhases);
    return result;
  }

  @Override
  public Evaluation[] evaluate(StackedWeights w, L2Regularizer[] regs, long step) {
    ModelTotals totals = gradientSums(w, step);
    long aggregated = System.nanoTime();
    Evaluation[] result = plan.finish(totals, w, regs);
    lastPhases = lastPhases.plusDriver(System.nanoTime() - aggregated);
    record(lastPhases);
    return result;
  }

  /**
   * The summed data loss and gradient of K stacked models on the batch of {@code step}, in one
   * Spark job: W is broadcast as raw bytes, each partition's task ({@link GradientTask}) returns
   * its sums as raw bytes ({@link BlockJob}), and the driver adds them in partition order, so the
   * result does not depend on the order tasks finish in. At depth 2 and up a {@code treeAggregate}
   * merges exact sums: deterministic too, and equal to the direct path to rounding.
   */
  public ModelTotals gradientSums(StackedWeights w, long step) {
    ModelTotals[] result = new ModelTotals[1];
    // A named call site for the whole step: else the broadcast and the job each walk the stack.
    BlockJob.withCallSite(sc, "sparksvm step", () -> result[0] = gradientSumsNamed(w, step));
    return result[0];
  }

  private ModelTotals gradientSumsNamed(StackedWeights w, long step) {
    long start = System.nanoTime();
    sc.setJobDescription(stepDescription.apply(step));
    // Copied: in local mode tasks read the broadcast object itself, and the caller updates W in
    // place. The float kernel reads W only as floats: it travels so, in half the bytes.
    Broadcast<PackedWeights> weights =
        sc.broadcast(
            precision == Precision.FLOAT
                ? PackedWeights.ofFloats(w.values())
                : PackedWeights.of(w.values()));
    try {
      long broadcastDone = System.nanoTime();
      GradientTask task =
          new GradientTask(
              weights,
              preprocessing,
              plan,
              step,
              loss,
              precision,
              w.models(),
              w.classes(),
              w.features(),
              faults);
      GradientAggregation.Sums sums = aggregation.sum(task, w);
      lastTimings = sums.timings();
      lastPhases =
          IterationPhases.split(
              System.nanoTime() - start,
              broadcastDone - start,
              sums.aggregatedMicros(),
              sums.mergeNanos(),
              sums.timings());
      return sums.totals();
    } finally {
      weights.destroy();
    }
  }

  /** One pass scores every candidate; the set travels by broadcast (it may hold a whole W). */
  @Override
  public double[] losses(CandidateSet candidates, long step) {
    return probes.losses(candidates, step, stepDescription.apply(step));
  }

  /** One pass scores every point of the line or plane, which travels by broadcast. */
  @Override
  public double[] losses(Plane plane, long step) {
    return probes.losses(plane, step, stepDescription.apply(step));
  }

  private void record(IterationPhases phases) {
    long[] parts = {
      phases.broadcastNanos(),
      phases.computeNanos(),
      phases.aggregationNanos(),
      phases.driverNanos(),
      phases.schedulingNanos()
    };
    for (int i = 0; i < parts.length; i++) {
      phaseSums[i] += parts[i];
    }
  }

  /**
   * Names each step's job in the Spark UI and event log, from the 0-based step: e.g. {@code train
   * svm: step 123/1500 (batch 256)}, numbered as the progress lines are.
   */
  public SparkObjective describeSteps(LongFunction<String> description) {
    this.stepDescription = description;
    return this;
  }

  /** How each step's batch is drawn. */
  public MiniBatchPlan plan() {
    return plan;
  }

  /**
   * Where the time of the last step went ({@link #evaluate}, with its finish on the driver, or
   * {@link #gradientSums} alone), or null before the first.
   */
  public IterationPhases lastPhases() {
    return lastPhases;
  }

  /**
   * Rows each partition's task read from its block in the last step (null before one): its share.
   */
  public long[] lastRowsRead() {
    if (lastTimings == null) {
      return null;
    }
    long[] rows = new long[train.partitionSizes().length];
    lastTimings.forEach(t -> rows[t.partition()] += t.rowsRead());
    return rows;
  }

  /** The splits of all evaluations so far, added up ({@code tasks} is that of the last). */
  public IterationPhases totalPhases() {
    return new IterationPhases(
        phaseSums[0],
        phaseSums[1],
        phaseSums[2],
        phaseSums[3],
        phaseSums[4],
        lastPhases == null ? 0 : lastPhases.tasks());
  }

  @Override
  public void close() {
    aggregation.close();
    preprocessing.destroy();
  }
}
