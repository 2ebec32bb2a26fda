package dev.sparksvm.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the scripts of {@code submit/} as a user would, from the project root, with their output in
 * a log file: starting and stopping a standalone cluster, and submitting to it.
 */
final class ClusterScripts {
  /** The project root (Maven runs tests there). */
  static final Path ROOT = Path.of("").toAbsolutePath();

  private ClusterScripts() {}

  /** A started process and its log. */
  record Run(Process process, Path log) {
    /** Waits up to {@code seconds}; on time-out stops the process and its children, then fails. */
    int await(long seconds) throws IOException, InterruptedException {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        process.waitFor(20, TimeUnit.SECONDS);
        throw new AssertionError(
            log.getFileName() + " did not finish within " + seconds + " s:\n" + tail(log, 40));
      }
      return process.exitValue();
    }
  }

  /**
   * Starts {@code submit/SCRIPT ARGS...} with output to {@code log}; no SPARK_HOME of the user's.
   */
  static Run start(Path log, String script, String... args) throws IOException {
    return start(log, Map.of(), script, args);
  }

  /**
   * As {@link #start(Path, String, String...)}, with {@code env} added to (or replacing values in)
   * the script's environment, e.g. HADOOP_CONF_DIR.
   */
  static Run start(Path log, Map<String, String> env, String script, String... args)
      throws IOException {
    List<String> command =
        new ArrayList<>(List.of("bash", ROOT.resolve("submit").resolve(script).toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().remove("SPARK_HOME");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().putAll(env);
    return new Run(pb.start(), log);
  }

  /** PIDs recorded by cluster-up.sh in {@code dir}. */
  static List<Long> recordedPids(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<Long> pids = new ArrayList<>();
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".pid")).toList()) {
        pids.add(Long.parseLong(Files.readString(f).trim()));
      }
      return pids;
    }
  }

  /** The last {@code lines} lines of a file (or a note that it is missing). */
  static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(" + file + ": " + e.getMessage() + ")";
    }
  }
}
