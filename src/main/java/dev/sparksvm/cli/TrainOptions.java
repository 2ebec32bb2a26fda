package dev.sparksvm.cli;

import dev.sparksvm.core.Loss;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/**
 * The options of {@code train}, validated on construction: an invalid value is an {@link
 * IllegalArgumentException} naming the option.
 *
 * @param loss {@code svm} or {@code softmax}
 * @param batch global mini-batch size (the training-set size gives full-batch descent, 1 gives SGD)
 * @param iterations number of updates
 * @param learningRate initial step size
 * @param lrDecay factor applied to the step size after each epoch
 * @param reg L2 strength: R(W) = reg * sum(W^2)
 * @param delta SVM margin
 * @param seed seed of the initial W, the validation split and every mini-batch
 * @param partitions partitions of the cached training set; 0 means Spark's default parallelism
 * @param validation images held out for validation
 * @param evalEvery measure validation accuracy every this many iterations (0: only at the end)
 * @param printEvery print a progress line every this many iterations
 * @param data training data path (null: the built-in default)
 * @param test test data path, or null
 * @param out output directory
 * @param master Spark master, or null for spark-submit's or {@code local[*]}
 * @param aggregationDepth depth of treeAggregate
 * @param initScale standard deviation of the initial W
 */
public record TrainOptions(String loss, int batch, long iterations, double learningRate,
    double lrDecay, double reg, double delta, long seed, int partitions, int validation,
    int evalEvery, int printEvery, String data, String test, String out, String master,
    int aggregationDepth, double initScale) {

  /** Options that take a value. */
  static final Set<String> VALUED = Set.of("loss", "batch", "iters", "lr", "lr-decay", "reg",
      "delta", "seed", "partitions", "val", "eval-every", "print-every", "data", "test", "out",
      "master", "aggregation-depth", "init-scale");

  /** Defaults that reach CS231n's accuracies on the real training set (see README). */
  static final int DEFAULT_BATCH = 256;
  static final long DEFAULT_ITERATIONS = 1500;
  static final double DEFAULT_SVM_LR = 1e-7;
  static final double DEFAULT_SVM_REG = 2.5e4;
  static final double DEFAULT_SOFTMAX_LR = 1e-6;
  static final double DEFAULT_SOFTMAX_REG = 5e3;

  public TrainOptions {
    Loss.named(loss); // validates the name
    require(batch >= 1, "--batch must be >= 1, got " + batch);
    require(iterations >= 1, "--iters must be >= 1, got " + iterations);
    require(learningRate > 0 && Double.isFinite(learningRate),
        "--lr must be a finite number > 0, got " + learningRate);
    require(lrDecay > 0 && lrDecay <= 1, "--lr-decay must be in (0, 1], got " + lrDecay);
    require(reg >= 0 && Double.isFinite(reg), "--reg must be a finite number >= 0, got " + reg);
    require(delta > 0 && Double.isFinite(delta), "--delta must be a finite number > 0, got " + delta);
    require(partitions >= 0, "--partitions must be >= 1, got " + partitions);
    require(validation >= 0, "--val must be >= 0, got " + validation);
    require(evalEvery >= 0, "--eval-every must be >= 0, got " + evalEvery);
    require(printEvery >= 1, "--print-every must be >= 1, got " + printEvery);
    require(aggregationDepth >= 1, "--aggregation-depth must be >= 1, got " + aggregationDepth);
    require(initScale >= 0 && Double.isFinite(initScale),
        "--init-scale must be a finite number >= 0, got " + initScale);
    require(out != null && !out.isBlank(), "--out must name a directory");
  }

  /** Reads and validates the options, filling in the defaults. */
  static TrainOptions from(Args a) {
    String loss = a.string("loss", "svm");
    boolean softmax = "softmax".equals(loss);
    if (a.has("partitions") && a.integer("partitions", 0) < 1) {
      throw new UsageException("train: --partitions must be >= 1, got " + a.string("partitions", ""));
    }
    return new TrainOptions(loss,
        a.integer("batch", DEFAULT_BATCH),
        a.longValue("iters", DEFAULT_ITERATIONS),
        a.real("lr", softmax ? DEFAULT_SOFTMAX_LR : DEFAULT_SVM_LR),
        a.real("lr-decay", 0.95),
        a.real("reg", softmax ? DEFAULT_SOFTMAX_REG : DEFAULT_SVM_REG),
        a.real("delta", 1.0),
        a.longValue("seed", 42),
        a.integer("partitions", 0),
        a.integer("val", 1000),
        a.integer("eval-every", 100),
        a.integer("print-every", 50),
        a.string("data", null),
        a.string("test", null),
        a.string("out", defaultOut("train")),
        a.string("master", null),
        a.integer("aggregation-depth", 2),
        a.real("init-scale", 1e-3));
  }

  /** {@code runs/COMMAND-yyyyMMdd-HHmmss} under the working directory. */
  static String defaultOut(String command) {
    return "runs/" + command + "-"
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new UsageException("train: " + message);
    }
  }
}
