package dev.sparksvm.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.cli.MainProcess;
import dev.sparksvm.spark.CifarFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a cluster the driver does not know the executors' disks, so each task checks its own before it
 * reads a record of its range: {@code train} in a JVM of its own on Spark's {@code
 * local-cluster[2,1,1024]} (two executor JVMs), with most of each block bound for local disk
 * ({@code spark.sparksvm.cacheBytes=300k}) and executors told to keep a petabyte of their local
 * disk free ({@code spark.sparksvm.localDiskReserve=1p}, the real limit a user sets; no disk has
 * the room), is refused in one line with the numbers, exit code 2, before a training step and with
 * nothing in {@code --out}.
 */
@Tag("cluster")
class LocalDiskRefusalTest {
  @TempDir Path tmp;

  @Test
  void anExecutorWhoseDiskCannotTakeItsPartRefusesTheRunInOneLine() throws Exception {
    Path data = CifarFixtures.batches(tmp.resolve("data"), 100); // 500 images, 1.5 MB
    Path sparkHome = Files.createDirectories(tmp.resolve("spark-home").resolve("jars")).getParent();
    Path out = tmp.resolve("out");
    Path log = tmp.resolve("driver.log");
    Path err = tmp.resolve("driver.err");
    Process p =
        MainProcess.start(
            log,
            err,
            List.of(
                "-Dspark.executor.extraClassPath=" + System.getProperty("java.class.path"),
                "-Dspark.cores.max=2",
                "-Dspark.scheduler.minRegisteredResourcesRatio=1.0",
                "-Dspark.sparksvm.cacheBytes=300k",
                "-Dspark.sparksvm.localDiskReserve=1p"),
            Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_SCALA_VERSION", "2.13"),
            tmp,
            "train",
            "--data",
            data.toString(),
            "--master",
            "local-cluster[2,1,1024]",
            "--out",
            out.toString(),
            "--iters",
            "20",
            "--batch",
            "64",
            "--partitions",
            "2",
            "--val",
            "100",
            "--checkpoint-every",
            "0");
    try {
      assertTrue(p.waitFor(240, TimeUnit.SECONDS), "train did not end in 4 minutes");
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    String stderr = Files.readString(err);
    String stdout = Files.readString(log);
    assertEquals(2, p.exitValue(), ClusterScripts.tail(err, 40) + ClusterScripts.tail(log, 40));
    List<String> ours = stderr.lines().filter(l -> l.startsWith("sparksvm:")).toList();
    assertEquals(1, ours.size(), stderr);
    String line = ours.get(0);
    assertTrue(
        line.matches("sparksvm: error: partition [01]: \\d+ images of 3,072 bytes need .*"), line);
    assertTrue(
        line.matches(".* MB of local disk in /\\S+ on executor [01] \\(127\\.0\\.0\\.1\\), .*"),
        line);
    assertTrue(
        line.contains(
            "MB free, of which 1,125,899,906.8 MB are to stay free"
                + " (spark.sparksvm.localDiskReserve); give the executors more memory or more"
                + " local disk (spark.local.dir)"),
        line);
    // No stack trace up to the line; after it, local-cluster's Master and Workers (daemons inside
    // the driver's JVM, unlike a real cluster's) log their own teardown as the JVM exits.
    String upToTheLine = stderr.substring(0, stderr.indexOf(line));
    assertFalse(upToTheLine.contains("\tat "), "no stack trace: " + stderr);
    assertFalse(stderr.contains("\tat dev.sparksvm"), "no stack trace of ours: " + stderr);
    // The memory plan was made (the driver leaves the disk to the executors), no step was taken.
    assertTrue(stdout.contains("free space checked by each executor"), stdout);
    assertFalse(stdout.matches("(?s).*iter \\d+/20.*"), "no training step: " + stdout);
    if (Files.isDirectory(out)) {
      try (Stream<Path> left = Files.list(out)) {
        assertEquals(List.of(), left.toList(), "nothing written to --out");
      }
    }
  }
}
