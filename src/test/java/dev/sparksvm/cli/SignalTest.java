package dev.sparksvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.spark.CifarFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM outside a training run's steps, in a real process: {@code tune} stopped while it trains
 * its models ends with one line and exit code 130, and leaves no staging folder, no lock and no
 * empty --out behind; the data is untouched.
 */
@Tag("process")
class SignalTest {
  @TempDir Path tmp;

  private static List<String> names(Path dir) throws java.io.IOException {
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void tuneStoppedBySigtermSaysSoInOneLineAndLeavesNothingBehind() throws Exception {
    Path data = CifarFixtures.batches(tmp.resolve("data"), 100);
    List<String> before = names(data);
    Path out = tmp.resolve("tune");
    Path log = tmp.resolve("tune.log");
    Path err = tmp.resolve("tune.err");
    Process p =
        MainProcess.start(
            log,
            err,
            "tune",
            "--data",
            data.toString(),
            "--lr",
            "1e-7,2e-7",
            "--reg",
            "0",
            "--iters",
            "100000",
            "--batch",
            "32",
            "--val",
            "100",
            "--master",
            "local[2]",
            "--out",
            out.toString());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    while (!Files.readString(log).contains("tune: 2 models")
        && p.isAlive()
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(p.isAlive(), Files.readString(err));
    p.destroy(); // SIGTERM
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String stderr = Files.readString(err);
    assertEquals(130, p.exitValue(), stderr);
    List<String> ours = stderr.lines().filter(l -> l.startsWith("sparksvm:")).toList();
    assertEquals(
        List.of("sparksvm: SIGTERM: stopped; nothing of this run is written to file:" + out),
        ours,
        stderr);
    assertFalse(stderr.contains("internal error"), stderr);
    assertFalse(Files.exists(out), "the --out this run created is gone with its staging and lock");
    assertEquals(before, names(data), "the data folder holds its files and nothing else");
  }
}
