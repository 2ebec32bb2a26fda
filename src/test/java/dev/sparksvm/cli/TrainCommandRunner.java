package dev.sparksvm.cli;

import dev.sparksvm.options.FrameSource;
import dev.sparksvm.options.TrainOptions;
import dev.sparksvm.session.Workspace;
import dev.sparksvm.train.FrameTrainingRun;
import dev.sparksvm.train.TrainingRun;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code train} with command-line options, parsed as the command line parses them, on an existing
 * context: for tests that compare a run of this JVM with a submitted one.
 */
public final class TrainCommandRunner {
  private TrainCommandRunner() {}

  /**
   * Trains as {@code train --data DATA --out OUT OPTIONS...} would and returns metrics.json's
   * content.
   *
   * @param data the {@code --data} value, or null for the default location
   */
  public static Map<String, Object> train(
      JavaSparkContext sc, String data, String out, String... options) {
    List<String> argv = new ArrayList<>(List.of("--out", out));
    if (data != null) {
      argv.addAll(List.of("--data", data));
    }
    argv.addAll(Arrays.asList(options));
    TrainCommand command = new TrainCommand();
    Main.commandLine(command).parseArgs(argv.toArray(String[]::new));
    TrainOptions parsed = command.options();
    try (Workspace ws = Workspace.on(sc, parsed.data(), out)) {
      return TrainingRun.run(ws, parsed).metrics();
    }
  }

  /**
   * {@code train --out OUT ARGS...} with a DataFrame {@code --format} among the args, parsed as the
   * command line parses them, on an existing context; returns metrics.json's content.
   */
  public static Map<String, Object> trainFrame(JavaSparkContext sc, String out, String... args) {
    List<String> argv = new ArrayList<>(List.of("--out", out));
    argv.addAll(Arrays.asList(args));
    TrainCommand command = new TrainCommand();
    Main.commandLine(command).parseArgs(argv.toArray(String[]::new));
    FrameSource source = command.columns.source(command.experiment.data);
    if (source == null) {
      throw new IllegalArgumentException("no DataFrame --format in " + argv);
    }
    return FrameTrainingRun.run(sc, command.options(), source);
  }
}
