package dev.sparksvm.spark;

import dev.sparksvm.core.BatchKernel;
import dev.sparksvm.core.BatchTotals;
import dev.sparksvm.core.Loss;
import dev.sparksvm.core.Precision;
import dev.sparksvm.core.StackedWeights;
import dev.sparksvm.data.FeatureBlock;
import dev.sparksvm.data.Preprocessing;
import dev.sparksvm.optim.MiniBatchPlan;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.spark.broadcast.Broadcast;

/**
 * One partition's share of a training step, for K stacked models: draw the rows of step t ({@link
 * MiniBatchPlan#rows}), sum loss and gradient with the {@link BatchKernel}, and return the sums as
 * raw bytes ({@link Result}). W arrives by broadcast as raw bytes too.
 */
final class GradientTask extends BlockTask<byte[]> {
  private static final long serialVersionUID = 1L;
  private final Broadcast<PackedWeights> weights;
  private final Broadcast<Preprocessing> preprocessing;
  private final MiniBatchPlan plan;
  private final int[] shares;
  private final long step;
  private final Loss loss;
  private final Precision precision;
  private final int models;
  private final int classes;
  private final int features;

  /** Test-only injected failures; null (nothing to do) in every normal run. */
  private final TestFaults faults;

  GradientTask(
      Broadcast<PackedWeights> weights,
      Broadcast<Preprocessing> preprocessing,
      MiniBatchPlan plan,
      long step,
      Loss loss,
      Precision precision,
      int models,
      int classes,
      int features,
      TestFaults faults) {
    this.weights = weights;
    this.preprocessing = preprocessing;
    this.plan = plan;
    this.shares = plan.shares(step);
    this.step = step;
    this.loss = loss;
    this.precision = precision;
    this.models = models;
    this.classes = classes;
    this.features = features;
    this.faults = faults;
  }

  @Override
  protected byte[] run(int partition, FeatureBlock block) {
    if (faults != null) {
      faults.beforeStep(partition, step);
    }
    long startMicros = TaskTiming.nowMicros();
    long t0 = System.nanoTime();
    StackedWeights w = new StackedWeights(models, classes, features, weights.value().values());
    Preprocessing p = preprocessing.value();
    long t1 = System.nanoTime();
    int[] rows = plan.rows(partition, step, shares[partition], block.size());
    FeatureBlock.Rows features = block.rows(p);
    BatchTotals t = BatchKernel.current().lossAndGradient(features, rows, w, loss, precision);
    return Result.encode(
        t,
        new TaskTiming(
            partition, startMicros, t1 - t0, System.nanoTime() - t1, features.rowsCopied()));
  }

  /**
   * A task's result: {@code K * C * D} gradient sums, K loss sums, the example count and the task's
   * timing, little-endian.
   */
  record Result(double[] gradientSums, double[] lossSums, long examples, TaskTiming timing) {
    /** Bytes after the sums: the example count, start, fetch, compute and rows read. */
    private static final int TAIL = 5 * 8;

    static byte[] encode(BatchTotals t, TaskTiming timing) {
      int values = t.gradientSums().length + t.lossSums().length;
      ByteBuffer b = ByteBuffer.allocate(8 * values + TAIL + 4).order(ByteOrder.LITTLE_ENDIAN);
      b.putInt(t.lossSums().length);
      b.asDoubleBuffer().put(t.gradientSums()).put(t.lossSums());
      b.position(4 + 8 * values);
      b.putLong(t.examples())
          .putLong(timing.startMicros())
          .putLong(timing.fetchNanos())
          .putLong(timing.computeNanos())
          .putLong(timing.rowsRead());
      return b.array();
    }

    static Result decode(int partition, byte[] bytes) {
      ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      int models = b.getInt();
      int values = (bytes.length - 4 - TAIL) / 8;
      double[] all = new double[values];
      b.asDoubleBuffer().get(all);
      b.position(4 + 8 * values);
      double[] gradient = java.util.Arrays.copyOf(all, values - models);
      double[] losses = java.util.Arrays.copyOfRange(all, values - models, values);
      long examples = b.getLong();
      TaskTiming timing =
          new TaskTiming(partition, b.getLong(), b.getLong(), b.getLong(), b.getLong());
      return new Result(gradient, losses, examples, timing);
    }
  }
}
