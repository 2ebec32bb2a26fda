package dev.sparksvm.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.cli.MainProcess;
import dev.sparksvm.cli.TrainCommandRunner;
import dev.sparksvm.spark.CifarFixtures;
import dev.sparksvm.spark.LocalSpark;
import dev.sparksvm.spark.LoopbackSockets;
import dev.sparksvm.spark.TestFaults;
import java.io.IOException;
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
 * A lost executor on a real multi-process cluster: {@code train} runs in a JVM of its own on
 * Spark's {@code local-cluster[2,1,1024]} master (a Master and two Workers inside the driver's JVM,
 * each Worker starting its executor as a separate JVM, as on a standalone cluster), and one
 * executor JVM dies mid-run, once by a task that calls {@code System.exit} (the test-only {@link
 * TestFaults} hook, as Spark's own DistributedSuite crashes executors), once by a SIGKILL from this
 * test. The run must finish with the W of an undisturbed {@code local[2]} run with the same seed
 * and partitions (the lost blocks are rebuilt from the same records, each partition redraws the
 * same rows), and the driver's log must say which executor went, why, and what the rebuild cost. In
 * the first, most of each block is on the executors' local disks (the out-of-core path).
 *
 * <p>Executors get this JVM's classpath ({@code spark.executor.extraClassPath}) and a {@code
 * SPARK_HOME} whose {@code jars/} is empty, which is all a Worker needs to launch them (with {@code
 * SPARK_SCALA_VERSION}); their logs stay under that {@code SPARK_HOME/work}.
 */
@Tag("cluster")
class LostExecutorTest {
  private static final Pattern SHA = Pattern.compile("\"weights_sha256\": \"([0-9a-f]{64})\"");
  private static final Pattern STALL =
      Pattern.compile(
          "train svm: step (\\d+)/\\d+ \\(batch 64\\) took ([0-9.]+) s instead of ~([0-9.]+) s:"
              + " rebuilt train images partition (\\d) on executor (\\d+)");
  private static final String[] OPTIONS = {
    "--iters",
    "50",
    "--batch",
    "64",
    "--partitions",
    "2",
    "--val",
    "100",
    "--eval-every",
    "25",
    "--print-every",
    "10",
    "--seed",
    "7",
    "--checkpoint-every",
    "0"
  };
  @TempDir static Path root;

  /** The data, beside the reference run's output (a run never writes inside its data). */
  private static Path data;

  private static String undisturbed;
  @TempDir Path tmp;

  @BeforeAll
  static void reference() throws Exception {
    data = CifarFixtures.batches(root.resolve("data"), 100);
    undisturbed =
        (String)
            TrainCommandRunner.train(
                    LocalSpark.get(),
                    data.toString(),
                    root.resolve("reference").toString(),
                    OPTIONS)
                .get("weights_sha256");
  }

  @Test
  void aTaskThatExitsItsExecutorOnceCostsOneSlowStepAndNotOneBit() throws Exception {
    Path markers = Files.createDirectories(tmp.resolve("markers"));
    // Most of each block on the executors' local disks (300 KB of cache for 1.2 MB of training
    // images): the lost executor's files go with it and are rebuilt with its blocks.
    Process p =
        train(
            TestFaults.EXIT_ONCE_AT_STEP + "=10",
            TestFaults.MARKER_DIR + "=" + markers,
            "spark.sparksvm.cacheBytes=300k");
    String log = finish(p);
    Matcher onDisk =
        Pattern.compile("\"train_bytes_on_disk\": (\\d+)")
            .matcher(Files.readString(tmp.resolve("out").resolve("metrics.json")));
    assertTrue(onDisk.find() && Long.parseLong(onDisk.group(1)) > 500_000, log);
    assertTrue(Files.exists(markers.resolve("exited-at-step-10")), "the hook never fired:\n" + log);
    Matcher lost =
        Pattern.compile(
                "executor (\\d+) lost \\(Command exited with code "
                    + TestFaults.EXIT_CODE
                    + "\\) during train svm: step 10/50 \\(batch 64\\); it held ([^:]*"
                    + "train images partition 0[^:]*): Spark rebuilds them")
            .matcher(log);
    assertTrue(lost.find(), log);
    assertStall(log, 10, lost.group(1));
    assertOutputs(1);
  }

