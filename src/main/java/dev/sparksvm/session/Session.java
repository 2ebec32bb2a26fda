package dev.sparksvm.session;

import dev.sparksvm.io.InputOverlap;
import dev.sparksvm.io.OutputDirectory;
import dev.sparksvm.options.OutputOptions;
import dev.sparksvm.options.SparkOptions;
import dev.sparksvm.spark.SparkContexts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * How every command that starts Spark starts and ends. {@link #prepare} does, in this order and
 * before Spark starts (so a typo costs no start-up time): resolves and checks the command's inputs,
 * keeps {@code --out} apart from every path the command reads, checks the event log directory and
 * claims {@code --out}. {@link #start} then starts the Spark application with every job under one
 * group named for the command. {@link #close} releases it all: outputs not committed (a failed run)
 * are dropped, the job group cleared, the context stopped when this session started it.
 *
 * <p>The runs use no Spark API beyond holding the context this gives them: what they need to know
 * of Spark (the master, its version, its parallelism) and the job descriptions they set go through
 * here.
 *
 * @param <I> the command's checked inputs
 */
public final class Session<I> implements AutoCloseable {
  private final String command;
  private final Configuration conf;
  private final I inputs;
  private final SparkOptions spark;
  private final Map<String, String> settings;
  private final OutputDirectory out;
  private JavaSparkContext sc;
  private boolean ownsContext;

  private Session(
      String command,
      Configuration conf,
      I inputs,
      SparkOptions spark,
      Map<String, String> settings,
      OutputDirectory out) {
    this.command = command;
    this.conf = conf;
    this.inputs = inputs;
    this.spark = spark;
    this.settings = settings;
    this.out = out;
  }

  /**
   * Resolves {@code inputs}, checks the event log directory and claims {@code output} (none when no
   * directory is given), without starting Spark.
   *
   * @param inputs resolves and checks the command's inputs (paths, files, a model) with the Hadoop
   *     configuration a context would have
   */
  public static <I> Session<I> prepare(
      String command,
      SparkOptions spark,
      OutputOptions output,
      Function<Configuration, ? extends I> inputs) {
    return prepare(command, spark, output, inputs, resolved -> List.of());
  }

  /**
   * As {@link #prepare(String, SparkOptions, OutputOptions, Function)}, keeping {@code output}
   * apart from every path the command reads: an {@code --out} that is, contains or lies inside one
   * of them (or the event log directory) is refused before anything is created or deleted.
   *
   * @param reads the paths the command reads, given its resolved inputs (null paths are skipped)
   */
  public static <I> Session<I> prepare(
      String command,
      SparkOptions spark,
      OutputOptions output,
      Function<Configuration, ? extends I> inputs,
      Function<? super I, List<InputOverlap.Input>> reads) {
    return claim(command, SparkContexts.hadoopConfiguration(), spark, output, inputs, reads);
  }

  /**
   * Resolves the inputs, keeps the output apart from them, then checks the event log and claims the
   * output, in this order.
   */
  private static <I> Session<I> claim(
      String command,
      Configuration conf,
      SparkOptions spark,
      OutputOptions output,
      Function<Configuration, ? extends I> inputs,
      Function<? super I, List<InputOverlap.Input>> reads) {
    I resolved = inputs.apply(conf);
    List<InputOverlap.Input> apart = new ArrayList<>(reads.apply(resolved));
    apart.add(InputOverlap.Input.of("--event-log", spark.eventLog()));
    if (output.given()) {
      // Before the event log directory is created: nothing is touched for a refused --out.
      InputOverlap.check("--out " + output.dir(), output.dir(), apart, conf);
    }
    Map<String, String> settings = spark.settings(conf);
    OutputDirectory out =
        output.given()
            ? OutputDirectory.prepare(output.dir(), output.overwrite(), conf, apart)
            : null;
    return new Session<>(command, conf, resolved, spark, settings, out);
  }

  /**
   * {@link #prepare(String, SparkOptions, OutputOptions, Function, Function)}, then {@link #start}
   * with the group described as the command.
   */
  public static <I> Session<I> open(
      String command,
      SparkOptions spark,
      OutputOptions output,
      Function<Configuration, ? extends I> inputs,
      Function<? super I, List<InputOverlap.Input>> reads) {
    Session<I> s = prepare(command, spark, output, inputs, reads);
    try {
      s.start("sparksvm " + command);
      return s;
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /**
   * A session on a context that is already running (tests, several runs in one context): closing it
   * leaves the context running. Its output directory's earlier contents are replaced as each run
   * finishes.
   */
  public static <I> Session<I> on(
      JavaSparkContext sc,
      String command,
      String out,
      Function<Configuration, ? extends I> inputs,
      Function<? super I, List<InputOverlap.Input>> reads) {
    Session<I> s =
        claim(
            command,
            sc.hadoopConfiguration(),
            SparkOptions.defaults(),
            new OutputOptions(out, true),
            inputs,
            reads);
    s.sc = sc;
    s.describeGroup("sparksvm " + command);
    return s;
  }

  /**
   * Starts the command's Spark application on {@code --master} (else spark-submit's, else {@value
   * SparkContexts#DEFAULT_MASTER}), every job under the command's group, described as {@code
   * description} in the Spark UI.
   */
  public JavaSparkContext start(String description) {
    return start("sparksvm " + command, spark.master(), Map.of(), description);
  }

  /**
   * Starts an application of its own: {@code appName} on {@code master} with {@code extra} settings
   * beside the event log's. One that this session started before is stopped first ({@code scale}
   * measures each executor count in an application of its own).
   */
  public JavaSparkContext start(
      String appName, String master, Map<String, String> extra, String description) {
    stop();
    Map<String, String> all = new LinkedHashMap<>(settings);
    all.putAll(extra);
    sc = SparkContexts.open(appName, master, all);
    ownsContext = true;
    describeGroup(description);
    return sc;
  }

  /** Puts the jobs that follow under the command's group, described as {@code description}. */
  public void describeGroup(String description) {
    sc().setJobGroup("sparksvm " + command, description, false);
  }

  /** The command this session runs. */
  public String command() {
    return command;
  }

  /** The checked inputs. */
  public I inputs() {
    return inputs;
  }

  /** The Hadoop configuration of the context (or the one it would have, before it starts). */
  public Configuration conf() {
    return sc != null ? sc.hadoopConfiguration() : conf;
  }

  /** The claimed output directory, or null when the command writes none. */
  public OutputDirectory out() {
    return out;
  }

  /** The running context. */
  public JavaSparkContext sc() {
    if (sc == null) {
      throw new IllegalStateException(command + ": Spark has not been started");
    }
    return sc;
  }

  /** Describes the jobs that follow in the Spark UI (under the command's group). */
  public void describe(String jobDescription) {
    sc().setJobDescription(jobDescription);
  }

  /** The master URL the context runs on. */
  public String master() {
    return sc().master();
  }

  /** Spark's version. */
  public String sparkVersion() {
    return sc().version();
  }

  /** Spark's default parallelism: the partition count when none is given. */
  public int defaultParallelism() {
    return sc().defaultParallelism();
  }

  /** Releases everything; outputs not yet committed (a failed run) are dropped. */
  @Override
  public void close() {
    try {
      if (out != null) {
        out.close();
      }
    } finally {
      stop();
    }
  }

  private void stop() {
    if (sc == null) {
      return;
    }
    sc.clearJobGroup();
    if (ownsContext) {
      sc.close();
    }
    sc = null;
    ownsContext = false;
  }
}
