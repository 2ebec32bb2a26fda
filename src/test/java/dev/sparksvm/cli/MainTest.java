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
      "--batch|0|--batch must be an integer >= 1, got 0",
      "--batch|-5|--batch must be an integer >= 1, got -5",
      "--batch|many|Invalid value for option '--batch': 'many' is not an int",
      "--lr|0|--lr must be a finite number > 0, got 0.0",
      "--lr|-1|--lr must be a finite number > 0, got -1.0",
      "--lr|NaN|--lr must be a finite number > 0, got NaN",
      "--lr|Infinity|--lr must be a finite number > 0, got Infinity",
      "--loss|hinge|--loss must be svm or softmax, got 'hinge'",
      "--iters|0|--iters must be an integer >= 1, got 0",
      "--reg|-1|--reg must be a finite number >= 0, got -1.0",
      "--lr-decay|1.5|--lr-decay must be in (0, 1], got 1.5",
      "--delta|0|--delta must be a finite number > 0, got 0.0",
      "--partitions|0|--partitions must be an integer >= 1, got 0",
      "--val|-1|--val must be an integer >= 0, got -1",
      "--format|mnist|--format must be cifar10, cifar100 or idx, got 'mnist'",
      "--labels|medium|--labels must be fine or coarse, got 'medium'"})
  void badOptionsAreOneLineAndExitCode2(String option, String value, String expected) {
    assertOneLine(run("train", option, value), expected);
  }

  @Test
  void unknownOptionsCommandsAndMissingValuesAreUsageErrors() {
    assertOneLine(run("train", "--bacth", "10"), "Unknown options: '--bacth', '10'");
    assertOneLine(run("train", "--lr"), "Missing required parameter for option '--lr'");
    assertOneLine(run("train", "--lr", "1", "--lr", "2"), "option '--lr' (X) should be specified "
        + "only once");
    assertOneLine(run("fly"), "unknown command 'fly': use one of train, evaluate");
    assertOneLine(run("train", "stray"), "Unmatched argument at index 1: 'stray'");
    assertOneLine(run("evaluate", "--model", "m"), "Missing required option: '--data=PATH'");
    assertEquals(2, run().code(), "no command: the usage, and exit code 2");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "search|--strategy|genetic|--strategy must be random or local, got 'genetic'",
      "search|--tries|0|--tries must be an integer >= 1, got 0",
      "search|--step|-1|--step must be a finite number > 0, got -1.0",
      "search|--scale|0|--scale must be a finite number > 0, got 0.0",
      "gradcheck|--coords|0|--coords must be an integer >= 1 or all, got '0'",
      "gradcheck|--coords|some|--coords must be an integer >= 1 or all, got 'some'",
      "gradcheck|--h|0|--h must be a finite number > 0, got 0.0",
      "gradcheck|--tol|-1|--tol must be a finite number > 0, got -1.0",
      "gradcheck|--batch|-2|--batch must be an integer >= 0, got -2",
      "sweep|--batch|-3|--batch must be an integer >= 0, got -3",
      "sweep|--scale|NaN|--scale must be a finite number > 0, got NaN",
      "landscape|--grid|1|--grid must be an integer >= 2, got 1",
      "landscape|--points|1|--points must be an integer >= 2, got 1",
      "landscape|--extent|0|--extent must be a finite number > 0, got 0.0",
      "bench|--iters|0|--iters must be an integer >= 1, got 0",
      "bench|--warmup|-1|--warmup must be an integer >= 0, got -1",
      "bench|--batches|0,256|--batches must be a comma-separated list of integers >= 1",
      "bench|--batches|x|Invalid value for option '--batches'",
      "evaluate|--partitions|0|--partitions must be an integer >= 1, got 0"})
  void everyCommandNamesItsBadOption(String command, String option, String value,
      String expected) {
    String[] argv = command.equals("evaluate")
        ? new String[] {command, "--model", "m", "--data", "d", option, value}
        : new String[] {command, option, value};
    assertOneLine(run(argv), expected);
  }

  @Test
  void missingPathsAndEmptyDirectoriesAreNamed() throws Exception {
    assertOneLine(run("train", "--data", tmp.resolve("absent").toString()),
        tmp.resolve("absent") + ": no such file or directory");
    Path empty = Files.createDirectory(tmp.resolve("empty"));
    assertOneLine(run("train", "--data", empty.toString()), "empty: directory holds no "
        + "data_batch_*.bin or train.bin or train-*-idx3-ubyte[.gz] files");
    assertOneLine(run("train", "--data", empty + "/*.bin"), "empty/*.bin: no files match this "
        + "pattern");
    Path data = CifarFixtures.batches(tmp.resolve("ok"), 10);
    assertOneLine(run("train", "--data", data.toString(), "--test", empty.toString()),
        "empty: directory holds no test_batch.bin files");
    assertOneLine(run("train", "--data", data.toString(), "--format", "idx"), "ok: --format idx "
        + "does not match the files: the directory holds cifar10 files (data_batch_*.bin), no "
        + "train-*-idx3-ubyte[.gz] files");
    assertOneLine(run("train", "--data", data.toString(), "--labels", "coarse"), "ok: --labels "
        + "coarse applies to cifar100 data only, and this is cifar10 (detected: the directory holds "
        + "data_batch_*.bin)");
    assertOneLine(run("train", "--data", data.toString(), "--format", "cifar10", "--labels", "fine"),
        "--labels applies to --format cifar100 only, got --format cifar10");
    assertOneLine(run("evaluate", "--model", "m", "--data", data.toString(), "--format", "png"),
        "--format must be cifar10, cifar100 or idx, got 'png'");
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
