package dev.sparksvm.cli;

import dev.sparksvm.data.InvalidDataException;
import dev.sparksvm.io.OutputException;
import dev.sparksvm.io.WriteFailedException;
import dev.sparksvm.optim.DivergedException;
import dev.sparksvm.options.UsageException;
import dev.sparksvm.spark.AuthenticationFailedException;
import dev.sparksvm.spark.SparkContexts;
import dev.sparksvm.train.RunInterruptedException;
import dev.sparksvm.train.TaskFailedException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The entry point of every command, for {@code submit/local.sh} and {@code spark-submit} alike:
 * {@code Main COMMAND [OPTIONS]}. This class is the one command table.
 *
 * <p>Exit codes: 0 success; 1 a run that failed (the loss diverged, a gradient check failed, a task
 * kept failing until Spark gave up, its outputs could not be written) or an internal error (a bug:
 * its stack trace goes to the log); 2 the user's mistake (an option, a path, a data or model file),
 * reported as one line without a stack trace unless {@code --verbose}; 130 stopped by SIGTERM or
 * Ctrl-C (in any command, one line saying what was kept; a training run first finishes its step and
 * writes a checkpoint).
 */
@Command(
    name = "sparksvm",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    synopsisSubcommandLabel = "COMMAND",
    usageHelpAutoWidth = true,
    header = "Distributed mini-batch training of linear classifiers (SVM, softmax) on Spark.",
    footer =
        "Run through submit/local.sh COMMAND ... or spark-submit --class dev.sparksvm.cli.Main "
            + "target/sparksvm.jar COMMAND ...",
    subcommands = {
      TrainCommand.class,
      TuneCommand.class,
      EvaluateCommand.class,
      BenchCommand.class,
      MlBenchCommand.class,
      SearchCommand.class,
      GradcheckCommand.class,
      SweepCommand.class,
      LandscapeCommand.class,
      ScaleCommand.class,
      ExportCommand.class,
      GenerateCommand.class
    })
public final class Main implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  boolean verbose;

  public static void main(String[] argv) {
    boolean inCluster = "cluster".equals(System.getProperty("spark.submit.deployMode"));
    if (!inCluster) {
      // In a cluster manager's process (YARN's ApplicationMaster) the signals are its own.
      SignalExit.install(argv.length > 0 ? argv[0] : "", System.err);
    }
    int code = run(argv, System.err);
    if (inCluster) {
      // The driver runs inside a cluster manager's process (YARN's ApplicationMaster), which
      // reports
      // the application's outcome when main returns or throws; System.exit would end it first.
      if (code != 0) {
        throw new IllegalStateException(
            "sparksvm "
                + (argv.length > 0 ? argv[0] : "")
                + " ended with exit code "
                + code
                + " (the error is on the driver's stderr)");
      }
      return;
    }
    System.exit(code);
  }

  /** Runs a command and returns its exit code; errors are printed to {@code err}. */
  public static int run(String[] argv, PrintStream err) {
    CommandLine cl = commandLine(new Main());
    // The terminal's charset: what the user's console decodes.
    cl.setErr(new PrintWriter(new OutputStreamWriter(err, Charset.defaultCharset()), true));
    cl.setParameterExceptionHandler(
        (e, args) -> {
          CommandLine where = e.getCommandLine();
          String message = oneLine(e.getMessage());
          if (where.getCommandSpec().parent() == null
              && e instanceof UnmatchedArgumentException u
              && !u.getUnmatched().isEmpty()
              && !u.getUnmatched().get(0).startsWith("-")) {
            message =
                "unknown command '"
                    + u.getUnmatched().get(0)
                    + "': use one of "
                    + String.join(", ", where.getSubcommands().keySet());
          }
          err.println(
              "sparksvm: error: "
                  + message
                  + " (see '"
                  + where.getCommandSpec().qualifiedName(" ")
                  + " --help')");
          return ExitCodes.USAGE;
        });
    cl.setExecutionExceptionHandler((e, command, parsed) -> report(e, verbose(parsed), err));
    return cl.execute(argv);
  }

  /**
   * The command line of {@code command} (this table, or one command alone in tests), configured as
   * every run parses: choices are enums, taken in any case ({@code --loss SVM} is {@code --loss
   * svm}).
   */
  static CommandLine commandLine(Object command) {
    CommandLine cl = new CommandLine(command);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }

  /** Without a command: the list of commands, and the usage exit code. */
  @Override
  public Integer call() {
    CommandLine.usage(this, System.err);
    return ExitCodes.USAGE;
  }

  /** Prints one line for {@code e} (and its stack trace when asked) and returns the exit code. */
  static int report(Exception e, boolean verbose, PrintStream err) {
    if (SignalExit.received()) {
      // A signal is ending the process, and said so: this failure is its consequence (Spark's
      // shutdown hook stopped the context under the command).
      return ExitCodes.INTERRUPTED;
    }
    Throwable user = userError(e);
    if (verbose) {
      e.printStackTrace(err);
    }
    if (user != null) {
      err.println("sparksvm: error: " + oneLine(user.getMessage()));
      return ExitCodes.USAGE;
    }
    if (e instanceof RunInterruptedException) {
      err.println("sparksvm: " + oneLine(e.getMessage()));
      return ExitCodes.INTERRUPTED;
    }
    if (e instanceof DivergedException
        || e instanceof TaskFailedException
        || e instanceof AuthenticationFailedException) {
      err.println("sparksvm: error: " + oneLine(e.getMessage()));
      return ExitCodes.FAILED;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof WriteFailedException) { // a full disk, a lost file system: the run failed
        err.println("sparksvm: error: " + oneLine(t.getMessage()));
        return ExitCodes.FAILED;
      }
    }
    LOG.error("internal error", e);
    err.println(
        "sparksvm: internal error: "
            + oneLine(String.valueOf(e))
            + (verbose ? "" : " (--verbose for the stack trace)"));
    return ExitCodes.FAILED;
  }

  /**
   * The user's mistake behind {@code e}, if it is one: our own checks of options and data (also
   * when raised inside a Spark task and wrapped in a SparkException), or a path that cannot be
   * read. Writing into an output directory that was accepted is not: its failure is a failed run.
   * Any other exception, an IllegalArgumentException from our own shapes included, is an internal
   * error.
   */
  public static Throwable userError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InvalidDataException
          || t instanceof UsageException
          || t instanceof OutputException
          || t instanceof SparkContexts.BadMasterException) {
        return t;
      }
    }
    return e instanceof UncheckedIOException ? e : null;
  }

  private static boolean verbose(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  private static String oneLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).strip();
  }
}
