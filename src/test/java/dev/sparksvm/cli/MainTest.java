package dev.sparksvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.spark.CifarFixtures;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input on the command line: one line on stderr naming the problem, exit code 2. */
class MainTest {
  @TempDir
  Path tmp;

  private record Outcome(int code, String err) {}

  private Outcome run(String... argv) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = Main.run(argv, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return new Outcome(code, bytes.toString(StandardCharsets.UTF_8));
  }

  private static void assertOneLine(Outcome o, String expected) {
    assertEquals(2, o.code(), o.err());
    assertEquals(1, o.err().lines().count(), "one line: " + o.err());
    assertTrue(o.err().startsWith("sparksvm: error: "), o.err());
    assertTrue(o.err().contains(expected), "expected '" + expected + "' in: " + o.err());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--batch|0|--batch must be >= 1, got 0",
      "--batch|-5|--batch must be >= 1, got -5",
      "--batch|many|--batch must be an integer, got 'many'",
      "--lr|0|--lr must be a finite number > 0, got 0.0",
      "--lr|-1|--lr must be a finite number > 0, got -1.0",
      "--lr|NaN|--lr must be a finite number > 0, got NaN",
      "--lr|Infinity|--lr must be a finite number > 0, got Infinity",
      "--loss|hinge|unknown loss 'hinge': use svm or softmax",
      "--iters|0|--iters must be >= 1, got 0",
      "--reg|-1|--reg must be a finite number >= 0",
      "--lr-decay|1.5|--lr-decay must be in (0, 1]",
      "--partitions|0|--partitions must be >= 1, got 0",
      "--val|-1|--val must be >= 0"})
  void badOptionsAreOneLineAndExitCode2(String option, String value, String expected) {
    assertOneLine(run("train", option, value), expected);
  }

  @Test
  void unknownOptionsCommandsAndMissingValuesAreUsageErrors() {
    assertOneLine(run("train", "--bacth", "10"), "unknown option --bacth");
    assertOneLine(run("train", "--lr"), "--lr needs a value");
    assertOneLine(run("fly"), "unknown command 'fly'");
    assertOneLine(run("train", "stray"), "unexpected argument 'stray'");
    assertOneLine(run("evaluate", "--model", "m"), "--model and --data are required");
  }

  @Test
  void missingPathsAndEmptyDirectoriesAreNamed() throws Exception {
    assertOneLine(run("train", "--data", tmp.resolve("absent").toString()),
        tmp.resolve("absent") + ": no such file or directory");
    Path empty = Files.createDirectory(tmp.resolve("empty"));
    assertOneLine(run("train", "--data", empty.toString()),
        "empty: directory holds no data_batch_*.bin files");
    Path data = CifarFixtures.batches(tmp.resolve("ok"), 10);
    assertOneLine(run("train", "--data", data.toString(), "--test", empty.toString()),
        "directory holds no test_batch.bin files");
    assertOneLine(run("evaluate", "--model", tmp.resolve("nomodel").toString(), "--data",
        data.toString()), "nomodel: no such model file or directory");
  }

  @Test
  void helpPrintsUsageAndExitsZero() {
    assertEquals(0, run("train", "--help").code());
  }

  /** A record with a bad label is found inside a Spark task: still one line and exit code 2. */
  @Test
  void aBadRecordInARealProcessIsOneLineWithoutAStackTrace() throws Exception {
    Path dir = tmp.resolve("bad");
    CifarFixtures.file(dir.resolve("data_batch_1.bin"), 20, 13, 10);
    Process p = java("train", "--data", dir.toString(), "--val", "5", "--master", "local[2]", "--out",
        tmp.resolve("out").toString());
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(2, p.exitValue(), err);
    List<String> ours = err.lines().filter(l -> l.startsWith("sparksvm:")).toList();
    assertEquals(List.of("sparksvm: error: file:" + dir.resolve("data_batch_1.bin")
        + ": record 13 (byte offset 39949) has label 10, expected 0..9"), ours, err);
    assertFalse(err.contains("\tat "), "no stack trace without --verbose: " + err);
    assertFalse(Files.exists(tmp.resolve("out").resolve("model.bin")), "no output from a failed run");
  }

  /** Runs Main in a fresh JVM with this JVM's classpath and module flags. */
  private static Process java(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (flag.startsWith("--add-") || flag.startsWith("-XX:+Ignore") || flag.startsWith("-Dio.netty")
          || flag.startsWith("-Djdk.reflect")) {
        cmd.add(flag);
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("-Dlog4j2.configurationFile=" + new File("conf/log4j2.properties").getAbsolutePath());
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    return pb.start();
  }
}
