package dev.sparksvm.cli;

import dev.sparksvm.run.DataOptions;
import dev.sparksvm.run.LossOptions;
import dev.sparksvm.run.UsageException;
import dev.sparksvm.run.Workspace;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The option groups commands share, each defined once and mixed into the commands that take it. */
final class Mixins {
  private Mixins() {}

  /** Where the training images come from and how they are held out and partitioned. */
  static final class Data {
    @Option(names = "--data", paramLabel = "PATH", description = "Training data: a directory (its "
        + "data_batch_*.bin, train.bin or train-*-idx3-ubyte[.gz]), a file or a glob; file:, "
        + "hdfs:// and plain paths. Default: data/cifar-10-batches-bin under the project root, else "
        + "a generated synthetic set.")
    String data;

    @Option(names = "--test", paramLabel = "PATH", description = "Test data (a directory means its "
        + "test_batch.bin, test.bin or t10k-*-idx3-ubyte[.gz]); default: none.")
    String test;

    @Option(names = "--format", paramLabel = "cifar10|cifar100|idx", description = "Data format "
        + "(default: detected from the file names, else their contents).")
    String format;

    @Option(names = "--labels", paramLabel = "fine|coarse", description = "CIFAR-100's labels: "
        + "100 fine classes or 20 coarse ones (default: fine).")
    String labels;

    @Option(names = "--val", paramLabel = "N", defaultValue = "1000",
        description = "Images held out for validation (default ${DEFAULT-VALUE}).")
    int validation;

    @Option(names = "--partitions", paramLabel = "N",
        description = "Partitions of the cached training set (default: Spark's parallelism).")
    Integer partitions;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
        description = "Seed of the validation split, the initial W and every batch "
            + "(default ${DEFAULT-VALUE}).")
    long seed;

    DataOptions options() {
      return new DataOptions(data, test, validation, partitions(partitions), seed, format, labels);
    }
  }

  /** The loss and its regularization. */
  static final class Loss {
    @Option(names = "--loss", paramLabel = "svm|softmax", defaultValue = "svm",
        description = "Multiclass SVM or softmax (default ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--reg", paramLabel = "X",
        description = "L2 strength, R(W) = reg * sum(W^2) (default: 2.5e4 for svm, 5e3 for softmax "
            + "in train and gradcheck; 0 in search, sweep and landscape).")
    Double reg;

    @Option(names = "--delta", paramLabel = "X", defaultValue = "1",
        description = "SVM margin (default ${DEFAULT-VALUE}).")
    double delta;

    /** The options, with {@code train}'s default regularization. */
    LossOptions options() {
      return new LossOptions(loss, reg != null ? reg : LossOptions.defaultReg(loss), delta);
    }

    /** The options, with {@code defaultReg} when no --reg is given. */
    LossOptions options(double defaultReg) {
      return new LossOptions(loss, reg != null ? reg : defaultReg, delta);
    }
  }

  /** Where a command writes. */
  static final class Output {
    @Option(names = "--out", paramLabel = "DIR",
        description = "Output directory, any Hadoop file system (default runs/COMMAND-TIMESTAMP).")
    String out;

    /** The directory given, or {@code runs/COMMAND-TIMESTAMP}. */
    String out(String command) {
      if (out != null && out.isBlank()) {
        throw new UsageException("--out must name a directory, got '" + out + "'");
      }
      return out != null ? out : "runs/" + command + "-"
          + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }
  }

  /** Which Spark master. */
  static final class Spark {
    @Option(names = "--master", paramLabel = "URL",
        description = "Spark master (default: spark-submit's, else local[*]).")
    String master;
  }

  /**
   * Everything a training run or a strategy works in: its data, loss, output and Spark master, and
   * the workspace they open.
   */
  static final class Experiment {
    @Mixin
    Data data;
    @Mixin
    Loss loss;
    @Mixin
    Output output;
    @Mixin
    Spark spark;

    /** Checks the inputs, then starts Spark and loads the data for {@code command}. */
    Workspace open(String command) {
      return Workspace.open(command, data.options(), spark.master, output.out(command));
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
