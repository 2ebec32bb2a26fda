package dev.sparksvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Cifar10;
import dev.sparksvm.model.LinearModel;
import dev.sparksvm.spark.CifarFixtures;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue's three commands that deleted a user's files, typed as a user would, each in a real
 * process: {@code --out} is an input directory and {@code --overwrite} is given. Each is refused
 * with one line and exit code 2 before anything runs, and every input file is still there, byte for
 * byte.
 */
class InputsSurviveTest {
  @TempDir Path tmp;

  private record Outcome(int code, List<String> ours, String err) {}

  private Outcome run(String... args) throws Exception {
    Path err = Files.createTempFile(tmp, "stderr", ".txt");
    Process p = MainProcess.start(null, err, args);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "still running: " + String.join(" ", args));
    String text = Files.readString(err, StandardCharsets.UTF_8);
    return new Outcome(
        p.exitValue(), text.lines().filter(l -> l.startsWith("sparksvm:")).toList(), text);
  }

  /** Every file under {@code dir} with its bytes, to compare before and after. */
  private static Map<String, String> contents(Path dir) throws IOException {
    Map<String, String> all = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        all.put(
            dir.relativize(f).toString(),
            java.util.HexFormat.of()
                .formatHex(
                    java.security.MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(f))));
      }
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return all;
  }

  /** A finished training run's folder: its model, a checkpoint and its history. */
  private Path trainingRun() throws IOException {
    Path run = Files.createDirectories(tmp.resolve("R"));
    try (OutputStream out = Files.newOutputStream(run.resolve("model.bin"))) {
      new LinearModel(
              Weights.gaussian(10, 3073, 1e-3, 1),
              new double[3072],
              Cifar10.SCHEMA,
              "svm",
              Map.of("command", "train"))
          .writeTo(out);
    }
    Files.write(run.resolve("checkpoint-000000000100.bin"), new byte[] {1, 2, 3});
    Files.writeString(run.resolve("history.csv"), "iteration,loss\n1,9.0\n");
    Files.writeString(run.resolve("metrics.json"), "{}\n");
    return run;
  }

  private static void assertRefused(Outcome o, String expected) {
    assertEquals(2, o.code(), o.err());
    assertEquals(1, o.ours().size(), o.err());
    assertTrue(o.ours().get(0).startsWith("sparksvm: error: " + expected), o.ours().get(0));
    assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
  }

  @Test
  void trainIntoItsOwnDataFolderWithOverwriteDeletesNothing() throws Exception {
    Path data = CifarFixtures.batches(tmp.resolve("mydata"), 10);
    Files.writeString(data.resolve("batches.meta.txt"), String.join("\n", Cifar10.CLASS_NAMES));
    Map<String, String> before = contents(data);
    Outcome o =
        run(
            "train",
            "--data",
            data.toString(),
            "--out",
            data.toString(),
            "--overwrite",
            "--val", // the data's 50 images pass every other check: only --out is wrong
            "10",
            "--batch",
            "16",
            "--master",
            "local[1]");
    assertRefused(
        o, "--out " + data + " is --data " + data + ": a run never writes where it reads");
    assertEquals(before, contents(data), "every data file is there, unchanged, and nothing else");
  }

  @Test
  void exportIntoTheModelsFolderWithOverwriteDeletesNothing() throws Exception {
    Path run = trainingRun();
    Map<String, String> before = contents(run);
    Outcome o = run("export", "--model", run.toString(), "--out", run.toString(), "--overwrite");
    assertRefused(o, "--out " + run + " is --model " + run + ": a run never writes where it reads");
    assertEquals(before, contents(run));
    // Inside it, or around it, is the same mistake.
    Outcome inside =
        run(
            "export",
            "--model",
            run.resolve("model.bin").toString(),
            "--out",
            tmp.toString(),
            "--overwrite");
    assertRefused(inside, "--out " + tmp + " contains --model " + run.resolve("model.bin"));
    assertEquals(before, contents(run));
  }

  @Test
  void evaluateWritingItsMetricsIntoTheModelsFolderDeletesNothing() throws Exception {
    Path run = trainingRun();
    Path data = CifarFixtures.batches(tmp.resolve("data"), 10);
    Map<String, String> before = contents(run);
    Map<String, String> dataBefore = contents(data);
    Outcome o =
        run(
            "evaluate",
            "--model",
            run.toString(),
            "--data",
            data.toString(),
            "--out",
            run.toString(),
            "--overwrite",
            "--master",
            "local[1]");
    assertRefused(o, "--out " + run + " is --model " + run + ": a run never writes where it reads");
    assertEquals(before, contents(run));
    Outcome intoData =
        run(
            "evaluate",
            "--model",
            run.toString(),
            "--data",
            data.toString(),
            "--out",
            data.resolve("eval").toString(),
            "--master",
            "local[1]");
    assertRefused(intoData, "--out " + data.resolve("eval") + " lies inside --data " + data);
    assertEquals(dataBefore, contents(data));
  }

  /** {@code Main} in this JVM: every refusal here comes before Spark starts. */
  private static Outcome inProcess(String... args) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    int code = Main.run(args, new java.io.PrintStream(bytes, true, StandardCharsets.UTF_8));
    String text = bytes.toString(StandardCharsets.UTF_8);
    return new Outcome(code, text.lines().filter(l -> l.startsWith("sparksvm:")).toList(), text);
  }

  /**
   * The other commands and inputs, in this JVM (each is refused before Spark starts). {@code
   * --resume} is kept apart the same way (OutputSafetyTest), once its checkpoint has been read.
   */
  @Test
  void everyCommandRefusesAnOutThatIsInsideOrAroundWhatItReads() throws Exception {
    // 6,500 images: every command's default --val (tune: 5,000) leaves training images.
    Path data = CifarFixtures.batches(tmp.resolve("data"), 1300);
    Path test = CifarFixtures.file(tmp.resolve("test/test_batch.bin"), 10, -1, 0).getParent();
    Path run = trainingRun();
    Map<String, String> dataBefore = contents(data);
    Map<String, String> testBefore = contents(test);
    Map<String, String> runBefore = contents(run);
    String d = data.toString();
    String[][] cases = {
      {"tune", "--data", d, "--lr", "1e-7", "--reg", "0", "--out", d, "--overwrite"},
      {"bench", "--data", d, "--out", d + "/bench"},
      {"search", "--data", d, "--out", d, "--overwrite"},
      {"sweep", "--data", d, "--out", d, "--overwrite"},
      {"landscape", "--data", d, "--out", d + "/landscape"},
      {"gradcheck", "--data", d, "--out", tmp.toString(), "--overwrite"},
      {"scale", "--data", d, "--out", d, "--overwrite"},
      {"train", "--data", d, "--test", test.toString(), "--out", test + "/run", "--overwrite"},
      {"train", "--data", d, "--out", tmp.resolve("t").toString(), "--event-log", tmp + "/t/ev"},
      {"evaluate", "--model", run.toString(), "--data", d, "--out", d + "/eval"},
      {"export", "--model", run + "/model.bin", "--out", run.toString(), "--overwrite"},
      {"generate", "--images", "10", "--out", tmp + "/g", "--event-log", tmp + "/g/ev"},
    };
    String[] expected = {
      "is --data " + d,
      "lies inside --data " + d,
      "is --data " + d,
      "is --data " + d,
      "lies inside --data " + d,
      "contains --data " + d,
      "is --data " + d,
      "lies inside --test " + test,
      "contains --event-log " + tmp + "/t/ev",
      "lies inside --data " + d,
      "contains --model " + run + "/model.bin",
      "contains --event-log " + tmp + "/g/ev",
    };
    for (int i = 0; i < cases.length; i++) {
      Outcome o = inProcess(cases[i]);
      String line = String.join(" ", cases[i]);
      assertEquals(2, o.code(), line + ": " + o.err());
      assertEquals(1, o.ours().size(), line + ": " + o.err());
      assertTrue(
          o.ours().get(0).contains(" " + expected[i] + ": a run never writes where"),
          line + ": " + o.ours().get(0));
    }
    assertEquals(dataBefore, contents(data));
    assertEquals(testBefore, contents(test));
    assertEquals(runBefore, contents(run));
    assertFalse(Files.exists(tmp.resolve("t")), "a refused --out is not even created");
    assertFalse(Files.exists(tmp.resolve("g")));
  }
}
