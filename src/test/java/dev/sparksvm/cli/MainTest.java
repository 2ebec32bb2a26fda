package dev.sparksvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.spark.CifarFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input on the command line: one line on stderr naming the problem, exit code 2. */
class MainTest {
  @TempDir Path tmp;

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
  @CsvSource(
      delimiter = '|',
      value = {
        "--batch|0|--batch must be an integer >= 1, got 0",
        "--batch|-5|--batch must be an integer >= 1, got -5",
        "--batch|many|Invalid value for option '--batch': 'many' is not an int",
        "--lr|0|--lr must be a finite number > 0 or auto, got 0.0",
        "--lr|-1|--lr must be a finite number > 0 or auto, got -1.0",
        "--lr|NaN|--lr must be a finite number > 0, got NaN",
        "--lr|Infinity|--lr must be a finite number > 0 or auto, got Infinity",
        "--lr|fast|--lr must be a number or auto, got 'fast'",
        "--keep|first|Invalid value for option '--keep': expected one of [LAST, BEST]"
            + " (case-insensitive) but was 'first'",
        "--stop-at|1.5|--stop-at must be an accuracy in (0, 1], got 1.5",
        "--patience|-1|--patience must be an integer >= 0, got -1",
        "--loss|hinge|Invalid value for option '--loss': expected one of [SVM, SOFTMAX]"
            + " (case-insensitive) but was 'hinge'",
        "--iters|0|--iters must be an integer >= 1, got 0",
        "--reg|-1|--reg must be a finite number >= 0, got -1.0",
        "--lr-decay|1.5|--lr-decay must be in (0, 1], got 1.5",
        "--delta|0|--delta must be a finite number > 0, got 0.0",
        "--partitions|0|--partitions must be an integer >= 1, got 0",
        "--val|-1|--val must be an integer >= 0, got -1",
        "--format|mnist|Invalid value for option '--format': expected one of [CIFAR10, CIFAR100,"
            + " IDX, LIBSVM, PARQUET, IMAGES] (case-insensitive) but was 'mnist'",
        "--labels|medium|Invalid value for option '--labels': expected one of [FINE, COARSE]"
            + " (case-insensitive) but was 'medium'",
        "--precision|half|Invalid value for option '--precision': expected one of [DOUBLE, FLOAT]"
            + " (case-insensitive) but was 'half'"
      })
  void badOptionsAreOneLineAndExitCode2(String option, String value, String expected) {
    assertOneLine(run("train", option, value), expected);
  }

  /** What is not a data file is named for what it is, not as empty or missing. */
  @Test
  void aPipeADeviceAndALoopOfLinksAreNamedForWhatTheyAre() throws Exception {
    Path fifo = tmp.resolve("pipe");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertTrue(mkfifo.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, mkfifo.exitValue());
    assertOneLine(
        run("train", "--data", fifo.toString()),
        fifo + ": is a named pipe (FIFO), not a data file");
    assertOneLine(
        run("train", "--data", "/dev/zero"),
        "/dev/zero: is a character device (such as /dev/zero), not a data file");
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    Files.createSymbolicLink(a, b);
    Files.createSymbolicLink(b, a);
    assertOneLine(run("train", "--data", a.toString()), a + ": is a loop of symbolic links");
    Path dangling = Files.createSymbolicLink(tmp.resolve("gone"), tmp.resolve("nothing"));
    assertOneLine(
        run("train", "--data", dangling.toString()),
        dangling + ": is a symbolic link to " + tmp.resolve("nothing") + ", which does not exist");
    // A pipe among a directory's data files, too.
    Path dir = Files.createDirectories(tmp.resolve("dir"));
    Process inDir =
        new ProcessBuilder("mkfifo", dir.resolve("data_batch_1.bin").toString()).start();
    assertTrue(inDir.waitFor(30, TimeUnit.SECONDS));
    assertOneLine(
        run("train", "--data", dir.toString()),
        "data_batch_1.bin: is a named pipe (FIFO), not a data file");
  }

