package dev.sparksvm.cli;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code Main} in a fresh JVM, as a user's launcher starts it: this JVM's classpath and flags. */
public final class MainProcess {
  private MainProcess() {}

  /**
   * Starts {@code Main ARGS...}; stdout goes to {@code log} (or is dropped when null), stderr stays
   * readable from the process.
   */
  static Process start(Path log, String... args) throws Exception {
    return start(log, null, args);
  }

  /**
   * As {@link #start(Path, String...)}, with stderr to {@code err} too (null: readable as usual).
   */
  static Process start(Path log, Path err, String... args) throws Exception {
    return start(log, err, List.of(), Map.of(), null, args);
  }

  /**
   * As {@link #start(Path, Path, String...)}, with {@code jvmFlags} added (e.g. {@code -Dspark.*}
   * settings, which SparkConf reads), {@code env} added to the environment (a null value removes
   * the variable), and {@code dir} as the working directory (null: this JVM's).
   */
  public static Process start(
      Path log, Path err, List<String> jvmFlags, Map<String, String> env, Path dir, String... args)
      throws Exception {
    return start(command(jvmFlags, args), log, err, env, dir);
  }

  /**
   * Starts {@code command} (e.g. {@link #command}'s behind a shell that sets the umask) as {@link
   * #start(Path, Path, List, Map, Path, String...)} does.
   */
  static Process start(List<String> command, Path log, Path err, Map<String, String> env, Path dir)
      throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    env.forEach(
        (name, value) -> {
          if (value == null) {
            pb.environment().remove(name);
          } else {
            pb.environment().put(name, value);
          }
        });
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    pb.redirectOutput(
        log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(log.toFile()));
    if (err != null) {
      pb.redirectError(err.toFile());
    }
    return pb.start();
  }

  /** The command line of {@code Main ARGS...} in a fresh JVM: this JVM's flags and classpath. */
  static List<String> command(List<String> jvmFlags, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (flag.startsWith("--add-")
          || flag.startsWith("-XX:+Ignore")
          || flag.startsWith("-Dio.netty")
          || flag.startsWith("-Djdk.reflect")) {
        cmd.add(flag);
      }
    }
    cmd.add("-Xmx2g");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("-Dlog4j2.configurationFile=" + new File("conf/log4j2.properties").getAbsolutePath());
    cmd.addAll(jvmFlags);
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args));
    return cmd;
  }
}
