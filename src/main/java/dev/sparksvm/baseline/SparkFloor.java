package dev.sparksvm.baseline;

import dev.sparksvm.core.Seeds;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.ImageBlock;
import dev.sparksvm.spark.DoubleBytes;
import dev.sparksvm.spark.ImageData;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * The cost of one training step of our design's <em>shape</em> with the arithmetic taken out: on
 * the cached blocks (one per partition), broadcast a {@code C x D} W, run one job whose tasks each
 * return a {@code C x D} array, add the results on the driver, destroy the broadcast. Whatever a
 * real step costs beyond the time of its GEMMs, Spark spends here.
 *
 * <p>The {@link Variant}s do the same thing different ways, so they can be timed side by side in
 * one JVM ({@link #interleavedMillis}): the usual way ({@link Variant#TREE_AGGREGATE}), the
 * cheapest way we found that keeps Spark's scheduler, task retries and lineage ({@link #CHEAPEST}),
 * and the steps in between, plus two references without W ({@link Variant#COUNT}, {@link
 * Variant#EMPTY_JOB}).
 *
 * <p>The runJob variants add the task results on the driver in partition order after the job, so
 * the sum is the same bits whatever order tasks finish in. Not thread-safe: one step at a time.
 */
public final class SparkFloor {

  /** How one step is done. */
  public enum Variant {
    /** {@code rdd.count()}: Spark's cheapest action, no W, no result. */
    COUNT,
    /** {@code SparkContext.runJob} with a named function that reads nothing and returns nothing. */
    EMPTY_JOB,
    /**
     * (a) The usual way: {@code sc.broadcast(double[])} and {@code JavaRDD.treeAggregate} (depth 2)
     * with Java lambdas, a {@code double[]} zero value and {@code double[]} task results.
     */
    TREE_AGGREGATE,
    /**
     * {@code runJob} with a named function ({@link FloorTask}), W and results as {@code double[]}.
     */
    RUN_JOB_DOUBLES,
    /**
     * {@code runJob} with a named function, W broadcast as {@code byte[]}, results as {@code
     * byte[]}.
     */
    RUN_JOB_BYTES,
    /**
     * As {@link #RUN_JOB_BYTES}, with Spark's call-site properties set for the step, so that
     * neither {@code broadcast} nor {@code runJob} walks the driver thread's stack to name what it
     * does ({@code Broadcast.destroy} still does: it ignores them).
     */
    RUN_JOB_BYTES_CALL_SITE,
    /**
     * As {@link #RUN_JOB_BYTES_CALL_SITE}, but W's bytes ride inside the task function, which Spark
     * already ships once per executor in the stage's task binary (a broadcast of its own): no
     * second broadcast to create, register and destroy. Each task deserializes its own copy of W.
     */
    W_IN_TASK;

    /** False for the references that ship no W and return nothing. */
    public boolean shipsWeights() {
      return this != COUNT && this != EMPTY_JOB;
    }
  }

  /**
   * The variant we keep as (b): the cheapest we measured that still runs as an ordinary Spark job
   * (DAG scheduler, task retries, lineage of the cached blocks). On local[2] with 2 partitions and
   * a 10 x 3073 W it took about 5 ms a step against about 15 ms for {@link Variant#TREE_AGGREGATE}
   * and 6 ms for {@link Variant#RUN_JOB_BYTES_CALL_SITE}, the cheapest that keeps a broadcast of
   * its own. W still reaches each executor once, by broadcast: inside the task binary Spark
   * broadcasts for every stage anyway. The price is one deserialized copy of W per task instead of
   * one per executor, negligible at 240 KB; for a model of megabytes, prefer {@code
   * RUN_JOB_BYTES_CALL_SITE}.
   */
  public static final Variant CHEAPEST = Variant.W_IN_TASK;

  private static final ClassTag<Object> ANY = ClassTag$.MODULE$.Any();
  private static final String CALL_SITE_SHORT = "callSite.short"; // org.apache.spark.util.CallSite
  private static final String CALL_SITE_LONG = "callSite.long";

  private final JavaSparkContext sc;
  private final JavaRDD<ImageBlock> blocks;
  private final int partitions;
  private final double[] w;
  private final FloorTaskResult taskResult;

  /**
   * @param data cached blocks, one per partition (the shape of our training set)
   * @param classes rows C of the shipped array
   * @param features columns D of the shipped array
   * @param seed draws W (Gaussian: random doubles, as a real W is, which compression hardly
   *     shrinks)
   * @param taskResult what each task returns
   */
  public SparkFloor(
      JavaSparkContext sc,
      ImageData data,
      int classes,
      int features,
      long seed,
      FloorTaskResult taskResult) {
    this.sc = sc;
    this.blocks = data.blocks();
    this.partitions = blocks.getNumPartitions();
    this.w = Weights.gaussian(classes, features, 1e-3, Seeds.derive(seed, 0)).values();
    this.taskResult = taskResult;
  }

  /** {@link FloorTaskResult#WEIGHTS}: what the timings use. */
  public SparkFloor(JavaSparkContext sc, ImageData data, int classes, int features, long seed) {
    this(sc, data, classes, features, seed, FloorTaskResult.WEIGHTS);
  }

  /** The shipped W (a copy), row-major {@code C x D}. */
  public double[] weights() {
    return w.clone();
  }

  /** Partitions of the data, i.e. tasks per job. */
  public int partitions() {
    return partitions;
  }

  /**
   * One step of {@code variant}.
   *
   * @return the tasks' arrays added up on the driver ({@code C x D}); empty for the variants that
   *     ship no W
   */
  public double[] step(Variant variant) {
    if (variant != Variant.RUN_JOB_BYTES_CALL_SITE && variant != Variant.W_IN_TASK) {
      return stepAsIs(variant);
    }
    String shortForm = sc.getLocalProperty(CALL_SITE_SHORT);
    String longForm = sc.getLocalProperty(CALL_SITE_LONG);
    // Without them, SparkContext names every broadcast and job from a walk of this thread's stack.
    sc.setLocalProperty(CALL_SITE_SHORT, "sparksvm floor step");
    sc.setLocalProperty(CALL_SITE_LONG, "dev.sparksvm.baseline.SparkFloor.step(" + variant + ")");
    try {
      return stepAsIs(variant);
    } finally {
      sc.setLocalProperty(CALL_SITE_SHORT, shortForm);
      sc.setLocalProperty(CALL_SITE_LONG, longForm);
    }
  }

  private double[] stepAsIs(Variant variant) {
    return switch (variant) {
      case COUNT -> {
        blocks.count();
        yield new double[0];
      }
      case EMPTY_JOB -> {
        runJob(FloorTask.empty());
        yield new double[0];
      }
      case TREE_AGGREGATE -> treeAggregate();
      case RUN_JOB_DOUBLES -> {
        Broadcast<double[]> shared = sc.broadcast(w);
        try {
          yield sum(runJob(FloorTask.ofDoubles(shared, w.length, false, taskResult)));
        } finally {
          shared.destroy();
        }
      }
      case RUN_JOB_BYTES, RUN_JOB_BYTES_CALL_SITE -> {
        Broadcast<byte[]> shared = sc.broadcast(DoubleBytes.encode(w));
        try {
          yield sum(runJob(FloorTask.ofBytes(shared, w.length, true, taskResult)));
        } finally {
          shared.destroy();
        }
      }
      case W_IN_TASK ->
          sum(runJob(FloorTask.carrying(DoubleBytes.encode(w), w.length, true, taskResult)));
    };
  }

  /** The usual way, as {@code SparkObjective} does it today, minus the arithmetic. */
  private double[] treeAggregate() {
    Broadcast<double[]> shared = sc.broadcast(w);
    FloorTaskResult result = taskResult;
    try {
      // One block per partition, so seqOp runs once per task.
      return blocks.treeAggregate(
          new double[w.length],
          (acc, block) -> addInto(acc, result.values(TaskContext.getPartitionId(), shared.value())),
          SparkFloor::addInto,
          2);
    } finally {
      shared.destroy();
    }
  }

  /** Runs {@code task} on every partition; result i is partition i's. */
  private Object[] runJob(FloorTask<ImageBlock> task) {
    Object[] results = new Object[partitions];
    sc.sc()
        .runJob(
            blocks.rdd(),
            task,
            scala.collection.immutable.Range$.MODULE$.apply(0, partitions),
            new ResultSlots(results),
            ANY);
    return results;
  }

  /** Adds the tasks' results (double[] or their bytes) in partition order. */
  private double[] sum(Object[] results) {
    double[] total = new double[w.length];
    double[] scratch = new double[w.length];
    for (Object r : results) {
      addInto(total, r instanceof byte[] b ? DoubleBytes.decode(b, scratch) : (double[]) r);
    }
    return total;
  }

  private static double[] addInto(double[] a, double[] b) {
    for (int i = 0; i < a.length; i++) {
      a[i] += b[i];
    }
    return a;
  }

  /**
   * Wall-clock milliseconds of {@code timed} steps of {@code variant}, after {@code warmup} untimed
   * ones. A step is timed on the driver from before the broadcast to after the sum and the destroy.
   */
  public double[] stepMillis(Variant variant, int warmup, int timed) {
    return interleavedMillis(List.of(variant), warmup, timed).get(variant);
  }

  /**
   * Times several variants side by side: round after round, one step of each, starting each round
   * at the next variant, so that a disturbance (another process, a GC) falls on all of them alike.
   *
   * @return for each variant, {@code timed} step times in milliseconds, in the order they ran
   */
  public Map<Variant, double[]> interleavedMillis(List<Variant> variants, int warmup, int timed) {
    if (variants.isEmpty() || warmup < 0 || timed < 1) {
      throw new IllegalArgumentException("need at least one variant, warm-up >= 0 and timed >= 1");
    }
    if (variants.stream().distinct().count() != variants.size()) {
      throw new IllegalArgumentException("each variant at most once, got " + variants);
    }
    Map<Variant, double[]> millis = new EnumMap<>(Variant.class);
    for (Variant v : variants) {
      millis.put(v, new double[timed]);
    }
    int n = variants.size();
    for (int round = 0; round < warmup + timed; round++) {
      for (int k = 0; k < n; k++) {
        Variant v = variants.get((round + k) % n);
        long start = System.nanoTime();
        step(v);
        long nanos = System.nanoTime() - start;
        if (round >= warmup) {
          millis.get(v)[round - warmup] = nanos / 1e6;
        }
      }
    }
    return millis;
  }
}
