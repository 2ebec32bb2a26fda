package dev.sparksvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.spark.CifarFixtures;
import dev.sparksvm.spark.LocalSpark;
import dev.sparksvm.spark.TestFaults;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task that keeps failing, in real processes: from step 25 on, every attempt of partition 1's
 * task throws (the test-only {@link TestFaults} hook), Spark gives up after {@code
 * spark.task.maxFailures} (2, from the master {@code local[2,2]}), and {@code train} must stop with
 * one line naming the step, the partition and the cause, exit code 1, and its checkpoint of step 20
 * intact: {@code train --resume} then ends with the W of a run that never failed.
 */
@Tag("process")
class TaskFailureTest {
  private static final Pattern SHA = Pattern.compile("\"weights_sha256\": \"([0-9a-f]{64})\"");
  private static final String[] OPTIONS = {
    "--iters",
    "60",
    "--batch",
    "64",
    "--partitions",
    "2",
    "--val",
    "100",
    "--eval-every",
    "0",
    "--print-every",
    "10",
    "--seed",
    "11",
    "--checkpoint-every",
    "10"
  };
  @TempDir Path tmp;

  private String[] train(Path data, Path out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "train",
                "--data",
                data.toString(),
                "--master",
                "local[2,2]",
                "--out",
                out.toString()));
    args.addAll(Arrays.asList(OPTIONS));
    args.addAll(Arrays.asList(more));
    return args.toArray(String[]::new);
  }

  @Test
  void aTaskThatKeepsFailingStopsTheRunWithOneLineAndTheCheckpointResumesBitIdentical()
      throws Exception {
    Path data = CifarFixtures.batches(tmp.resolve("data"), 100);
    String uninterrupted =
        (String)
            TrainCommandRunner.train(
                    LocalSpark.get(), data.toString(), tmp.resolve("reference").toString(), OPTIONS)
                .get("weights_sha256");

    Path out = tmp.resolve("run");
    Path log = tmp.resolve("failed.log");
    Path err = tmp.resolve("failed.err");
    long start = System.nanoTime();
    Process failed =
        MainProcess.start(
            log,
            err,
            List.of(
                "-D" + TestFaults.FAIL_PARTITION + "=1", "-D" + TestFaults.FAIL_FROM_STEP + "=25"),
            Map.of(),
            null,
            train(data, out));
    assertTrue(failed.waitFor(240, TimeUnit.SECONDS));
    System.out.printf(
        "TaskFailureTest: the failing run took %.1f s%n", (System.nanoTime() - start) / 1e9);
    String stderr = Files.readString(err);
    assertEquals(1, failed.exitValue(), stderr + Files.readString(log));
    List<String> ours = stderr.lines().filter(l -> l.startsWith("sparksvm:")).toList();
    assertEquals(1, ours.size(), stderr);
    assertTrue(
        ours.get(0)
            .matches(
                Pattern.quote(
                        "sparksvm: error: step 25 of 60 failed: the task of partition 1 failed 2"
                            + " times (spark.task.maxFailures), the last time on ")
                    + "\\S+"
                    + Pattern.quote(
                        " executor driver: java.lang.IllegalStateException: injected failure of "
                            + "partition 1 in step 25 ("
                            + TestFaults.FAIL_PARTITION
                            + "); resume from its checkpoint of "
                            + "step 20 with: train --resume file:"
                            + out)),
        ours.get(0));
    assertTrue(stderr.lines().noneMatch(l -> l.startsWith("\tat ")), "a stack trace:\n" + stderr);
    assertTrue(Files.readString(log).contains("iter 20/60"), Files.readString(log));
    assertTrue(!Files.exists(out.resolve("model.bin")), "no model from a failed run");

    start = System.nanoTime();
    Process resumed =
        MainProcess.start(tmp.resolve("resumed.log"), train(data, out, "--resume", out.toString()));
    String resumedErr = new String(resumed.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(resumed.waitFor(240, TimeUnit.SECONDS));
    System.out.printf(
        "TaskFailureTest: the resumed run took %.1f s%n", (System.nanoTime() - start) / 1e9);
    assertEquals(0, resumed.exitValue(), resumedErr);
    assertTrue(Files.readString(tmp.resolve("resumed.log")).contains("resuming at step 20"));
    Matcher m = SHA.matcher(Files.readString(out.resolve("metrics.json")));
    assertTrue(m.find());
    assertEquals(
        uninterrupted,
        m.group(1),
        "the resumed run must end with the W of a run that never " + "failed");
    List<String> history = Files.readAllLines(out.resolve("history.csv"));
    assertEquals(61, history.size(), "a header and 60 steps");
    for (int i = 1; i <= 60; i++) {
      assertTrue(history.get(i).startsWith(i + ","), "row " + i + ": " + history.get(i));
    }
  }
}
