package dev.sparksvm.spark;

import dev.sparksvm.core.BatchKernel;
import dev.sparksvm.core.BatchTotals;
import dev.sparksvm.core.FloatStackedWeights;
import dev.sparksvm.core.Loss;
import dev.sparksvm.core.OrderedSums;
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
 * raw bytes ({@link Result}). W arrives by broadcast as raw bytes too (as floats for the float
 * kernel, which reads no more of it).
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
    PackedWeights packed = weights.value();
    // The float kernel's W arrives as floats (all it reads of W); the double kernel's as doubles.
    FloatStackedWeights wf =
        packed.floats()
            ? new FloatStackedWeights(models, classes, features, packed.floatValues())
            : null;
    StackedWeights w =
        wf == null ? new StackedWeights(models, classes, features, packed.values()) : null;
    Preprocessing p = preprocessing.value();
    long t1 = System.nanoTime();
    int[] rows = plan.rows(partition, step, shares[partition], block.size());
    FeatureBlock.Rows features = block.rows(p);
    BatchKernel kernel = BatchKernel.current();
    BatchTotals t =
        wf != null
            ? kernel.lossAndGradient(features, rows, wf, loss)
            : kernel.lossAndGradient(features, rows, w, loss, precision);
    return Result.encode(
        t,
        new TaskTiming(
            partition, startMicros, t1 - t0, System.nanoTime() - t1, features.rowsCopied()));
  }

  /**
   * A task's result: {@code K * C * D} gradient sums, K loss sums, the example count and the task's
   * timing, little-endian. The gradient sums travel as floats when every one of them is a float
   * widened to double (a float kernel's sums over a single chunk of rows): the same bits in half
   * the bytes, which for 16 stacked models is 2 MB less per task for the executor to serialize
   * twice and the driver to read. Otherwise, as doubles.
   */
  record Result(double[] gradientSums, double[] lossSums, long examples, TaskTiming timing) {
    /** Bytes before the sums: K and the width of a gradient sum (4 or 8 bytes). */
    private static final int HEAD = 2 * 4;

    /** Bytes after the sums: the example count, start, fetch, compute and rows read. */
    private static final int TAIL = 5 * 8;

    static byte[] encode(BatchTotals t, TaskTiming timing) {
      double[] g = t.gradientSums();
      double[] losses = t.lossSums();
      int width = floatExact(g) ? Float.BYTES : Double.BYTES;
      int sums = width * g.length + Double.BYTES * losses.length;
      ByteBuffer b = ByteBuffer.allocate(HEAD + sums + TAIL).order(ByteOrder.LITTLE_ENDIAN);
      b.putInt(losses.length).putInt(width);
      if (width == Float.BYTES) {
        DoubleBytes.putAsFloats(b, g);
      } else {
        b.asDoubleBuffer().put(g);
      }
      b.position(HEAD + width * g.length);
      b.asDoubleBuffer().put(losses);
      b.position(HEAD + sums);
      b.putLong(t.examples())
          .putLong(timing.startMicros())
          .putLong(timing.fetchNanos())
          .putLong(timing.computeNanos())
          .putLong(timing.rowsRead());
      return b.array();
    }

    /** True when every value is a float widened to double, so that it survives the round trip. */
    private static boolean floatExact(double[] values) {
      for (double v : values) {
        if (Double.doubleToRawLongBits((float) v) != Double.doubleToRawLongBits(v)) {
          return false;
        }
      }
      return true;
    }

    /**
     * Adds a task's sums to {@code sums} straight from its bytes (no array of the task's sums on
     * the way: the same bits as {@link #decode} and then {@link OrderedSums#add}), and returns its
     * timing.
     */
    static TaskTiming addTo(OrderedSums sums, int partition, byte[] bytes) {
      Received r = Received.read(partition, bytes);
      if (r.width() == Float.BYTES) {
        sums.add(r.gradient().asFloatBuffer(), r.losses(), r.examples());
      } else {
        sums.add(r.gradient().asDoubleBuffer(), r.losses(), r.examples());
      }
      return r.timing();
    }

    static Result decode(int partition, byte[] bytes) {
      Received r = Received.read(partition, bytes);
      double[] gradient = new double[r.gradient().remaining() / r.width()];
      if (r.width() == Float.BYTES) {
        float[] f = new float[gradient.length];
        r.gradient().asFloatBuffer().get(f);
        for (int i = 0; i < f.length; i++) {
          gradient[i] = f[i];
        }
      } else {
        r.gradient().asDoubleBuffer().get(gradient);
      }
      return new Result(gradient, r.losses(), r.examples(), r.timing());
    }

    /**
     * A task's bytes read up to its gradient sums, which stay where they are.
     *
     * @param gradient the little-endian buffer positioned at the sums and limited to them
     * @param width bytes of one sum: 4 (floats) or 8 (doubles)
     */
    private record Received(
        ByteBuffer gradient, int width, double[] losses, long examples, TaskTiming timing) {
      static Received read(int partition, byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int models = b.getInt();
        int width = b.getInt();
        int end = bytes.length - TAIL - Double.BYTES * models;
        double[] losses = new double[models];
        b.position(end);
        b.asDoubleBuffer().get(losses);
        b.position(end + Double.BYTES * models);
        long examples = b.getLong();
        TaskTiming timing =
            new TaskTiming(partition, b.getLong(), b.getLong(), b.getLong(), b.getLong());
        b.position(HEAD).limit(end);
        return new Received(b, width, losses, examples, timing);
      }
    }
  }
}
