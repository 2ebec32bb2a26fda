package dev.sparksvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.spark.CifarFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM during {@code tune}, in a real process: it stops after the step under way, writes a
 * checkpoint, ends with one line (the resume command) and exit code 130; {@code tune --resume DIR}
 * then ends with the bits of a tune never stopped; the data is untouched.
 */
@Tag("process")
class SignalTest {
  @TempDir Path tmp;

  private static List<String> names(Path dir) throws java.io.IOException {
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  private static String sha(Path dir) throws java.io.IOException {
    Matcher m =
        Pattern.compile("\"weights_sha256\": \"([0-9a-f]{64})\"")
            .matcher(Files.readString(dir.resolve("metrics.json")));
    assertTrue(m.find(), dir.toString());
    return m.group(1);
  }

  @Test
  void tuneStoppedBySigtermCheckpointsSaysSoInOneLineAndResumesToTheSameBits() throws Exception {
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
    assertEquals(1, ours.size(), stderr);
    Matcher m =
        Pattern.compile(
                "sparksvm: SIGTERM: stopped after step (\\d+) of 100000; checkpoint file:\\S+;"
                    + " resume with: tune --resume file:(\\S+)")
            .matcher(ours.get(0));
    assertTrue(m.matches(), ours.get(0));
    assertEquals(out.toString(), m.group(2));
    assertFalse(stderr.contains("internal error"), stderr);
    long stopped = Long.parseLong(m.group(1));
    // --resume DIR alone (and a shorter --iters) continues: the same bits as a run never stopped.
    long iters = stopped + 3;
    Process resumed =
        MainProcess.start(
            tmp.resolve("resumed.log"),
            tmp.resolve("resumed.err"),
            "tune",
            "--resume",
            out.toString(),
            "--iters",
            Long.toString(iters),
            "--master",
            "local[2]");
    assertTrue(resumed.waitFor(240, TimeUnit.SECONDS));
    assertEquals(0, resumed.exitValue(), Files.readString(tmp.resolve("resumed.err")));
    Path whole = tmp.resolve("whole");
    Process reference =
        MainProcess.start(
            tmp.resolve("whole.log"),
            tmp.resolve("whole.err"),
            "tune",
            "--data",
            data.toString(),
            "--lr",
            "1e-7,2e-7",
            "--reg",
            "0",
            "--iters",
            Long.toString(iters),
            "--batch",
            "32",
            "--val",
            "100",
            "--master",
            "local[2]",
            "--out",
            whole.toString());
    assertTrue(reference.waitFor(240, TimeUnit.SECONDS));
    assertEquals(0, reference.exitValue(), Files.readString(tmp.resolve("whole.err")));
    assertEquals(
        Files.readAllLines(whole.resolve("tune.csv")), Files.readAllLines(out.resolve("tune.csv")));
    assertEquals(sha(whole), sha(out));
    assertEquals(before, names(data), "the data folder holds its files and nothing else");
  }
}
