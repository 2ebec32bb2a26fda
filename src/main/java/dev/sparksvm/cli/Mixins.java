package dev.sparksvm.cli;

import dev.sparksvm.core.Precision;
import dev.sparksvm.data.Cifar100;
import dev.sparksvm.data.DataFormat;
import dev.sparksvm.options.AggregationDepth;
import dev.sparksvm.options.DataOptions;
import dev.sparksvm.options.DescentOptions;
import dev.sparksvm.options.LossKind;
import dev.sparksvm.options.LossOptions;
import dev.sparksvm.options.OutputOptions;
import dev.sparksvm.options.ReportingOptions;
import dev.sparksvm.options.SparkOptions;
import dev.sparksvm.train.Workspace;
import java.util.OptionalInt;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The option groups commands share, each defined once and mixed into the commands that take it;
 * each turns its values into a validated record of {@code options}.
 */
final class Mixins {
  private Mixins() {}

  /** Where the images come from: the path, the format and CIFAR-100's labels. */
  static final class Data {
    @Option(
        names = "--data",
        paramLabel = "PATH",
        description =
            "Data: a directory (its data_batch_*.bin, train.bin or train-*-idx3-ubyte[.gz]; for"
                + " evaluate its test files if present), a file or a glob; file:, hdfs:// and"
                + " plain paths. Default: data/cifar-10-batches-bin under the project root, else a"
                + " generated synthetic set.")
    String data;

    @Option(
        names = "--format",
        paramLabel = "cifar10|cifar100|idx",
        description =
            "Data format, ${COMPLETION-CANDIDATES} (default: detected from the file names, else"
                + " their contents).")
    DataFormat format;

    @Option(
        names = "--labels",
        paramLabel = "fine|coarse",
        description =
            "CIFAR-100's labels: 100 fine classes or 20 coarse ones (default: fine; in evaluate,"
                + " those with the model's class count).")
    Cifar100.Labels labels;

    /** {@code options} reading these images. */
    DataOptions into(DataOptions options) {
      return options.withData(data).withFormat(format).withLabels(labels);
    }
  }

  /** The images held out: for validation, and a test set. */
  static final class Split {
    @Option(
        names = "--test",
        paramLabel = "PATH",
        description =
            "Test data (a directory means its test_batch.bin, test.bin or"
                + " t10k-*-idx3-ubyte[.gz]); default: none.")
    String test;

    @Option(
        names = "--val",
        paramLabel = "N",
        description =
            "Images held out for validation (default "
                + DataOptions.DEFAULT_VALIDATION
                + "; 5000 in tune).")
    Integer validation;

    /** {@code options} with this split; {@code defaultValidation} unless --val is given. */
    DataOptions into(DataOptions options, int defaultValidation) {
      return options
          .withTest(test)
          .withValidation(validation != null ? validation : defaultValidation);
    }
  }

  /** How many partitions the cached images take. */
  static final class Partitions {
    @Option(
        names = "--partitions",
        paramLabel = "N",
        description = "Partitions of the cached images (default: Spark's parallelism).")
    Integer partitions;

    DataOptions into(DataOptions options) {
      return options.withPartitions(
          partitions == null ? OptionalInt.empty() : OptionalInt.of(partitions));
    }
  }

  /** The seed of everything random. */
  static final class Seed {
    @Option(
        names = "--seed",
        paramLabel = "N",
        defaultValue = "" + DataOptions.DEFAULT_SEED,
        description =
            "Seed of the validation split, the initial W and every batch (generate: of every"
                + " image and label) (default ${DEFAULT-VALUE}).")
    long seed;

    DataOptions into(DataOptions options) {
      return options.withSeed(seed);
    }
  }

  /** The data loss. */
  static final class Loss {
    @Option(
        names = "--loss",
        paramLabel = "svm|softmax",
        defaultValue = "svm",
        description =
            "Multiclass SVM or softmax: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
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
            "Arithmetic of the executors' two GEMMs, ${COMPLETION-CANDIDATES}: float runs them in"
                + " single precision (faster; W, the loss and all sums stay double) (default"
                + " ${DEFAULT-VALUE}).")
    Precision precision;

