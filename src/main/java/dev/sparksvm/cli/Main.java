package dev.sparksvm.cli;

import dev.sparksvm.data.InvalidDataException;
import dev.sparksvm.optim.DivergedException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Set;

/**
 * The entry point of every command, for {@code submit/local.sh} and {@code spark-submit} alike:
 * {@code Main COMMAND [OPTIONS]}.
 *
 * <p>Exit codes: 0 success; 1 a run that failed (e.g. the loss diverged); 2 bad input (an option, a
 * path, a data file), reported as one line without a stack trace unless {@code --verbose}.
 */
public final class Main {
  /** Flags every command takes. */
  static final Set<String> FLAGS = Set.of("verbose", "help");

  private Main() {}

  public static void main(String[] argv) {
    int code = run(argv, System.err);
    System.exit(code);
  }

  /** Runs a command and returns its exit code; errors are printed to {@code err}. */
  public static int run(String[] argv, PrintStream err) {
    boolean verbose = Arrays.asList(argv).contains("--verbose");
    String command = argv.length == 0 ? "" : argv[0];
    try {
      if (Arrays.asList(argv).contains("--help") || command.isEmpty()) {
        System.out.print(usage(command));
        return command.isEmpty() ? 2 : 0;
      }
      return switch (command) {
        case "scale" -> ScaleCommand.run(argv); // scaling experiments
        case "train" -> TrainCommand.run(argv);
        case "evaluate" -> EvaluateCommand.run(argv);
        case "bench" -> BenchCommand.run(argv);
        case "search" -> SearchCommand.run(argv);
        case "gradcheck" -> GradcheckCommand.run(argv);
        case "sweep" -> SweepCommand.run(argv);
        case "landscape" -> LandscapeCommand.run(argv);
        default -> throw new UsageException("unknown command '" + command
            + "': use train, evaluate, bench, search, gradcheck, sweep, landscape or scale");
      };
    } catch (Exception e) { // Spark throws its checked SparkException from Scala, undeclared
      Throwable cause = userError(e);
      if (verbose) {
        e.printStackTrace(err);
      }
      if (cause != null) {
        err.println("sparksvm: error: " + oneLine(cause.getMessage()));
        return 2;
      }
      if (e instanceof DivergedException) {
        err.println("sparksvm: error: " + oneLine(e.getMessage()));
        return 1;
      }
      err.println("sparksvm: failed: " + oneLine(String.valueOf(e)) + (verbose ? "" : " (--verbose for details)"));
      return 1;
    }
  }

  /**
   * The user's mistake behind {@code e}, if it is one: bad options, bad data (also when raised inside a
   * Spark task and wrapped in a SparkException), or a path that cannot be read.
   */
  public static Throwable userError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InvalidDataException || t instanceof UsageException) {
        return t;
      }
    }
    if (e instanceof IllegalArgumentException || e instanceof UncheckedIOException) {
      return e;
    }
    return null;
  }

  private static String oneLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  static String usage(String command) {
    return switch (command) {
      case "scale" -> ScaleCommand.usage(); // scaling experiments
      case "train" -> TrainCommand.usage();
      case "evaluate" -> EvaluateCommand.usage();
      case "bench" -> BenchCommand.usage();
      case "search" -> SearchCommand.usage();
      case "gradcheck" -> GradcheckCommand.usage();
      case "sweep" -> SweepCommand.usage();
      case "landscape" -> LandscapeCommand.usage();
      default -> """
          usage: submit/local.sh COMMAND [OPTIONS]   (or spark-submit --class dev.sparksvm.cli.Main JAR COMMAND ...)
          commands:
            train      fit a linear SVM or softmax classifier on CIFAR-10 (mini-batch gradient descent)
            evaluate   accuracy of a saved model on a data set
            bench      milliseconds per iteration at batch 256 and 8192, and the cached bytes
            search     random search or random local search for W (CS231n's first strategies)
            gradcheck  analytic vs numerical gradients (forward and centered differences)
            sweep      loss after one gradient step for step sizes 1e-10 .. 1e-1
            landscape  loss along a random ray and over a random plane (CSV and PNG)
            scale      strong/weak scaling over executors, a fitted cost model, CSV and PNG charts
          COMMAND --help lists its options.
          """;
    };
  }
}
