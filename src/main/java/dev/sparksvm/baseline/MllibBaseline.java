package dev.sparksvm.baseline;

import dev.sparksvm.core.Batch;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.ImageBlock;
import dev.sparksvm.spark.ImageData;
import dev.sparksvm.spark.StorageMemory;
import java.util.Arrays;
import java.util.Iterator;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.GradientDescent;
import org.apache.spark.mllib.optimization.SquaredL2Updater;
import org.apache.spark.mllib.optimization.Updater;
import org.apache.spark.rdd.RDD;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The MLlib way of training the same linear SVM, timed step by step: {@code
 * GradientDescent.runMiniBatchSGD} with {@link MulticlassHingeGradient} and {@link
 * SquaredL2Updater} over an RDD of {@code (label, DenseVector)} examples.
 *
 * <p>The input is built from our cached {@link ImageData} with the same preprocessing (pixel minus
 * the training mean, then a constant 1 bias feature; {@link ImageBlock#fillRange} itself does it)
 * and in the same partitions (a {@code flatMap} of each block), and cached as MLlib expects it: one
 * Java object per example, 3073 doubles each, about 8 times the bytes of our uint8 blocks ({@link
 * #cachedBytes()}).
 *
 * <p>Everything in each iteration is MLlib's: a broadcast of W, {@code data.sample(false, fraction,
 * 42 + i)} (a Bernoulli scan of every partition, so the batch size varies around {@code batch}),
 * one {@code treeAggregate} job of per-example gradients, the broadcast's destruction and the
 * update on the driver. Consequences for a comparison: MLlib's step size decays as {@code stepSize
 * / sqrt(i)}, its L2 term is {@code regParam / 2 * |W|^2} (so our {@code reg} is half its {@code
 * regParam}), and its sampling seeds are fixed, so {@code seed} here only draws the initial W.
 *
 * <p>Close it to drop the cached examples.
 */
public final class MllibBaseline implements AutoCloseable {
  /**
   * MLlib's settings for a run.
   *
   * @param stepSize MLlib's initial step size (it decays as {@code stepSize / sqrt(iteration)}),
   *     {@code > 0}
   * @param regParam MLlib's L2 strength: penalty {@code regParam / 2 * |W|^2}, {@code >= 0}
   * @param initScale standard deviation of the Gaussian initial W, {@code >= 0}
   */
  public record Options(double stepSize, double regParam, double initScale) {
    public Options {
      if (!(stepSize > 0) || !Double.isFinite(stepSize)) {
        throw new IllegalArgumentException(
            "MLlib step size must be a finite number > 0, got " + stepSize);
      }
      if (!(regParam >= 0) || !Double.isFinite(regParam)) {
        throw new IllegalArgumentException(
            "MLlib regParam must be a finite number >= 0, got " + regParam);
      }
      if (!(initScale >= 0) || !Double.isFinite(initScale)) {
        throw new IllegalArgumentException(
            "initial weight scale must be a finite number >= 0, got " + initScale);
      }
    }
  }

  /**
   * The settings of our SVM trainer in MLlib's terms: learning rate 1e-7, our {@code reg} 2.5e4
   * (penalty {@code reg * |W|^2}) as MLlib's {@code regParam} 5e4, initial W drawn with scale 1e-3
   * as {@code bench} does.
   */
  public static final Options SVM_DEFAULTS = new Options(1e-7, 5e4, 1e-3);

  /**
   * One timed run.
   *
   * @param stepMillis wall time of each timed step (warm-up steps dropped), in milliseconds
   * @param initialWeights W before the first step, row-major {@code C x D}
   * @param finalWeights W after the last step, same layout
   * @param losses MLlib's stochastic losses: one per step (warm-up included), the batch's mean data
   *     loss plus the regularization at the W the step started from, then one more at the final W
   *     (Spark 4's {@code runMiniBatchSGD} runs one last job, without an update, to compute it)
   */
  public record Run(
      double[] stepMillis, double[] initialWeights, double[] finalWeights, double[] losses) {}

  private final RDD<Tuple2<Object, Vector>> examples;
  private final int classes;
  private final int features;
  private final long count;
  private final long cachedBytes;
  private final Options options;

  /**
   * Builds and caches MLlib's input from {@code images} and waits until it is cached.
   *
   * @param mean the per-pixel training mean (3072 values) that our trainer subtracts
   * @param classes number of classes C
   * @throws IllegalStateException when the examples do not all fit Spark's storage memory (the
   *     timing would then include recomputing them)
   */
  public MllibBaseline(
      JavaSparkContext sc, ImageData images, double[] mean, int classes, Options options) {
    if (mean.length != images.schema().shape().pixels()) {
      throw new IllegalArgumentException(
          "the pixel mean needs "
              + images.schema().shape().pixels()
              + " values, got "
              + mean.length);
    }
    if (images.count() == 0) {
      throw new IllegalArgumentException("MLlib's baseline needs at least one image");
    }
    this.classes = classes;
    this.features = images.schema().features();
    this.options = options;
    this.count = images.count();
    double[] pixelMean = mean.clone(); // captured once by the one job that builds the examples
    JavaRDD<Tuple2<Object, Vector>> built =
        images
            .blocks()
            .flatMap(block -> toExamples(block, pixelMean))
            .setName("MLlib examples (label, DenseVector)")
            .persist(StorageLevel.MEMORY_ONLY());
    long builtCount = built.count();
    if (builtCount != count) {
      throw new IllegalStateException(
          "built " + builtCount + " examples from " + count + " images");
    }
    this.examples = built.rdd();
    this.cachedBytes = cachedBytes(sc, examples);
  }

  /**
   * As {@link #MllibBaseline(JavaSparkContext, ImageData, double[], int, Options)} with {@link
   * #SVM_DEFAULTS}.
   */
  public MllibBaseline(JavaSparkContext sc, ImageData images, double[] mean, int classes) {
    this(sc, images, mean, classes, SVM_DEFAULTS);
  }

  /**
   * The examples of one block, preprocessed exactly as our batches are. Lazy: the cache holds them.
   */
  private static Iterator<Tuple2<Object, Vector>> toExamples(ImageBlock block, double[] mean) {
    Batch row = new Batch(1, mean.length + 1);
    dev.sparksvm.core.FeatureRows features = block.centred(mean);
    return IntStream.range(0, block.size())
        .mapToObj(
            i -> {
              features.fill(row, null, i, i + 1);
              return new Tuple2<Object, Vector>(
                  (double) block.label(i), Vectors.dense(row.x().clone()));
            })
        .iterator();
  }

  private static long cachedBytes(JavaSparkContext sc, RDD<?> rdd) {
    StorageMemory.Cached cached = StorageMemory.cached(sc, rdd);
    if (cached.partitions() == 0) {
      throw new IllegalStateException("MLlib's examples are not cached");
    }
    if (!cached.whole()) {
      throw new IllegalStateException(
          "only "
              + cached.partitions()
              + " of "
              + cached.of()
              + " partitions of MLlib's examples fit in storage memory ("
              + cached.bytes()
              + " bytes cached): give the driver or executors more memory");
    }
    return cached.bytes();
  }

  /** Bytes Spark's block manager reports for the cached examples. */
  public long cachedBytes() {
    return cachedBytes;
  }

  /** Number of examples. */
  public long count() {
    return count;
  }

  /** The cached input, {@code (label as Double, DenseVector features)}, one partition per block. */
  public RDD<Tuple2<Object, Vector>> examples() {
    return examples;
  }

  /** Per-step milliseconds of {@link #run}. */
  public double[] stepMillis(int batch, int warmupSteps, int timedSteps, long seed) {
    return run(batch, warmupSteps, timedSteps, seed).stepMillis();
  }

  /**
   * Runs {@code warmupSteps + timedSteps} iterations of {@code runMiniBatchSGD} (one call, so its
   * start-up is paid once) with {@code miniBatchFraction = batch / count()} and {@code
   * convergenceTol 0} (it never stops early), and times each iteration. MLlib runs one more job at
   * the end for the loss at the final W; it is not a step and is not timed.
   *
   * <p>How a step is timed: the updater is wrapped ({@link StepClock}) to read {@code
   * System.nanoTime()} each time MLlib calls it. MLlib calls it once before the loop and once at
   * the end of every iteration, on the driver thread that runs the loop, so the time between two
   * calls is exactly one iteration in steady state: the rest of the previous update, the broadcast,
   * the sample, the job, the destroy. A {@code SparkListener} would see job start and end too, but
   * its events are delivered late on another thread and carry millisecond clock times, and it would
   * miss the driver-side work between jobs.
   *
   * @param batch the expected mini-batch size, {@code 1 <= batch <= count()}
   * @param seed draws the initial W (MLlib's sampling seeds are fixed: 42 + iteration)
   * @throws IllegalStateException if an iteration drew an empty sample (MLlib then skips its
   *     update, so that step cannot be timed): use a larger batch
   */
  public Run run(int batch, int warmupSteps, int timedSteps, long seed) {
    if (batch < 1 || batch > count) {
      throw new IllegalArgumentException("batch must be in 1.." + count + ", got " + batch);
    }
    if (warmupSteps < 0 || timedSteps < 1) {
      throw new IllegalArgumentException(
          "need warm-up steps >= 0 and timed steps >= 1, got "
              + warmupSteps
              + " and "
              + timedSteps);
    }
    int iterations = warmupSteps + timedSteps;
    Weights initial = Weights.gaussian(classes, features, options.initScale(), seed);
    StepClock clock = new StepClock(new SquaredL2Updater(), iterations + 1);
    Tuple2<Vector, double[]> result =
        GradientDescent.runMiniBatchSGD(
            examples,
            new MulticlassHingeGradient(classes),
            clock,
            options.stepSize(),
            iterations,
            options.regParam(),
            batch / (double) count,
            Vectors.dense(initial.values().clone()),
            0.0);
    long[] calls = clock.times();
    if (calls.length != iterations + 1) {
      throw new IllegalStateException(
          "MLlib updated W "
              + (calls.length - 1)
              + " times in "
              + iterations
              + " iterations: a sample of fraction "
              + batch / (double) count
              + " came out empty; use a larger batch");
    }
    double[] millis = new double[timedSteps];
    for (int k = 0; k < timedSteps; k++) {
      int step = warmupSteps + k + 1; // interval `step` ends with the update of iteration `step`
      millis[k] = (calls[step] - calls[step - 1]) / 1e6;
    }
    return new Run(millis, initial.values(), result._1().toArray(), result._2());
  }

  /**
   * Drops the cached examples and waits until they are gone: they are 8 times our blocks, and what
   * is cached next (a larger training set in {@code scale --images}) needs their memory.
   */
  @Override
  public void close() {
    examples.unpersist(true);
  }

  /**
   * An {@link Updater} that delegates to another and records when it was called. Only the driver
   * calls it (MLlib's tasks capture the gradient and the broadcast, not the updater).
   */
  private static final class StepClock extends Updater {
    private static final long serialVersionUID = 1L;
    private final Updater delegate;
    private long[] times;
    private int calls;

    StepClock(Updater delegate, int expectedCalls) {
      this.delegate = delegate;
      this.times = new long[expectedCalls];
    }

    @Override
    public Tuple2<Vector, Object> compute(
        Vector weightsOld, Vector gradient, double stepSize, int iter, double regParam) {
      if (calls == times.length) {
        times = Arrays.copyOf(times, 2 * times.length);
      }
      times[calls++] = System.nanoTime();
      return delegate.compute(weightsOld, gradient, stepSize, iter, regParam);
    }

    long[] times() {
      return Arrays.copyOf(times, calls);
    }
  }
}
