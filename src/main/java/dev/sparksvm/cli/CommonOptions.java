package dev.sparksvm.cli;

import dev.sparksvm.core.L2Regularizer;
import dev.sparksvm.core.Loss;
import dev.sparksvm.core.MulticlassHinge;
import java.util.HashSet;
import java.util.Set;

/**
 * The option group the strategy commands share with {@code train}: data, Spark, loss and output.
 *
 * @param data training data path, or null for the built-in default
 * @param test test data path, or null
 * @param out output directory
 * @param master Spark master, or null
 * @param seed seed of everything random
 * @param partitions partitions, 0 for Spark's default parallelism
 * @param validation images held out for validation
 * @param loss the loss name
 * @param reg L2 strength
 * @param delta SVM margin
 */
record CommonOptions(String data, String test, String out, String master, long seed, int partitions,
    int validation, String loss, double reg, double delta) {

  /** The options of this group. */
  static final Set<String> VALUED = Set.of("data", "test", "out", "master", "seed", "partitions",
      "val", "loss", "reg", "delta");

  CommonOptions {
    Loss.named(loss);
    require(partitions >= 0, "--partitions must be >= 1, got " + partitions);
    require(validation >= 0, "--val must be >= 0, got " + validation);
    require(reg >= 0 && Double.isFinite(reg), "--reg must be a finite number >= 0, got " + reg);
    require(delta > 0 && Double.isFinite(delta), "--delta must be a finite number > 0, got " + delta);
  }

  /** Parses the group; {@code defaultReg} is the command's own default for {@code --reg}. */
  static CommonOptions from(String command, Args a, Double defaultReg) {
    String loss = a.string("loss", "svm");
    if (a.has("partitions") && a.integer("partitions", 0) < 1) {
      throw new UsageException(command + ": --partitions must be >= 1, got "
          + a.string("partitions", ""));
    }
    double reg = defaultReg != null ? defaultReg
        : "softmax".equals(loss) ? TrainOptions.DEFAULT_SOFTMAX_REG : TrainOptions.DEFAULT_SVM_REG;
    return new CommonOptions(a.string("data", null), a.string("test", null),
        a.string("out", TrainOptions.defaultOut(command)), a.string("master", null),
        a.longValue("seed", 42), a.integer("partitions", 0), a.integer("val", 1000), loss,
        a.real("reg", reg), a.real("delta", 1.0));
  }

  /** The group's options plus a command's own. */
  static Set<String> with(String... own) {
    Set<String> all = new HashSet<>(VALUED);
    all.addAll(Set.of(own));
    return all;
  }

  Loss lossFunction() {
    return "svm".equals(loss) ? new MulticlassHinge(delta) : Loss.named(loss);
  }

  L2Regularizer regularizer() {
    return new L2Regularizer(reg);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new UsageException(message);
    }
  }
}
