package dev.sparksvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.spark.CifarFixtures;
import dev.sparksvm.spark.LocalSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A killed driver, in real processes: {@code train} is killed with SIGKILL after its second
 * checkpoint, or stopped with SIGTERM, and {@code train --resume} (the directory alone, or with the
 * run's options) must end with the very W of a run that was never interrupted, and a history with
 * every step exactly once.
 */
@Tag("process")
class RecoveryTest {
  private static final Pattern SHA = Pattern.compile("\"weights_sha256\": \"([0-9a-f]{64})\"");
  private static final String[] OPTIONS = {
    "--iters",
    "120",
    "--batch",
    "64",
    "--partitions",
    "2",
    "--val",
    "100",
    "--eval-every",
    "30",
    "--print-every",
    "10",
    "--seed",
    "5"
  };
  @TempDir static Path root;

  /** The data, beside the reference run's output (a run never writes inside its data). */
  private static Path data;

  private static String uninterrupted;
  @TempDir Path tmp;

  @BeforeAll
  static void reference() throws Exception {
    data = CifarFixtures.batches(root.resolve("data"), 100);
    Map<String, Object> m =
        TrainCommandRunner.train(
            LocalSpark.get(), data.toString(), root.resolve("reference").toString(), OPTIONS);
    uninterrupted = (String) m.get("weights_sha256");
  }

  private static String[] train(Path out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "train",
                "--data",
                data.toString(),
                "--master",
                "local[2]",
                "--out",
                out.toString()));
    args.addAll(Arrays.asList(OPTIONS));
    args.addAll(Arrays.asList(more));
    return args.toArray(String[]::new);
  }

  private static String sha(Path dir) throws Exception {
    Matcher m = SHA.matcher(Files.readString(dir.resolve("metrics.json")));
    assertTrue(m.find());
    return m.group(1);
  }

  private static void assertEveryStepOnce(Path dir) throws Exception {
    List<String> lines = Files.readAllLines(dir.resolve("history.csv"));
    assertEquals(121, lines.size(), "a header and 120 steps");
    for (int i = 1; i <= 120; i++) {
      assertTrue(lines.get(i).startsWith(i + ","), "row " + i + ": " + lines.get(i));
    }
  }

  private static boolean hasCheckpoint(Path dir, long step) {
    return Files.exists(dir.resolve(String.format("checkpoint-%012d.bin", step)));
  }

  @Test
  void killedWithSigkillAfterACheckpointTheResumedRunEndsBitIdentical() throws Exception {
    Path out = tmp.resolve("killed");
    Process p =
        MainProcess.start(tmp.resolve("killed.log"), train(out, "--checkpoint-every", "25"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    while (!hasCheckpoint(out, 50) && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(
        hasCheckpoint(out, 50),
        "no second checkpoint: " + Files.readString(tmp.resolve("killed.log")));
    p.destroyForcibly(); // SIGKILL: no shutdown hook, no last checkpoint
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));

    // What a user types after a crash: the directory alone. Every option, the data included,
    // comes back from the checkpoint (and the partitions it used, whatever the master's cores).
    Process resumed =
        MainProcess.start(tmp.resolve("resumed.log"), "train", "--resume", out.toString());
    String err = new String(resumed.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(resumed.waitFor(240, TimeUnit.SECONDS));
    String log = Files.readString(tmp.resolve("resumed.log"));
    assertEquals(0, resumed.exitValue(), err + log);
    assertTrue(log.contains("resuming at step"), log);
    assertTrue(
        log.contains(
            "--resume " + out + ": restored from its checkpoint at step 50: --data " + data + " "),
        log);
    assertTrue(log.contains(" --batch 64 "), log);
    assertEquals(uninterrupted, sha(out), "the resumed run must end with the uninterrupted W");
    assertEveryStepOnce(out);
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(
          List.of(
              String.format("checkpoint-%012d.bin", 120),
              "history.csv",
              "loss.png",
              "metrics.json",
              "model.bin",
              "templates.png"),
          files.map(f -> f.getFileName().toString()).sorted().toList(),
          "one checkpoint, the outputs, no staging folders");
    }
  }

  @Test
  void sigtermWritesACheckpointAndExits130AndTheResumeEndsBitIdentical() throws Exception {
    Path out = tmp.resolve("term");
    Path log = tmp.resolve("term.log");
    Path errLog = tmp.resolve("term.err");
    Process p = MainProcess.start(log, errLog, train(out, "--checkpoint-every", "0"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    while (!Files.readString(log).contains("iter 40/120")
        && p.isAlive()
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    p.destroy(); // SIGTERM
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String err = Files.readString(errLog);
    assertEquals(130, p.exitValue(), err);
    List<String> ours = err.lines().filter(l -> l.startsWith("sparksvm:")).toList();
    assertEquals(1, ours.size(), err);
    assertTrue(
        ours.get(0)
            .matches(
                "sparksvm: SIGTERM: stopped after step \\d+ of 120; checkpoint "
                    + ".*; resume with: train --resume .*"),
        ours.get(0));
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(
          1,
          files.filter(f -> f.getFileName().toString().startsWith("checkpoint-")).count(),
          "a checkpoint and nothing else of a half run");
    }
    assertTrue(!Files.exists(out.resolve("model.bin")), "no model from a stopped run");

    Process resumed = MainProcess.start(null, train(out, "--resume", out.toString()));
    String resumedErr = new String(resumed.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(resumed.waitFor(240, TimeUnit.SECONDS));
    assertEquals(0, resumed.exitValue(), resumedErr);
    assertEquals(uninterrupted, sha(out));
    assertEveryStepOnce(out);
  }

  @Test
  void aResumeThatWouldChangeTheTrajectoryIsRefusedNamingTheOption() throws Exception {
    Path out = tmp.resolve("short");
    String[] first = train(out, "--checkpoint-every", "10");
    first[Arrays.asList(first).indexOf("--iters") + 1] = "10";
    Process p = MainProcess.start(null, first);
    assertTrue(p.waitFor(240, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue());
    String[] changed = train(out, "--resume", out.toString());
    changed[Arrays.asList(changed).indexOf("--batch") + 1] = "32";
    Path log = tmp.resolve("changed.log");
    Process q = MainProcess.start(log, changed);
    String err = new String(q.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(q.waitFor(240, TimeUnit.SECONDS));
    assertEquals(2, q.exitValue(), err);
    assertTrue(
        !Files.readString(log).contains("Spark 4"),
        "refused before Spark starts: " + Files.readString(log));
    assertTrue(
        err.contains(
            "sparksvm: error: --resume "
                + out
                + ": cannot continue that run with these options or data: --batch was 64 when the"
                + " checkpoint was written, and is 32 now"),
        err);
    assertTrue(Files.exists(out.resolve("model.bin")), "the earlier run is left alone");
  }
}