  @Test
  void unknownOptionsCommandsAndMissingValuesAreUsageErrors() {
    assertOneLine(run("train", "--bacth", "10"), "Unknown options: '--bacth', '10'");
    assertOneLine(run("train", "--lr"), "Missing required parameter for option '--lr'");
    assertOneLine(
        run("train", "--lr", "1", "--lr", "2"),
        "option '--lr' (X|auto) should be specified " + "only once");
    assertOneLine(run("fly"), "unknown command 'fly': use one of train, tune, evaluate");
    assertOneLine(run("train", "stray"), "Unmatched argument at index 1: 'stray'");
    assertOneLine(run("evaluate", "--data", "d"), "Missing required option: '--model=PATH'");
    assertEquals(2, run().code(), "no command: the usage, and exit code 2");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "search|--strategy|genetic|Invalid value for option '--strategy': expected one of [RANDOM,"
            + " LOCAL] (case-insensitive) but was 'genetic'",
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
        "evaluate|--partitions|0|--partitions must be an integer >= 1, got 0",
        "tune|--lr|1e-7,abc|Invalid value for option '--lr' (LIST): 'abc' is not a double",
        "tune|--lr|-1e-7|--lr must be a list of finite numbers > 0, got -1.0E-7",
        "tune|--reg|1e3,-1|--reg must be a list of finite numbers >= 0, got -1.0",
        "tune|--lr-range|1e-5:1e-7|--lr-range must be LO:HI with 0 < LO <= HI, got 1.0E-5:1.0E-7",
        "tune|--lr-range|1e-5|--lr-range must be LO:HI, got '1e-5'",
        "tune|--samples|0|--samples must be an integer >= 1, got 0",
        "train|--momentum|1|--momentum must be in [0, 1), got 1.0",
        "tune|--momentum|-0.5|--momentum must be in [0, 1), got -0.5",
        "train|--update|adam|Invalid value for option '--update': expected one of [SGD, MOMENTUM,"
            + " NESTEROV] (case-insensitive) but was 'adam'",
        "tune|--precision|single|Invalid value for option '--precision': expected one of [DOUBLE,"
            + " FLOAT] (case-insensitive) but was 'single'",
        "bench|--precision|double,half|Invalid value for option '--precision' (LIST): expected one"
            + " of [DOUBLE, FLOAT] (case-insensitive) but was 'half'",
        "tune|--lr-range|1e-7:1e-6|--lr-range and --reg-range go together",
        "tune|--lr|1e-7,3e-7,1e-7|--lr and --reg give the model lr 1.0E-7 reg 0.0 twice (models 1"
            + " and 9): each (lr, reg) pair is trained once",
        "bench|--compare|spark|Invalid value for option '--compare': expected one of [MLLIB, NONE]"
            + " (case-insensitive) but was 'spark'",
        "bench|--aggregation-depth|-1|--aggregation-depth must be an integer >= 0 (0: auto), got"
            + " -1",
        "scale|--aggregation-depth|-2|--aggregation-depth must be an integer >= 0 (0: auto), got"
            + " -2",
        "export|--format|csv|Invalid value for option '--format': expected one of [NPY]"
            + " (case-insensitive) but was 'csv'",
        "generate|--format|png|Invalid value for option '--format': expected one of [CIFAR10,"
            + " CIFAR100, IDX] (case-insensitive) but was 'png'"
      })
  void everyCommandNamesItsBadOption(String command, String option, String value, String expected) {
    String[] argv =
        command.equals("evaluate")
            ? new String[] {command, "--model", "m", "--data", "d", option, value}
            : new String[] {command, option, value};
    assertOneLine(run(argv), expected);
  }

  @Test
  void missingPathsAndEmptyDirectoriesAreNamed() throws Exception {
    assertOneLine(
        run("train", "--data", tmp.resolve("absent").toString()),
        tmp.resolve("absent") + ": no such file or directory");
    Path empty = Files.createDirectory(tmp.resolve("empty"));
    assertOneLine(
        run("train", "--data", empty.toString()),
        "empty: directory holds no "
            + "data_batch_*.bin or train.bin or train-*-idx3-ubyte[.gz] files");
    assertOneLine(
        run("train", "--data", empty + "/*.bin"), "empty/*.bin: no files match this " + "pattern");
    Path data = CifarFixtures.batches(tmp.resolve("ok"), 10);
    assertOneLine(
        run("train", "--data", data.toString(), "--test", empty.toString()),
        "empty: directory holds no test_batch.bin files");
    assertOneLine(
        run("train", "--data", data.toString(), "--format", "idx"),
        "ok: --format idx "
            + "does not match the files: the directory holds cifar10 files (data_batch_*.bin), no "
            + "train-*-idx3-ubyte[.gz] files");
    assertOneLine(
        run("train", "--data", data.toString(), "--labels", "coarse"),
        "ok: --labels coarse applies to cifar100 data only, and this is cifar10 (detected: the"
            + " directory holds data_batch_*.bin)");
    assertOneLine(
        run("train", "--data", data.toString(), "--format", "cifar10", "--labels", "fine"),
        "--labels applies to --format cifar100 only, got --format cifar10");
    assertOneLine(
        run("evaluate", "--model", "m", "--data", data.toString(), "--format", "png"),
        "'--format': expected one of [CIFAR10, CIFAR100, IDX, LIBSVM, PARQUET, IMAGES]"
            + " (case-insensitive) but was 'png'");
    assertOneLine(
        run("evaluate", "--model", tmp.resolve("nomodel").toString(), "--data", data.toString()),
        "nomodel: no such model file or directory");
  }

  /** The bad-input table of the reliability issue: each found before Spark starts, one line. */
  @Test
  void badFilesAndFoldersAreNamedBeforeSparkStarts() throws Exception {
    Path ok = CifarFixtures.batches(tmp.resolve("ok"), 10);
    assertOneLine(
        run("train", "--data", tmp.resolve("nothing") + "/*.bin"),
        "nothing/*.bin: no files match this pattern");
    Path empty = Files.createDirectories(tmp.resolve("zero")).resolve("data_batch_1.bin");
    Files.write(empty, new byte[0]);
    assertOneLine(run("train", "--data", empty.toString()), "data_batch_1.bin: file is empty");
    Path longer = Files.createDirectories(tmp.resolve("long")).resolve("data_batch_1.bin");
    Files.write(
        longer,
        java.util.Arrays.copyOf(Files.readAllBytes(ok.resolve("data_batch_1.bin")), 10 * 3073 + 1));
    assertOneLine(
        run("train", "--data", longer.toString()),
        "data_batch_1.bin: length 30731 is not a multiple of the 3073-byte");
    Path mixed = CifarFixtures.batches(tmp.resolve("mixed"), 10);
    Files.write(mixed.resolve("data_batch_3.bin"), new byte[3073 * 2 - 5]);
    assertOneLine(
        run("train", "--data", mixed.toString()),
        "mixed/data_batch_3.bin: length 6141 is not a multiple");
    Path badTest = Files.createDirectories(tmp.resolve("badtest"));
    Files.write(badTest.resolve("test_batch.bin"), new byte[100]);
    assertOneLine(
        run("train", "--data", ok.toString(), "--test", badTest.toString()),
        "test_batch.bin: length 100 is not a multiple");
    assertOneLine(
        run("train", "--data", ok.toString(), "--val", "50"),
        "--val 50 leaves no training images: the data has 50");
    assertOneLine(
        run("train", "--data", ok.toString(), "--val", "1", "--partitions", "100000"),
        "--partitions 100000 is more than the 49 training images");
  }

  @Test
  void outputFoldersThatCannotTakeARunAreNamedBeforeSparkStarts() throws Exception {
    Path ok = CifarFixtures.batches(tmp.resolve("ok"), 10);
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    assertOneLine(
        run("train", "--data", ok.toString(), "--val", "1", "--out", file.toString()),
        "--out " + file + ": exists and is not a directory");
    assertOneLine(
        run("train", "--data", ok.toString(), "--val", "1", "--out", "/proc/sparksvm-run"),
        "--out /proc/sparksvm-run: ");
    Path run = Files.createDirectories(tmp.resolve("earlier"));
    Files.writeString(run.resolve("metrics.json"), "{}");
    assertOneLine(
        run("train", "--data", ok.toString(), "--val", "1", "--out", run.toString()),
        "--out "
            + run
            + ": already holds 1 file (metrics.json): choose another directory, or pass"
            + " --overwrite");
    Path model = Files.createDirectories(tmp.resolve("model"));
    try (java.io.OutputStream out = Files.newOutputStream(model.resolve("model.bin"))) {
      new dev.sparksvm.model.LinearModel(
              dev.sparksvm.core.Weights.zeros(10, 3073),
              new double[3072],
              dev.sparksvm.data.Cifar10.SCHEMA,
              "svm",
              java.util.Map.of())
          .writeTo(out);
    }
    // evaluate --out into a training run's folder would have replaced its metrics.json.
    assertOneLine(
        run(
            "evaluate",
            "--model",
            model.toString(),
            "--data",
            ok.toString(),
            "--out",
            run.toString()),
        "--out " + run + ": already holds 1 file");
  }

  @Test
  void brokenOrMismatchedModelsAreRefusedBeforeSparkStarts() throws Exception {
    Path ok = CifarFixtures.batches(tmp.resolve("ok"), 10);
    Path noise = Files.createDirectories(tmp.resolve("noise"));
    byte[] random = new byte[5000];
    new java.util.SplittableRandom(1).nextBytes(random);
    Files.write(noise.resolve("model.bin"), random);
    assertOneLine(
        run("evaluate", "--model", noise.toString(), "--data", ok.toString()),
        "model.bin: not a sparksvm model file (bad magic)");
    Path three = Files.createDirectories(tmp.resolve("three"));
    dev.sparksvm.model.LinearModel model =
        new dev.sparksvm.model.LinearModel(
            dev.sparksvm.core.Weights.zeros(3, 3073),
            new double[3072],
            new dev.sparksvm.data.ImageSchema(
                dev.sparksvm.data.Cifar10.SHAPE, List.of("a", "b", "c")),
            "svm",
            java.util.Map.of());
    try (java.io.OutputStream out = Files.newOutputStream(three.resolve("model.bin"))) {
      model.writeTo(out);
    }
    assertOneLine(
        run("evaluate", "--model", three.toString(), "--data", ok.toString()),
        "the model takes 3 classes");
    byte[] whole = Files.readAllBytes(three.resolve("model.bin"));
    Files.write(three.resolve("model.bin"), java.util.Arrays.copyOf(whole, whole.length / 2));
    assertOneLine(
        run("evaluate", "--model", three.toString(), "--data", ok.toString()),
        "model.bin: model file is truncated");
  }

  @Test
  void anInternalErrorIsExitCode1AndSaysSo() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code =
        Main.report(
            new IllegalArgumentException("shapes do not fit: 3 x 4 vs 4 x 3"),
            false,
            new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String err = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(1, code, err);
    assertTrue(
        err.startsWith("sparksvm: internal error: java.lang.IllegalArgumentException: shapes"),
        err);
    assertEquals(
        2,
        Main.report(
            new dev.sparksvm.options.UsageException("--x must be y"),
            false,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
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
    Process p =
        java(
            "train",
            "--data",
            dir.toString(),
            "--val",
            "5",
            "--batch", // within the 15 training images: the batch is checked before Spark starts
            "8",
            "--master",
            "local[2]",
            "--out",
            tmp.resolve("out").toString());
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(2, p.exitValue(), err);
    List<String> ours = err.lines().filter(l -> l.startsWith("sparksvm:")).toList();
    assertEquals(
        List.of(
            "sparksvm: error: file:"
                + dir.resolve("data_batch_1.bin")
                + ": record 13 (byte offset 39949) has label 10, expected 0..9"),
        ours,
        err);
    assertFalse(err.contains("\tat "), "no stack trace without --verbose: " + err);
    assertFalse(
        Files.exists(tmp.resolve("out").resolve("model.bin")), "no output from a failed run");
  }

  /**
   * The --out folder becomes a file while the run goes on, so writing its next checkpoint fails: a
   * failed run, exit code 1 and one line naming the file, not the user's mistake (2), which it was
   * once taken for.
   */
  @Test
  void outputsThatCannotBeWrittenAreAFailedRunExitCode1() throws Exception {
    Path data = CifarFixtures.batches(tmp.resolve("data"), 20);
    Path out = tmp.resolve("out");
    Path errFile = tmp.resolve("stderr.txt");
    Process p =
        MainProcess.start(
            null,
            errFile,
            "train",
            "--data",
            data.toString(),
            "--val",
            "10",
            "--batch",
            "16",
            "--iters",
            "1000000",
            "--checkpoint-every",
            "1",
            "--master",
            "local[1]",
            "--out",
            out.toString());
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!hasCheckpoint(out)) {
        assertTrue(p.isAlive(), "train ended early: " + Files.readString(errFile));
        assertTrue(System.nanoTime() < deadline, "no checkpoint in 120 s");
        Thread.sleep(20);
      }
      // The run is under way: the folder goes, a file takes its place. Should the run make the
      // folder again in between (it creates missing parents), move that one away too.
      for (int moved = 0; ; moved++) {
        Files.move(out, tmp.resolve("moved-" + moved));
        try {
          Files.writeString(out, "not a folder any more", StandardOpenOption.CREATE_NEW);
          break;
        } catch (FileAlreadyExistsException again) {
          assertTrue(moved < 10, "the run keeps making " + out + " again");
        }
      }
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "train did not stop");
    } finally {
      p.destroyForcibly();
    }
    String err = Files.readString(errFile);
    assertEquals(1, p.exitValue(), err);
    List<String> ours = err.lines().filter(l -> l.startsWith("sparksvm:")).toList();
    assertEquals(1, ours.size(), err);
    assertTrue(
        ours.get(0).startsWith("sparksvm: error: --out ")
            && ours.get(0).contains(out + ": cannot write checkpoint-"),
        ours.get(0));
    assertFalse(err.contains("\tat "), "no stack trace without --verbose: " + err);
  }

  private static boolean hasCheckpoint(Path out) throws IOException {
    try (Stream<Path> files = Files.list(out)) {
      return files.anyMatch(f -> f.getFileName().toString().startsWith("checkpoint-"));
    } catch (NoSuchFileException notYet) {
      return false;
    }
  }

  private static Process java(String... args) throws Exception {
    return MainProcess.start(null, args);
  }
}
