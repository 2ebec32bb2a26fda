package dev.sparksvm.spark;

import dev.sparksvm.data.FeatureBlock;
import java.util.function.BiConsumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * One Spark job over the cached blocks at Spark's own floor: {@code SparkContext.runJob} with a
 * named {@link BlockTask}, each task's result handed to the driver as it arrives. It keeps
 * everything Spark gives a job (the scheduler, task retries, the cached blocks' lineage for
 * recomputing a lost one) and drops what a per-step job does not need: no closure to clean, no
 * reduce stage, no stack walk to name the call site (a name is given), no accumulator.
 */
public final class BlockJob {
  private static final ClassTag<Object> ANY = ClassTag$.MODULE$.Any();

  /** Spark's local properties for the call site (org.apache.spark.util.CallSite). */
  private static final String CALL_SITE_SHORT = "callSite.short";

  private static final String CALL_SITE_LONG = "callSite.long";

  private BlockJob() {}

  /**
   * Runs {@code task} on every partition of {@code blocks}; {@code onResult(partition, result)}
   * runs on the driver for each task that succeeds, one at a time, in the order tasks finish.
   *
   * @param name what the Spark UI calls the job's call site
   */
  public static <R> void run(
      JavaSparkContext sc,
      JavaRDD<? extends FeatureBlock> blocks,
      BlockTask<R> task,
      String name,
      BiConsumer<Integer, R> onResult) {
    int partitions = blocks.getNumPartitions();
    @SuppressWarnings("unchecked")
    ClassTag<R> any = (ClassTag<R>) (ClassTag<?>) ANY; // results are erased; Spark only stores them
    @SuppressWarnings(
        "unchecked") // an RDD is only read: its blocks are FeatureBlocks whatever it is
    RDD<FeatureBlock> rdd = (RDD<FeatureBlock>) blocks.rdd();
    withCallSite(
        sc,
        name,
        () ->
            sc.sc()
                .runJob(
                    rdd,
                    task,
                    scala.collection.immutable.Range$.MODULE$.apply(0, partitions),
                    new Handler<>(onResult),
                    any));
  }

  /**
   * Runs {@code body} with the call site named {@code name}: without one, SparkContext names every
   * broadcast and job by walking the driver thread's stack.
   */
  public static void withCallSite(JavaSparkContext sc, String name, Runnable body) {
    String shortForm = sc.getLocalProperty(CALL_SITE_SHORT);
    String longForm = sc.getLocalProperty(CALL_SITE_LONG);
    sc.setLocalProperty(CALL_SITE_SHORT, name);
    sc.setLocalProperty(CALL_SITE_LONG, name);
    try {
      body.run();
    } finally {
      sc.setLocalProperty(CALL_SITE_SHORT, shortForm);
      sc.setLocalProperty(CALL_SITE_LONG, longForm);
    }
  }

  /** Spark's result handler: called on the driver with (partition, result). */
  private static final class Handler<R> extends AbstractFunction2<Object, R, BoxedUnit> {
    private final BiConsumer<Integer, R> onResult;

    Handler(BiConsumer<Integer, R> onResult) {
      this.onResult = onResult;
    }

    @Override
    public BoxedUnit apply(Object partition, R result) {
      onResult.accept((Integer) partition, result);
      return BoxedUnit.UNIT;
    }
  }
}
