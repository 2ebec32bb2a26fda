package dev.sparksvm.options;

import static dev.sparksvm.options.UsageException.require;

import dev.sparksvm.core.Precision;

/**
 * How {@code train} descends: batch, steps, step size and its decay, and what it reports.
 *
 * @param batch global mini-batch size (the training-set size gives full-batch descent, 1 gives SGD)
 * @param iterations number of updates
 * @param learningRate initial step size; NaN: chosen by a step-size sweep ({@code --lr auto})
 * @param lrDecay factor applied to the step size after each epoch, in (0, 1]
 * @param initScale standard deviation of the initial W
 * @param evalEvery validation accuracy every this many iterations (0: only at the end)
 * @param printEvery a progress line every this many iterations
 * @param aggregationDepth 1: tasks' sums straight to the driver; 2 or more: treeAggregate's depth;
 *     0: chosen from the partition count
 * @param precision the arithmetic of the gradient's two GEMMs on the executors ({@code
 *     --precision}); W, the loss and every sum stay double
 */
public record TrainOptions(
    int batch,
    long iterations,
    double learningRate,
    double lrDecay,
    double initScale,
    int evalEvery,
    int printEvery,
    int aggregationDepth,
    Precision precision) {
  /**
   * Defaults chosen with {@code tune} on 5,000 validation images of CIFAR-10 and confirmed on
   * 10,000 others (README, "Choosing the learning rate and regularization"). Batches of 1024 pay
   * Spark's fixed cost of a step a quarter as often per image as CS231n's 256.
   */
  public static final int DEFAULT_BATCH = 1024;

  /** About 20 epochs of CIFAR-10's 49,000 training images at the default batch. */
  public static final long DEFAULT_ITERATIONS = 800;

  /** Standard deviation of the initial W: small, so the first steps are not spent shrinking it. */
  public static final double DEFAULT_INIT_SCALE = 1e-5;

  public TrainOptions {
    require(batch >= 1, "--batch", "an integer >= 1", batch);
    require(iterations >= 1, "--iters", "an integer >= 1", iterations);
    require(
        Double.isNaN(learningRate) || (learningRate > 0 && Double.isFinite(learningRate)),
        "--lr",
        "a finite number > 0 or auto",
        learningRate);
    require(lrDecay > 0 && lrDecay <= 1, "--lr-decay", "in (0, 1]", lrDecay);
    require(
        initScale >= 0 && Double.isFinite(initScale),
        "--init-scale",
        "a finite number >= 0",
        initScale);
    require(evalEvery >= 0, "--eval-every", "an integer >= 0", evalEvery);
    require(printEvery >= 1, "--print-every", "an integer >= 1", printEvery);
    require(
        aggregationDepth >= 0,
        "--aggregation-depth",
        "an integer >= 0 (0: auto)",
        aggregationDepth);
    require(precision != null, "--precision", "double or float", null);
  }

  /** The options in double precision, the default. */
  public TrainOptions(
      int batch,
      long iterations,
      double learningRate,
      double lrDecay,
      double initScale,
      int evalEvery,
      int printEvery,
      int aggregationDepth) {
    this(
        batch,
        iterations,
        learningRate,
        lrDecay,
        initScale,
        evalEvery,
        printEvery,
        aggregationDepth,
        Precision.DOUBLE);
  }

  /** The precision named {@code value} on the command line ({@code double} or {@code float}). */
  public static Precision precision(String value) {
    try {
      return Precision.named(value);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--precision must be double or float, got '" + value + "'");
    }
  }

  /** Whether the learning rate is to be chosen by a step-size sweep. */
  public boolean autoLearningRate() {
    return Double.isNaN(learningRate);
  }

  /** The same options with learning rate {@code lr}. */
  public TrainOptions withLearningRate(double lr) {
    return new TrainOptions(
        batch,
        iterations,
        lr,
        lrDecay,
        initScale,
        evalEvery,
        printEvery,
        aggregationDepth,
        precision);
  }
}
