package dev.sparksvm.cli;

import dev.sparksvm.data.Cifar100;
import dev.sparksvm.data.DataFormat;
import dev.sparksvm.options.BatchSize;
import dev.sparksvm.options.DataOptions;
import dev.sparksvm.options.InputFormat;
import dev.sparksvm.options.LossOptions;
import dev.sparksvm.options.OutputOptions;
import dev.sparksvm.options.SparkOptions;
import dev.sparksvm.options.UsageException;
import dev.sparksvm.session.Preflight;
import dev.sparksvm.session.Workspace;
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
        paramLabel = "FORMAT",
        description =
            "Data format (${COMPLETION-CANDIDATES}; default: detected from the file names, else"
                + " their contents). libsvm, parquet and images (a folder of PNG/JPEG files, one"
                + " subfolder per class) are read as DataFrames, by train only.")
    InputFormat format;

    @Option(
        names = "--labels",
        paramLabel = "fine|coarse",
        description =
            "CIFAR-100's labels: 100 fine classes or 20 coarse ones (default: fine; in evaluate,"
                + " those with the model's class count).")
    Cifar100.Labels labels;

    /** {@code options} reading these images (a DataFrame format is refused: train's alone). */
    DataOptions into(DataOptions options) {
      if (frame()) {
        throw new UsageException("--format " + format + " is read by train only");
      }
      return intoAny(options);
    }

    /** {@code options} reading this data, in a binary format or (format left unset) a frame. */
    DataOptions intoAny(DataOptions options) {
      DataFormat binary = format == null ? null : format.binary();
      return options.withData(data).withFormat(binary).withLabels(labels);
    }

    /** Whether --format names a DataFrame source. */
    boolean frame() {
      return format != null && format.frame();
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

  /** {@code --overwrite}, after each kind of {@code --out}. */
  static final class Overwrite {
    @Option(
        names = "--overwrite",
        description =
            "Let --out hold earlier files: they are replaced when this command finishes (a failed"
                + " one leaves them alone).")
    boolean overwrite;
  }

  /** Where a command writes: --out, by default {@code runs/COMMAND-TIMESTAMP}. */
  static final class Output {
    @Option(
        names = "--out",
        paramLabel = "DIR",
        description =
            "Output directory, any Hadoop file system; it must be empty or new (default"
                + " runs/COMMAND-TIMESTAMP).")
    String out;

    @Mixin Overwrite overwrite;

    OutputOptions options() {
      return new OutputOptions(out, overwrite.overwrite);
    }
  }

  /** Where a measuring command also writes its metrics, if anywhere (bench, evaluate). */
  static final class MetricsOutput {
    @Option(
        names = "--out",
        paramLabel = "DIR",
        description = "Also write DIR/metrics.json (DIR must be empty or new; default: none).")
    String out;

    @Mixin Overwrite overwrite;

    OutputOptions options() {
      return new OutputOptions(out, overwrite.overwrite);
    }
  }

  /** Where a command that writes data writes it: --out is required (generate). */
  static final class RequiredOutput {
    @Option(
        names = "--out",
        paramLabel = "DIR",
        required = true,
        description = "Directory to write, any Hadoop file system; it must be empty or new.")
    String out;

    @Mixin Overwrite overwrite;

    OutputOptions options() {
      return new OutputOptions(out, overwrite.overwrite);
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
    @Mixin DescentMixins.Loss loss;
    @Mixin DescentMixins.Reg reg;
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

    /** The data options of a DataFrame source (--format libsvm, parquet or images). */
    DataOptions frameData() {
      return seed.into(
          partitions.into(
              split.into(data.intoAny(DataOptions.defaults()), DataOptions.DEFAULT_VALIDATION)));
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

    /** As {@link #open(String)}, checking {@code batch} against the data before Spark starts. */
    Workspace open(String command, BatchSize batch) {
      return Workspace.open(
          command, data(), spark.options(), output.options(), Preflight.none().withBatch(batch));
    }
  }
}
