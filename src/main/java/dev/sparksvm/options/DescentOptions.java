package dev.sparksvm.options;

import static dev.sparksvm.options.UsageException.require;

import dev.sparksvm.core.Precision;
import java.util.Objects;

/**
 * How gradient descent steps: batch, steps, step size and its decay, the initial W, how each step's
 * gradient is computed and how it changes W. Build it from {@link #defaults()} with the withers.
 *
 * @param batch global mini-batch size ({@code --batch}; the training-set size gives full-batch
 *     descent, 1 gives SGD)
 * @param iterations number of updates ({@code --iters})
 * @param learningRate the initial step size, given or chosen ({@code --lr X|auto})
 * @param lrDecay factor applied to the step size after each epoch, in (0, 1] ({@code --lr-decay})
 * @param initScale standard deviation of the initial W ({@code --init-scale})
 * @param aggregationDepth how the partitions' sums meet ({@code --aggregation-depth})
 * @param precision the arithmetic of the gradient's two GEMMs on the executors ({@code
 *     --precision}); W, the loss and every sum stay double
 * @param update how a step changes W: vanilla, momentum or Nesterov ({@code --update}, {@code
 *     --momentum})
 */
public record DescentOptions(
    int batch,
    long iterations,
    InitialRate learningRate,
    double lrDecay,
    double initScale,
    AggregationDepth aggregationDepth,
    Precision precision,
    UpdateOptions update) {
  /**
   * Defaults chosen with {@code tune} on 5,000 validation images of CIFAR-10 and confirmed on
   * 10,000 others (README, "Choosing the learning rate and regularization"). Batches of 1024 pay
   * Spark's fixed cost of a step a quarter as often per image as CS231n's 256.
   */
  public static final int DEFAULT_BATCH = 1024;

  /**
   * About 6 epochs of CIFAR-10's 49,000 training images at the default batch: the fewest steps
   * whose validation accuracy (5,000 held out, three seeds) matched 800 steps' within its noise, at
   * the default learning rates (README, "How the defaults were chosen": time to accuracy).
   */
  public static final long DEFAULT_ITERATIONS = 300;

  /** The step size's factor per epoch. */
  public static final double DEFAULT_LR_DECAY = 0.95;

  /** Standard deviation of the initial W: small, so the first steps are not spent shrinking it. */
  public static final double DEFAULT_INIT_SCALE = 1e-5;

  public DescentOptions {
    require(batch >= 1, "--batch", "an integer >= 1", batch);
    require(iterations >= 1, "--iters", "an integer >= 1", iterations);
    Objects.requireNonNull(learningRate, "learningRate");
    require(lrDecay > 0 && lrDecay <= 1, "--lr-decay", "in (0, 1]", lrDecay);
    require(
        initScale >= 0 && Double.isFinite(initScale),
        "--init-scale",
        "a finite number >= 0",
        initScale);
    Objects.requireNonNull(aggregationDepth, "aggregationDepth");
    require(precision != null, "--precision", "double or float", null);
    Objects.requireNonNull(update, "update");
  }

  /** {@code train}'s defaults, with the SVM's step size. */
  public static DescentOptions defaults() {
    return defaults(LossKind.SVM);
  }

  /** {@code train}'s defaults, with {@code loss}'s step size. */
  public static DescentOptions defaults(LossKind loss) {
    return new DescentOptions(
        DEFAULT_BATCH,
        DEFAULT_ITERATIONS,
        InitialRate.of(loss.defaultLearningRate()),
        DEFAULT_LR_DECAY,
        DEFAULT_INIT_SCALE,
        AggregationDepth.AUTO,
        Precision.DOUBLE,
        UpdateOptions.defaults());
  }

  public DescentOptions withBatch(int value) {
    return new DescentOptions(
        value, iterations, learningRate, lrDecay, initScale, aggregationDepth, precision, update);
  }

  public DescentOptions withIterations(long value) {
    return new DescentOptions(
        batch, value, learningRate, lrDecay, initScale, aggregationDepth, precision, update);
  }

  public DescentOptions withLearningRate(InitialRate value) {
    return new DescentOptions(
        batch, iterations, value, lrDecay, initScale, aggregationDepth, precision, update);
  }

  /** The same options starting at step size {@code value}. */
  public DescentOptions withLearningRate(double value) {
    return withLearningRate(InitialRate.of(value));
  }

  public DescentOptions withLrDecay(double value) {
    return new DescentOptions(
        batch, iterations, learningRate, value, initScale, aggregationDepth, precision, update);
  }

  public DescentOptions withInitScale(double value) {
    return new DescentOptions(
        batch, iterations, learningRate, lrDecay, value, aggregationDepth, precision, update);
  }

  public DescentOptions withAggregationDepth(AggregationDepth value) {
    return new DescentOptions(
        batch, iterations, learningRate, lrDecay, initScale, value, precision, update);
  }

  public DescentOptions withUpdate(UpdateOptions value) {
    return new DescentOptions(
        batch, iterations, learningRate, lrDecay, initScale, aggregationDepth, precision, value);
  }

  public DescentOptions withPrecision(Precision value) {
    return new DescentOptions(
        batch, iterations, learningRate, lrDecay, initScale, aggregationDepth, value, update);
  }
}
