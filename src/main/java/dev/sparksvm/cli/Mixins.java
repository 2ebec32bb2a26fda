package dev.sparksvm.cli;

import dev.sparksvm.options.DataOptions;
import dev.sparksvm.options.LossKind;
import dev.sparksvm.options.LossOptions;
import dev.sparksvm.options.SparkOptions;
import dev.sparksvm.options.TrainOptions;
import dev.sparksvm.options.UsageException;
import dev.sparksvm.train.Workspace;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The option groups commands share, each defined once and mixed into the commands that take it. */
final class Mixins {
  private Mixins() {}

  /** Where the training images come from and how they are held out and partitioned. */
  static final class Data {
    @Option(
        names = "--data",
        paramLabel = "PATH",
        description =
            "Training data: a directory (its data_batch_*.bin, train.bin or"
                + " train-*-idx3-ubyte[.gz]), a file or a glob; file:, hdfs:// and plain paths."
                + " Default: data/cifar-10-batches-bin under the project root, else a generated"
                + " synthetic set.")
    String data;

    @Option(
        names = "--test",
        paramLabel = "PATH",
        description =
            "Test data (a directory means its "
                + "test_batch.bin, test.bin or t10k-*-idx3-ubyte[.gz]); default: none.")
    String test;

    @Option(
        names = "--format",
        paramLabel = "cifar10|cifar100|idx",
        description =
            "Data format " + "(default: detected from the file names, else their contents).")
    String format;

    @Option(
        names = "--labels",
        paramLabel = "fine|coarse",
        description =
            "CIFAR-100's labels: " + "100 fine classes or 20 coarse ones (default: fine).")
    String labels;

    @Option(
        names = "--val",
        paramLabel = "N",
        description = "Images held out for validation (default 1000; 5000 in tune).")
    Integer validation;

    @Option(
        names = "--partitions",
        paramLabel = "N",
        description = "Partitions of the cached training set (default: Spark's parallelism).")
    Integer partitions;

    @Option(
        names = "--seed",
        paramLabel = "N",
        defaultValue = "42",
        description =
            "Seed of the validation split, the initial W and every batch "
                + "(default ${DEFAULT-VALUE}).")
    long seed;

    DataOptions options() {
      return options(DataOptions.DEFAULT_VALIDATION);
    }

    /** The options, holding out {@code defaultValidation} images unless --val says otherwise. */
    DataOptions options(int defaultValidation) {
      return new DataOptions(
          data,
          test,
          validation != null ? validation : defaultValidation,
          partitions(partitions),
          seed,
          format,
          labels);
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
        defaultValue = "1",
        description = "SVM margin (default ${DEFAULT-VALUE}).")
    double delta;

    /** The loss with L2 strength {@code reg}. */
    LossOptions options(double reg) {
      return new LossOptions(loss, reg, delta);
    }
  }

  /** One L2 strength. */
  static final class Reg {
    @Option(
        names = "--reg",
        paramLabel = "X",
        description =
            "L2 strength, R(W) = reg * sum(W^2) (default: "
                + "0 for svm, 30 for softmax"
                + " in train and tune; CS231n's 2.5e4 for svm, 5e3 for softmax in gradcheck; 0 in "
                + "search, sweep and landscape).")
    Double reg;

    /** The given strength, else {@code fallback}. */
    double or(double fallback) {
      return reg != null ? reg : fallback;
    }
  }

  /** How gradient descent runs: shared by train and tune. */
  static final class Descent {
    @Option(
        names = "--batch",
        paramLabel = "N",
        defaultValue = "" + TrainOptions.DEFAULT_BATCH,
        description =
            "Global mini-batch (default ${DEFAULT-VALUE}; the training-set size gives "
                + "full-batch descent, 1 SGD).")
    int batch;

    @Option(
        names = "--iters",
        paramLabel = "N",
        defaultValue = "" + TrainOptions.DEFAULT_ITERATIONS,
        description = "Iterations (default ${DEFAULT-VALUE}).")
    long iterations;

