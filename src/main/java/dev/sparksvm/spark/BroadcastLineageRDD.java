package dev.sparksvm.spark;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.Dependency;
import org.apache.spark.NarrowDependency;
import org.apache.spark.Partition;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.RDD;
import org.apache.spark.scheduler.TaskLocation;
import org.apache.spark.serializer.SerializerInstance;
import scala.collection.Iterator;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * The partitions of a cached RDD for the many jobs of a training run (a step is one job), with the
 * cached RDD's lineage sent to each executor once, by broadcast, instead of inside every job's task
 * binary. Spark serializes a job's RDD with all its ancestors on the driver and deserializes it in
 * every task: a DataFrame's rows carry the SQL plan that read them (generated code included), 30 KB
 * that took 0.15-0.26 ms to serialize and 0.3-0.9 ms to deserialize per task here, each step.
 *
 * <p>A task reads its partition through the cached RDD itself ({@code RDD.iterator}), so nothing
 * else changes: a cached block is read as Spark reads it, and a lost one is recomputed from the
 * lineage and cached again. The shuffles in the lineage (a {@code repartition} before the fit, say)
 * stay this RDD's dependencies: the scheduler must know them to rerun their map stages when a
 * recomputation finds their outputs lost (a shuffle it does not know of fails its whole context).
 */
final class BroadcastLineageRDD<T> extends RDD<T> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<Lineage> lineage;

  /** The cached RDD, on the driver only: where its blocks are. */
  private final transient RDD<T> parent;

  private BroadcastLineageRDD(RDD<T> parent, ClassTag<T> tag) {
    // shuffles() also has every ancestor compute its dependencies before the lineage is
    // serialized: an RDD keeps them in a field that travels, but takes them from a transient
    // constructor argument, so one no job had walked yet (the view over the cached blocks) would
    // reach an executor without any, and fail the first recomputation there.
    super(parent.context(), shuffles(parent), tag);
    this.parent = parent;
    SerializerInstance closures = SparkEnv.get().closureSerializer().newInstance();
    ByteBuffer bytes = closures.serialize(parent, anyRef());
    byte[] copy = new byte[bytes.remaining()];
    bytes.get(copy);
    this.lineage =
        parent.context().broadcast(new Lineage(copy), ClassTag$.MODULE$.apply(Lineage.class));
  }

  /** {@code blocks} for repeated jobs; {@link #release} frees its broadcast when they are done. */
  static <T> JavaRDD<T> of(JavaRDD<T> blocks) {
    return new JavaRDD<>(
        new BroadcastLineageRDD<>(blocks.rdd(), blocks.classTag()), blocks.classTag());
  }

  /** Destroys the broadcast lineage of an RDD {@link #of} made (nothing for any other). */
  static void release(JavaRDD<?> rdd) {
    if (rdd.rdd() instanceof BroadcastLineageRDD<?> b) {
      b.lineage.destroy();
    }
  }

  /**
   * The shuffle dependencies {@code rdd} reaches through narrow ones: the stages that the scheduler
   * may have to rerun for it. Nothing beyond a shuffle is walked (its map side is the scheduler's
   * to know).
   */
  static Seq<Dependency<?>> shuffles(RDD<?> rdd) {
    List<Dependency<?>> out = new ArrayList<>();
    List<RDD<?>> todo = new ArrayList<>(List.of(rdd));
    Set<Integer> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      RDD<?> r = todo.remove(todo.size() - 1);
      if (!seen.add(r.id())) {
        continue;
      }
      for (Dependency<?> d : CollectionConverters.asJava(r.dependencies())) {
        if (d instanceof NarrowDependency<?>) {
          todo.add(d.rdd());
        } else {
          out.add(d);
        }
      }
    }
    return CollectionConverters.asScala(out).toList();
  }

  @Override
  public Partition[] getPartitions() {
    Partition[] own = parent.partitions();
    Partition[] out = new Partition[own.length];
    for (int i = 0; i < own.length; i++) {
      out[i] = new Wrapped(own[i]);
    }
    return out;
  }

  @Override
  public Iterator<T> compute(Partition split, TaskContext context) {
    @SuppressWarnings("unchecked")
    RDD<T> cached = (RDD<T>) lineage.value().rdd();
    return cached.iterator(((Wrapped) split).parent, context);
  }

  /** Where the cached RDD's block of this partition is (the scheduler's own answer for it). */
  @Override
  public Seq<String> getPreferredLocations(Partition split) {
    List<String> hosts = new ArrayList<>();
    for (TaskLocation l :
        CollectionConverters.asJava(parent.context().getPreferredLocs(parent, split.index()))) {
      hosts.add(l.toString());
    }
    return CollectionConverters.asScala(hosts).toList();
  }

  @SuppressWarnings("unchecked")
  private static <V> ClassTag<V> anyRef() {
    return (ClassTag<V>) (ClassTag<?>) ClassTag$.MODULE$.AnyRef();
  }

  /** A partition of the cached RDD, under its own index. */
  private record Wrapped(Partition parent) implements Partition {
    @Override
    public int index() {
      return parent.index();
    }
  }

  /**
   * The cached RDD as bytes, deserialized once per executor JVM on first use: the broadcast manager
   * hands every task of an executor the same instance. Its tasks share the copy: {@code iterator}
   * only reads an RDD, and a recomputation makes its own readers (the SQL metrics of a recomputed
   * block are then counted on the accumulators of the task that deserialized it).
   */
  private static final class Lineage implements Serializable {
    private static final long serialVersionUID = 1L;
    private final byte[] bytes;
    private transient volatile RDD<?> rdd;

    Lineage(byte[] bytes) {
      this.bytes = bytes;
    }

    RDD<?> rdd() {
      RDD<?> r = rdd;
      if (r == null) {
        synchronized (this) {
          r = rdd;
          if (r == null) {
            r =
                SparkEnv.get()
                    .closureSerializer()
                    .newInstance()
                    .deserialize(
                        ByteBuffer.wrap(bytes),
                        Thread.currentThread().getContextClassLoader(),
                        BroadcastLineageRDD.<RDD<?>>anyRef());
            rdd = r;
          }
        }
      }
      return r;
    }
  }
}
