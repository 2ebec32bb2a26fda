package dev.sparksvm.options;

import dev.sparksvm.scaling.DataSetPrediction;
import java.util.List;

/**
 * The options of a scaling sweep ({@code scale}).
 *
 * @param spark master: local (local[E] for each E) or a cluster URL, null for spark-submit's, else
 *     local; and the event log (one application each)
 * @param executors executor counts (one application each), or partition counts with {@code
 *     varyPartitions}
 * @param varyPartitions one application with the most executors and the data in each partition
 *     count
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
 * @param fromCsv earlier scaling.csv and data-scaling.csv files to fit and plot instead of
 *     measuring, or null
 * @param out output directory
 * @param overwrite let {@code out} hold earlier files (replaced when this finishes)
 * @param dataAxis the data-size sweep instead of the executor sweep ({@code --images}), or null
 * @param predictData a data set to predict training on from {@code fromCsv}'s fits, or null
 */
public record ScaleOptions(
    SparkOptions spark,
    List<Integer> executors,
    boolean varyPartitions,
    List<Integer> batches,
    int weakBatch,
    List<int[]> models,
    int iterations,
    int warmup,
    int contextWarmup,
    String data,
    int depth,
    long seed,
    dev.sparksvm.scaling.ScalingReport predictions,
    String fromCsv,
    String out,
    boolean overwrite,
    DataAxis dataAxis,
    DataSetPrediction.Target predictData) {

  /**
   * The data-size sweep ({@code scale --images}): one application on the master given, the training
   * set at each size (a prefix of {@code --data}, or of a synthetic set generated once into {@code
   * work}) cached in each partition count, and each step timed on each path, next to MLlib.
   *
   * @param images training-set sizes N
   * @param partitions partition counts (empty: Spark's parallelism)
   * @param paths {@code auto} (as train chooses), {@code direct}, {@code tree}
   * @param work where a generated set is kept and reused (ignored with {@code --data})
   * @param mllib also time MLlib's step on the same cached data
   */
  public record DataAxis(
      List<Integer> images,
      List<Integer> partitions,
      List<String> paths,
      String work,
      boolean mllib) {
    /** The names {@code --paths} takes, by aggregation depth (0: chosen from the partitions). */
    public static final List<String> PATHS = List.of("auto", "direct", "tree");

    public DataAxis {
      check(
          !images.isEmpty() && images.stream().allMatch(n -> n >= 1),
          "--images must list sizes >= 1");
      check(partitions.stream().allMatch(p -> p >= 1), "--partitions-list must list counts >= 1");
      check(
          !paths.isEmpty() && PATHS.containsAll(paths),
          "--paths must list auto, direct or tree," + " got " + paths);
      check(work != null && !work.isBlank(), "--work must name a directory");
      images = List.copyOf(images);
      partitions = List.copyOf(partitions);
      paths = List.copyOf(paths);
    }

    /** The largest size. */
    public int maxImages() {
      return images.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }
  }

  public ScaleOptions {
    check(
        !executors.isEmpty() && executors.stream().allMatch(e -> e >= 1),
        "--executors must list counts >= 1");
    check(batches.stream().allMatch(b -> b >= 1), "--batches must list sizes >= 1");
    check(weakBatch >= 0, "--weak-batch must be >= 0, got " + weakBatch);
    check(
        models.stream().allMatch(m -> m[0] >= 2 && m[1] >= 1),
        "--models must list CLASSESxBATCH with classes >= 2 and batch >= 1");
    check(iterations >= 1, "--iters must be >= 1, got " + iterations);
    check(warmup >= 0, "--warmup must be >= 0, got " + warmup);
    check(contextWarmup >= 0, "--context-warmup must be >= 0, got " + contextWarmup);
    check(depth >= 1, "--aggregation-depth must be >= 1, got " + depth);
    check(
        !predictions.tasks().isEmpty() && predictions.tasks().stream().allMatch(t -> t >= 1),
        "--predict-tasks must list counts >= 1");
    check(
        !predictions.batches().isEmpty() && predictions.batches().stream().allMatch(b -> b >= 1),
        "--predict-batches must list sizes >= 1");
    check(
        !predictions.classes().isEmpty() && predictions.classes().stream().allMatch(c -> c >= 2),
        "--predict-classes must list counts >= 2");
    check(
        predictData == null || fromCsv != null,
        "--predict-data predicts from earlier sweeps: give --from-csv an executor sweep's"
            + " scaling.csv and a data sweep's data-scaling.csv");
    check(
        dataAxis == null || fromCsv == null,
        "--images measures; --from-csv refits without " + "measuring: give one of them");
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new UsageException("scale: " + message);
    }
  }
}