    @Option(
        names = "--lr-decay",
        paramLabel = "X",
        defaultValue = "0.95",
        description = "Learning-rate factor per epoch, in (0, 1] (default ${DEFAULT-VALUE}).")
    double lrDecay;

    @Option(
        names = "--init-scale",
        paramLabel = "X",
        defaultValue = "" + TrainOptions.DEFAULT_INIT_SCALE,
        description = "Standard deviation of the initial W (default ${DEFAULT-VALUE}).")
    double initScale;

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

    @Option(
        names = "--aggregation-depth",
        paramLabel = "N",
        defaultValue = "0",
        description =
            "How the partitions' sums meet: 1 straight to the driver, 2 or more a "
                + "treeAggregate of that depth, 0 chosen from the partition count "
                + "(default ${DEFAULT-VALUE}).")
    int aggregationDepth;

    @Option(
        names = "--precision",
        paramLabel = "double|float",
        defaultValue = "double",
        description =
            "Arithmetic of the executors' two GEMMs: float runs them in single precision "
                + "(faster; W, the loss and all sums stay double) (default ${DEFAULT-VALUE}).")
    String precision;

    /** The options with initial step size {@code learningRate}. */
    TrainOptions options(double learningRate) {
      return new TrainOptions(
          batch,
          iterations,
          learningRate,
          lrDecay,
          initScale,
          evalEvery,
          printEvery,
          aggregationDepth,
          TrainOptions.precision(precision));
    }
  }

  /** Where a command writes. */
  static final class Output {
    @Option(
        names = "--out",
        paramLabel = "DIR",
        description =
            "Output directory, any Hadoop file "
                + "system; it must be empty or new (default runs/COMMAND-TIMESTAMP).")
    String out;

    @Option(
        names = "--overwrite",
        description =
            "Let --out hold an earlier run: its files are "
                + "replaced when this run finishes (a failed run leaves them alone).")
    boolean overwrite;

    /** The directory given, or {@code runs/COMMAND-TIMESTAMP}. */
    String out(String command) {
      if (out != null && out.isBlank()) {
        throw new UsageException("--out must name a directory, got '" + out + "'");
      }
      return out != null
          ? out
          : "runs/"
              + command
              + "-"
              + LocalDateTime.now(ZoneId.systemDefault())
                  .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }
  }

  /** Which Spark master, and where Spark's event log goes. */
  static final class Spark {
    @Option(
        names = "--master",
        paramLabel = "URL",
        description = "Spark master (default: spark-submit's, else local[*]).")
    String master;

    @Option(
        names = "--event-log",
        paramLabel = "DIR",
        description =
            "Write Spark's event log to "
                + "DIR (any Hadoop file system; created if missing), for Spark's History Server "
                + "(default: none).")
    String eventLog;

    SparkOptions options() {
      return new SparkOptions(master, eventLog);
    }
  }

  /**
   * Everything a training run or a strategy works in: its data, loss, output and Spark master, and
   * the workspace they open.
   */
  static final class Experiment {
    @Mixin Data data;
    @Mixin Loss loss;
    @Mixin Reg reg;
    @Mixin Output output;
    @Mixin Spark spark;

    /** The loss with --reg, else {@code train}'s default for the loss. */
    LossOptions lossOptions() {
      return loss.options(reg.or(loss.loss.defaultReg()));
    }

    /** The loss with --reg, else {@code defaultReg}. */
    LossOptions lossOptions(double defaultReg) {
      return loss.options(reg.or(defaultReg));
    }

    /** Checks the inputs, then starts Spark and loads the data for {@code command}. */
    Workspace open(String command) {
      return Workspace.open(
          command, data.options(), spark.options(), output.out(command), output.overwrite);
    }
  }

  /** A partition count given on the command line (null: Spark's parallelism, as 0). */
  static int partitions(Integer given) {
    if (given != null && given < 1) {
      throw new UsageException("--partitions must be an integer >= 1, got " + given);
    }
    return given == null ? 0 : given;
  }
}
