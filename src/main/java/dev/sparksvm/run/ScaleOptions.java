package dev.sparksvm.run;

import java.util.List;

/**
 * The options of a scaling sweep ({@code scale}).
 *
 * @param spark master: local (local[E] for each E) or a cluster URL, null for spark-submit's, else
 *     local; and the event log (one application each)
 * @param executors executor counts (one application each), or partition counts with {@code
 *     varyPartitions}
 * @param varyPartitions one application with the most executors and the data in each partition count
 * @param batches strong scaling: global batches
 * @param weakBatch weak scaling: batch per executor (0 skips)
 * @param models larger models as {classes, batch} pairs
 * @param iterations timed iterations per point
 * @param warmup untimed iterations per point first
 * @param contextWarmup untimed iterations when an application starts
 * @param data training data (null: the default)
 * @param depth treeAggregate depth
 * @param seed seed of W and the batches
 * @param predictions what the fitted model predicts
 * @param fromCsv earlier scaling.csv files to fit and plot instead of measuring, or null
 * @param out output directory
 * @param overwrite let {@code out} hold earlier files (replaced when this finishes)
 */
public record ScaleOptions(SparkOptions spark, List<Integer> executors, boolean varyPartitions,
    List<Integer> batches, int weakBatch, List<int[]> models, int iterations, int warmup,
    int contextWarmup, String data, int depth, long seed,
    dev.sparksvm.scaling.ScalingReport predictions, String fromCsv, String out, boolean overwrite) {

  public ScaleOptions {
    check(!executors.isEmpty() && executors.stream().allMatch(e -> e >= 1),
        "--executors must list counts >= 1");
    check(batches.stream().allMatch(b -> b >= 1), "--batches must list sizes >= 1");
    check(weakBatch >= 0, "--weak-batch must be >= 0, got " + weakBatch);
    check(models.stream().allMatch(m -> m[0] >= 2 && m[1] >= 1),
        "--models must list CLASSESxBATCH with classes >= 2 and batch >= 1");
    check(iterations >= 1, "--iters must be >= 1, got " + iterations);
    check(warmup >= 0, "--warmup must be >= 0, got " + warmup);
    check(contextWarmup >= 0, "--context-warmup must be >= 0, got " + contextWarmup);
    check(depth >= 1, "--aggregation-depth must be >= 1, got " + depth);
    check(!predictions.tasks().isEmpty() && predictions.tasks().stream().allMatch(t -> t >= 1),
        "--predict-tasks must list counts >= 1");
    check(!predictions.batches().isEmpty() && predictions.batches().stream().allMatch(b -> b >= 1),
        "--predict-batches must list sizes >= 1");
    check(!predictions.classes().isEmpty() && predictions.classes().stream().allMatch(c -> c >= 2),
        "--predict-classes must list counts >= 2");
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new UsageException("scale: " + message);
    }
  }
}
