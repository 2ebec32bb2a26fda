package dev.sparksvm.cli;

import dev.sparksvm.core.Precision;
import dev.sparksvm.optim.UpdateRule;
import dev.sparksvm.options.AggregationDepth;
import dev.sparksvm.options.DescentOptions;
import dev.sparksvm.options.LossKind;
import dev.sparksvm.options.LossOptions;
import dev.sparksvm.options.ReportingOptions;
import dev.sparksvm.options.UpdateOptions;
import dev.sparksvm.options.UsageException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The option groups of the objective and of gradient descent: the loss, the L2 strength, how the
 * steps run and what a training run reports. Each turns its values into a validated record of
 * {@code options}.
 */
final class DescentMixins {
  private DescentMixins() {}

  /** The data loss. */
  static final class Loss {
    @Option(
        names = "--loss",
        paramLabel = "svm|softmax",
        defaultValue = "svm",
        description =
            "Multiclass SVM or softmax (${COMPLETION-CANDIDATES}; default ${DEFAULT-VALUE}).")
    LossKind loss;

    @Option(
        names = "--delta",
        paramLabel = "X",
        defaultValue = "" + LossOptions.DEFAULT_DELTA,
        description = "SVM margin (default ${DEFAULT-VALUE}).")
    double delta;

    /** The loss with L2 strength {@code reg}. */
    LossOptions options(double reg) {
      return LossOptions.defaults(loss).withReg(reg).withDelta(delta);
    }
  }

  /** One L2 strength. */
  static final class Reg {
    @Option(
        names = "--reg",
        paramLabel = "X",
        description =
            "L2 strength, R(W) = reg * sum(W^2) (default: 0 for svm, 30 for softmax in train"
                + " and tune; CS231n's 2.5e4 for svm, 5e3 for softmax in gradcheck; 0 in search,"
                + " sweep and landscape).")
    Double reg;

    /** The given strength, else {@code fallback}. */
    double or(double fallback) {
      return reg != null ? reg : fallback;
    }
  }

  /** {@code --aggregation-depth} (train, tune, bench and scale). */
  static final class Depth {
    @Option(
        names = "--aggregation-depth",
        paramLabel = "N",
        description =
            "How the partitions' sums meet: 1 straight to the driver, 2 or more a treeAggregate"
                + " of that depth, 0 chosen from the partition count (default 0; 2 in scale,"
                + " whose cost model fits one path).")
    Integer depth;

    /** The depth given, else {@code fallback}. */
    AggregationDepth or(AggregationDepth fallback) {
      return depth != null ? AggregationDepth.of(depth) : fallback;
    }
  }

  /** How gradient descent runs: shared by train and tune. */
  static final class Descent {
    @Option(
        names = "--batch",
        paramLabel = "N",
        defaultValue = "" + DescentOptions.DEFAULT_BATCH,
        description =
            "Global mini-batch (default ${DEFAULT-VALUE}; the training-set size gives "
                + "full-batch descent, 1 SGD).")
    int batch;

    @Option(
        names = "--iters",
        paramLabel = "N",
        defaultValue = "" + DescentOptions.DEFAULT_ITERATIONS,
        description = "Iterations (default ${DEFAULT-VALUE}).")
    long iterations;

    @Option(
        names = "--lr-decay",
        paramLabel = "X",
        defaultValue = "" + DescentOptions.DEFAULT_LR_DECAY,
        description = "Learning-rate factor per epoch, in (0, 1] (default ${DEFAULT-VALUE}).")
    double lrDecay;

    @Option(
        names = "--init-scale",
        paramLabel = "X",
        defaultValue = "" + DescentOptions.DEFAULT_INIT_SCALE,
        description = "Standard deviation of the initial W (default ${DEFAULT-VALUE}).")
    double initScale;

    @Mixin Depth depth;

    @Option(
        names = "--precision",
        paramLabel = "double|float",
        defaultValue = "double",
        description =
            "Arithmetic of the executors' two GEMMs (${COMPLETION-CANDIDATES}): float runs them in"
                + " single precision (faster; W, the loss and all sums stay double) (default"
                + " ${DEFAULT-VALUE}).")
    Precision precision;

    @Option(
        names = "--update",
        paramLabel = "sgd|momentum|nesterov",
        defaultValue = "sgd",
        description =
            "How a step changes W (${COMPLETION-CANDIDATES}): sgd W -= lr * grad; momentum v = mu"
                + " * v - lr * grad, W += v; nesterov CS231n's Nesterov momentum (default"
                + " ${DEFAULT-VALUE}).")
    UpdateRule update;

    @Option(
        names = "--momentum",
        paramLabel = "MU",
        description =
            "The momentum mu of --update momentum and nesterov, in [0, 1) (default "
                + UpdateOptions.DEFAULT_MOMENTUM
                + ").")
    Double momentum;

    /** {@code options} (a learning rate in place) with these values. */
    DescentOptions into(DescentOptions options) {
      return options
          .withBatch(batch)
          .withIterations(iterations)
          .withLrDecay(lrDecay)
          .withInitScale(initScale)
          .withAggregationDepth(depth.or(AggregationDepth.AUTO))
          .withPrecision(precision)
          .withUpdate(update());
    }

    /** {@code --update} and {@code --momentum}; a momentum without a momentum update is refused. */
    UpdateOptions update() {
      UpdateOptions options =
          new UpdateOptions(update, momentum != null ? momentum : UpdateOptions.DEFAULT_MOMENTUM);
      if (momentum != null && !update.hasVelocity()) {
        throw new UsageException(
            "--momentum applies to --update momentum or nesterov only, and --update is " + update);
      }
      return options;
    }
  }

  /** What a training run reports as it goes: train and tune. */
  static final class Reporting {
    @Option(
        names = "--eval-every",
        paramLabel = "N",
        defaultValue = "100",
        description =
            "Validation accuracy every N iterations; 0: at the end only (default"
                + " ${DEFAULT-VALUE}).")
    int evalEvery;

    @Option(
        names = "--print-every",
        paramLabel = "N",
        defaultValue = "50",
        description =
            "A progress line every N iterations (and every 5 s) (default ${DEFAULT-VALUE}).")
    int printEvery;

    ReportingOptions options() {
      return new ReportingOptions(evalEvery, printEvery);
    }
  }
}