    /** {@code options} (a learning rate in place) with these values. */
    DescentOptions into(DescentOptions options) {
      return options
          .withBatch(batch)
          .withIterations(iterations)
          .withLrDecay(lrDecay)
          .withInitScale(initScale)
          .withAggregationDepth(depth.or(AggregationDepth.AUTO))
          .withPrecision(precision);
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

  /** {@code --overwrite}, beside each kind of {@code --out}. */
  abstract static class Overwrite {
    @Option(
        names = "--overwrite",
        description =
            "Let --out hold earlier files: they are replaced when this command finishes (a failed"
                + " one leaves them alone).")
    boolean overwrite;

    abstract String dir();

    OutputOptions options() {
      return new OutputOptions(dir(), overwrite);
    }
  }

  /** Where a command writes: --out, by default {@code runs/COMMAND-TIMESTAMP}. */
  static final class Output extends Overwrite {
    @Option(
        names = "--out",
        paramLabel = "DIR",
        description =
            "Output directory, any Hadoop file system; it must be empty or new (default"
                + " runs/COMMAND-TIMESTAMP).")
    String out;

    @Override
    String dir() {
      return out;
    }
  }

  /** Where a measuring command also writes its metrics, if anywhere (bench, evaluate). */
  static final class MetricsOutput extends Overwrite {
    @Option(
        names = "--out",
        paramLabel = "DIR",
        description = "Also write DIR/metrics.json (DIR must be empty or new; default: none).")
    String out;

    @Override
    String dir() {
      return out;
    }
  }

  /** Where a command that writes data writes it: --out is required (generate). */
  static final class RequiredOutput extends Overwrite {
    @Option(
        names = "--out",
        paramLabel = "DIR",
        required = true,
        description = "Directory to write, any Hadoop file system; it must be empty or new.")
    String out;

    @Override
    String dir() {
      return out;
    }
  }

  /** Which Spark master, and where Spark's event log goes. */
  static final class Spark {
    @Option(
        names = "--master",
        paramLabel = "URL",
        description =
            "Spark master (default: spark-submit's, else local[*]; local[2] in bench and the"
                + " data-size sweep of scale, local[E] in the executor sweep).")
    String master;

    @Option(
        names = "--event-log",
        paramLabel = "DIR",
        description =
            "Write Spark's event log to DIR (any Hadoop file system; created if missing), for"
                + " Spark's History Server (default: none).")
    String eventLog;

    SparkOptions options() {
      return new SparkOptions(master, eventLog);
    }
  }

  /**
   * Everything a training run or a strategy works in: its data (source, split, partitions, seed),
   * loss, output and Spark master.
   */
  static final class Experiment {
    @Mixin Data data;
    @Mixin Split split;
    @Mixin Partitions partitions;
    @Mixin Seed seed;
    @Mixin Loss loss;
    @Mixin Reg reg;
    @Mixin Output output;
    @Mixin Spark spark;

    /** The data options, holding out {@code defaultValidation} images unless --val is given. */
    DataOptions data(int defaultValidation) {
      return seed.into(
          partitions.into(split.into(data.into(DataOptions.defaults()), defaultValidation)));
    }

    /** The data options, holding out the usual images unless --val is given. */
    DataOptions data() {
      return data(DataOptions.DEFAULT_VALIDATION);
    }

    /** The loss with --reg, else {@code train}'s default for the loss. */
    LossOptions lossOptions() {
      return loss.options(reg.or(loss.loss.defaultReg()));
    }

    /** The loss with --reg, else {@code defaultReg}. */
    LossOptions lossOptions(double defaultReg) {
      return loss.options(reg.or(defaultReg));
    }

    /** Checks the inputs and --out, then starts Spark and loads the data for {@code command}. */
    Workspace open(String command) {
      return Workspace.open(command, data(), spark.options(), output.options());
    }
  }
}