  @Test
  void aKilledExecutorCostsOneSlowStepAndNotOneBit() throws Exception {
    Process p = train();
    Path out = tmp.resolve("driver.log");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    while (!Files.readString(out).contains("iter 10/50")
        && p.isAlive()
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    List<ProcessHandle> executors =
        p.descendants()
            .filter(h -> commandLine(h).contains("CoarseGrainedExecutorBackend"))
            .toList();
    assertEquals(2, executors.size(), "executor JVMs of this run: " + executors);
    List<Long> pids = new ArrayList<>(List.of(p.pid()));
    executors.forEach(h -> pids.add(h.pid()));
    if (LoopbackSockets.available()) {
      assertEquals(List.of(), LoopbackSockets.nonLoopbackListeners(pids), "off-loopback listeners");
    }
    ProcessHandle victim = executors.get(0);
    Matcher id = Pattern.compile("--executor-id (\\d+)").matcher(commandLine(victim));
    assertTrue(id.find());
    assertTrue(victim.destroyForcibly(), "SIGKILL"); // kill -9
    String log = finish(p);
    Matcher lost =
        Pattern.compile(
                "executor "
                    + id.group(1)
                    + " lost \\(Command exited with code 137\\) (during train svm: step"
                    + " \\d+/50|between jobs)[^;]*; it held [^:]*train images partition")
            .matcher(log);
    assertTrue(lost.find(), log);
    // The rebuild comes in the step the kill landed in, or the next one when the victim had
    // finished
    // its task of that step already.
    assertStall(log, -1, id.group(1));
    assertOutputs(1);
  }

  /**
   * The whole command line of a process: from /proc, as ProcessHandle.Info cuts it at 4096
   * characters (an executor's classpath alone is longer).
   */
  private static String commandLine(ProcessHandle h) {
    try {
      return new String(
              Files.readAllBytes(Path.of("/proc", Long.toString(h.pid()), "cmdline")),
              java.nio.charset.StandardCharsets.UTF_8)
          .replace('\0', ' ');
    } catch (IOException e) {
      return h.info().commandLine().orElse("");
    }
  }

  /** Starts {@code train} on local-cluster with the test-only settings {@code faults}. */
  private Process train(String... faults) throws Exception {
    Path sparkHome = Files.createDirectories(tmp.resolve("spark-home").resolve("jars")).getParent();
    List<String> flags =
        new ArrayList<>(
            List.of(
                "-Dspark.executor.extraClassPath=" + System.getProperty("java.class.path"),
                // Both executors up before the first job, so that each caches one block of each
                // data set.
                "-Dspark.cores.max=2",
                "-Dspark.scheduler.minRegisteredResourcesRatio=1.0"));
    Arrays.stream(faults).forEach(f -> flags.add("-D" + f));
    List<String> args =
        new ArrayList<>(
            List.of(
                "train",
                "--data",
                data.toString(),
                "--master",
                "local-cluster[2,1,1024]",
                "--out",
                tmp.resolve("out").toString()));
    args.addAll(Arrays.asList(OPTIONS));
    return MainProcess.start(
        tmp.resolve("driver.log"),
        tmp.resolve("driver.err"),
        flags,
        Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_SCALA_VERSION", "2.13"),
        tmp,
        args.toArray(String[]::new));
  }

  /** Waits for the run to end with exit code 0 and W bit-identical to the undisturbed run. */
  private String finish(Process p) throws Exception {
    try {
      assertTrue(p.waitFor(240, TimeUnit.SECONDS), "train did not finish:\n" + logs());
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    String log = Files.readString(tmp.resolve("driver.log"));
    assertEquals(0, p.exitValue(), logs());
    Matcher m = SHA.matcher(Files.readString(tmp.resolve("out").resolve("metrics.json")));
    assertTrue(m.find());
    assertEquals(undisturbed, m.group(1), "W after a lost executor vs an undisturbed local[2] run");
    return log;
  }

  /** The slow step's line: the step (-1: any), its time, and which executor rebuilt the block. */
  private static void assertStall(String log, int step, String lostExecutor) {
    Matcher m = STALL.matcher(log);
    assertTrue(m.find(), "no line about the rebuilt training block:\n" + log);
    System.out.printf(
        "LostExecutorTest: executor %s lost; step %s took %s s instead of ~%s s "
            + "(rebuilt train images partition %s on executor %s)%n",
        lostExecutor, m.group(1), m.group(2), m.group(3), m.group(4), m.group(5));
    if (step > 0) {
      assertEquals(step, Integer.parseInt(m.group(1)), log);
    }
    assertTrue(!m.group(5).equals(lostExecutor), "rebuilt on the executor that was lost: " + log);
  }

  private void assertOutputs(int lost) throws IOException {
    String metrics = Files.readString(tmp.resolve("out").resolve("metrics.json"));
    assertTrue(metrics.contains("\"executors_lost\": " + lost), metrics);
    assertTrue(metrics.matches("(?s).*\"cached_blocks_rebuilt\": [1-9].*"), metrics);
    assertTrue(metrics.contains("\"spark_master\": \"local-cluster[2,1,1024]\""), metrics);
  }

  /** The driver's output and the end of each executor's stderr, for a failure message. */
  private String logs() throws IOException {
    StringBuilder s =
        new StringBuilder(ClusterScripts.tail(tmp.resolve("driver.log"), 40))
            .append('\n')
            .append(ClusterScripts.tail(tmp.resolve("driver.err"), 40))
            .append('\n');
    Path work = tmp.resolve("spark-home").resolve("work");
    if (Files.isDirectory(work)) {
      try (Stream<Path> files = Files.walk(work)) {
        for (Path f : files.filter(f -> f.getFileName().toString().equals("stderr")).toList()) {
          s.append("== ")
              .append(work.relativize(f))
              .append('\n')
              .append(ClusterScripts.tail(f, 20))
              .append('\n');
        }
      }
    }
    return s.toString();
  }
}
