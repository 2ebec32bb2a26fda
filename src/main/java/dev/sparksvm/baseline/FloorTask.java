package dev.sparksvm.baseline;

import dev.sparksvm.spark.DoubleBytes;
import java.io.Serializable;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Function2;
import scala.collection.Iterator;

/**
 * What one task of a {@code SparkFloor} job does, as a named class rather than a lambda.
 *
 * <p>Why a named class: {@code SparkContext.runJob} passes its function through {@code
 * ClosureCleaner.clean}, which, for a lambda, reads the class file of the class that declared it
 * and parses it with ASM, then serializes the lambda once more to check that it can be. A class
 * that is neither synthetic nor named like a Scala closure ({@code $anonfun$}) is returned
 * untouched, with no parse and no trial serialization.
 *
 * <p>A task reads W (from a broadcast {@code double[]}, a broadcast {@code byte[]}, or bytes
 * carried inside the task itself), drains its partition's iterator (a cached block, as a real task
 * reads it) and returns a {@code C x D} array without arithmetic: a copy of W, or values a test can
 * recompute ({@link FloorTaskResult}), as doubles or as bytes.
 */
final class FloorTask<T> implements Function2<TaskContext, Iterator<T>, Object>, Serializable {
  private static final long serialVersionUID = 1L;
  private final Broadcast<double[]> doubles;
  private final Broadcast<byte[]> bytes;
  private final byte[] inline;
  private final int length;
  private final boolean resultAsBytes;
  private final FloorTaskResult result;

  private FloorTask(
      Broadcast<double[]> doubles,
      Broadcast<byte[]> bytes,
      byte[] inline,
      int length,
      boolean resultAsBytes,
      FloorTaskResult result) {
    this.doubles = doubles;
    this.bytes = bytes;
    this.inline = inline;
    this.length = length;
    this.resultAsBytes = resultAsBytes;
    this.result = result;
  }

  /** A task that reads nothing and returns nothing: the cost of the job alone. */
  static <T> FloorTask<T> empty() {
    return new FloorTask<>(null, null, null, 0, false, null);
  }

  /** W from a broadcast {@code double[]}. */
  static <T> FloorTask<T> ofDoubles(
      Broadcast<double[]> w, int length, boolean resultAsBytes, FloorTaskResult result) {
    return new FloorTask<>(w, null, null, length, resultAsBytes, result);
  }

  /** W from a broadcast of its bytes ({@link DoubleBytes}). */
  static <T> FloorTask<T> ofBytes(
      Broadcast<byte[]> w, int length, boolean resultAsBytes, FloorTaskResult result) {
    return new FloorTask<>(null, w, null, length, resultAsBytes, result);
  }

  /** W's bytes inside the task: they travel in the stage's task binary, itself a broadcast. */
  static <T> FloorTask<T> carrying(
      byte[] w, int length, boolean resultAsBytes, FloorTaskResult result) {
    return new FloorTask<>(null, null, w, length, resultAsBytes, result);
  }

  @Override
  public Object apply(TaskContext context, Iterator<T> partition) {
    while (partition.hasNext()) {
      partition.next();
    }
    if (result == null) {
      return null;
    }
    double[] w;
    if (doubles != null) {
      w = doubles.value();
    } else {
      w = DoubleBytes.decode(bytes != null ? bytes.value() : inline, new double[length]);
    }
    double[] out = result.values(context.partitionId(), w);
    return resultAsBytes ? DoubleBytes.encode(out) : out;
  }
}
