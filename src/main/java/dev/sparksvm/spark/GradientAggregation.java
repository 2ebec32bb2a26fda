package dev.sparksvm.spark;

import dev.sparksvm.core.GradientAccumulator;
import dev.sparksvm.core.ModelTotals;
import dev.sparksvm.core.OrderedSums;
import dev.sparksvm.core.StackedWeights;
import dev.sparksvm.data.FeatureBlock;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.CollectionAccumulator;

/**
 * How the partitions' sums of one gradient step reach the driver, by the aggregation depth of a
 * {@link SparkObjective}: at depth 1 each task's result goes straight to the driver ({@link
 * BlockJob}), which adds them in partition order; at depth 2 and up a {@code treeAggregate} merges
 * exact sums on the executors. Either way the order tasks finish in cannot change a bit.
 */
final class GradientAggregation {
  /**
   * One step's summed data loss and gradient, with what its timing split needs.
   *
   * @param timings each task's report, partition order on the direct path
   * @param aggregatedMicros when the last result reached the driver ({@link TaskTiming#nowMicros})
   * @param mergeNanos the driver's adding of the results (0 on the tree path)
   */
  record Sums(
      ModelTotals totals, List<TaskTiming> timings, long aggregatedMicros, long mergeNanos) {}

  private final JavaSparkContext sc;
  private final CachedBlocks train;

  /** {@code train}'s blocks for the steps' jobs, their lineage sent once (BroadcastLineageRDD). */
  private final JavaRDD<? extends FeatureBlock> stepBlocks;

  private final int depth;
  private final CollectionAccumulator<TaskTiming> taskTimings;

  /** Over {@code train}'s blocks, at {@code depth} (at least 1). */
  GradientAggregation(JavaSparkContext sc, CachedBlocks train, int depth) {
    this.sc = sc;
    this.train = train;
    this.stepBlocks = BroadcastLineageRDD.of(train.blocks());
    this.depth = depth;
    // The tree path's timings: its tasks' results never reach the driver one by one.
    this.taskTimings = sc.sc().collectionAccumulator("sparksvm task timings");
  }

  /** Frees what the steps' jobs share (the broadcast lineage); the blocks stay cached. */
  void close() {
    BroadcastLineageRDD.release(stepBlocks);
  }

  /** Runs {@code task} on every partition and adds the results, for the stack {@code w}. */
  Sums sum(GradientTask task, StackedWeights w) {
    return depth == 1 ? direct(task, w) : tree(task, w);
  }

  /** The direct path: every task's sums go to the driver, which adds them in partition order. */
  private Sums direct(GradientTask task, StackedWeights w) {
    // The handler runs on Spark's scheduler thread: it only keeps the bytes. The sums are added
    // here, off the thread every other job event waits for, in partition order: the same bits
    // whatever order the tasks finished in.
    byte[][] parts = new byte[train.partitionSizes().length][];
    BlockJob.run(
        sc, stepBlocks, task, "sparksvm step", (partition, bytes) -> parts[partition] = bytes);
    long aggregatedMicros = TaskTiming.nowMicros();
    long mergeStart = System.nanoTime();
    List<TaskTiming> timings = new ArrayList<>();
    OrderedSums sums = new OrderedSums(w.models(), w.classes(), w.features());
    for (int p = 0; p < parts.length; p++) {
      timings.add(GradientTask.Result.addTo(sums, p, parts[p]));
    }
    return new Sums(sums, timings, aggregatedMicros, System.nanoTime() - mergeStart);
  }

  /** The tree path: each task's sums merged by {@code treeAggregate} on the executors. */
  private Sums tree(GradientTask task, StackedWeights w) {
    int models = w.models();
    int classes = w.classes();
    int features = w.features();
    CollectionAccumulator<TaskTiming> reports = taskTimings;
    reports.reset();
    GradientAccumulator totals =
        stepBlocks.treeAggregate(
            new GradientAccumulator(models, classes, features),
            (acc, block) -> {
              int partition = TaskContext.getPartitionId();
              GradientTask.Result r =
                  GradientTask.Result.decode(partition, task.run(partition, block));
              reports.add(r.timing());
              return acc.add(r.gradientSums(), r.lossSums(), r.examples());
            },
            GradientAccumulator::merge,
            depth);
    long aggregatedMicros = TaskTiming.nowMicros();
    return new Sums(totals, new ArrayList<>(reports.value()), aggregatedMicros, 0);
  }
}
