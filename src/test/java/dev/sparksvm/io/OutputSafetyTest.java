package dev.sparksvm.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What keeps a user's files safe from a run's outputs: --out never overlaps an input, two runs
 * never share an --out, and a full disk leaves no half-written file.
 */
class OutputSafetyTest {
  @TempDir Path tmp;

  private static final Configuration CONF = new Configuration();

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private String refusal(String out, InputOverlap.Input... inputs) {
    return assertThrows(
            OutputException.class, () -> OutputDirectory.prepare(out, true, CONF, List.of(inputs)))
        .getMessage();
  }

  @Test
  void anOutputThatIsInsideOrAroundAnInputIsRefusedBeforeAnythingIsTouched() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("mydata"));
    Files.writeString(data.resolve("data_batch_1.bin"), "x");
    String d = data.toString();
    assertEquals(
        "--out "
            + d
            + " is --data "
            + d
            + ": a run never writes where it reads (its files would"
            + " mix with the inputs, and --overwrite would delete them); choose another directory",
        refusal(d, InputOverlap.Input.of("--data", d)));
    assertTrue(refusal(d + "/run", InputOverlap.Input.of("--data", d)).contains("lies inside"));
    assertTrue(refusal(tmp.toString(), InputOverlap.Input.of("--data", d)).contains("contains"));
    // A glob counts as its folder; "file:" and relative spellings of the same place are the same.
    assertTrue(
        refusal("file:" + d, InputOverlap.Input.of("--data", d + "/data_batch_[1-4].bin"))
            .contains(" is --data "));
    assertTrue(
        refusal(d + "/", InputOverlap.Input.of("--model", d + "/model.bin")).contains("contains"));
    // A symbolic link to the data (or to a folder around it) is the data.
    Path link = Files.createSymbolicLink(tmp.resolve("link"), data);
    assertTrue(
        refusal(link.toString(), InputOverlap.Input.of("--data", d)).contains(" is --data "));
    assertTrue(
        refusal(d, InputOverlap.Input.of("--data", link + "/data_batch_1.bin"))
            .contains(" contains --data "));
    Path up = Files.createSymbolicLink(tmp.resolve("up"), tmp);
    assertTrue(
        refusal(up.resolve("mydata/new").toString(), InputOverlap.Input.of("--data", d))
            .contains(" lies inside --data "));
    assertEquals(List.of("data_batch_1.bin"), names(data), "nothing was written or removed");
    // A sibling folder, another file system and --resume's own folder are fine.
    OutputDirectory.prepare(
            tmp.resolve("runs/a").toString(),
            false,
            CONF,
            List.of(InputOverlap.Input.of("--data", d), InputOverlap.Input.of("--test", null)))
        .finish(true);
    Path resumed = Files.createDirectories(tmp.resolve("runs/b"));
    OutputDirectory.prepare(
            resumed.toString(),
            true,
            CONF,
            List.of(new InputOverlap.Input("--resume", resumed.toString(), true)))
        .finish(true);
    assertTrue(
        refusal(resumed + "/inner", new InputOverlap.Input("--resume", resumed.toString(), true))
            .contains("lies inside --resume"));
  }

  @Test
  void aSecondRunIntoTheSameDirectoryIsRefusedUntilTheFirstEnds() throws Exception {
    String dir = tmp.resolve("shared-out").toString();
    OutputDirectory first = OutputDirectory.prepare(dir, false, CONF);
    OutputException e =
        assertThrows(OutputException.class, () -> OutputDirectory.prepare(dir, false, CONF));
    assertTrue(
        e.getMessage()
            .startsWith("--out " + dir + ": another run (process " + ProcessHandle.current().pid()),
        e.getMessage());
    first.writeText("metrics.json", "first");
    first.finish(true);
    assertEquals(List.of("metrics.json"), names(Path.of(dir)), "the lock went with the run");
    OutputDirectory.prepare(dir, true, CONF).finish(true); // --overwrite, no other run: fine
  }

  @Test
  void ofManyRunsStartedAtOnceIntoANewDirectoryExactlyOneGoesOn() throws Exception {
    String dir = tmp.resolve("race").toString();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<OutputDirectory>> runs = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Callable<OutputDirectory> start = () -> OutputDirectory.prepare(dir, false, CONF);
        runs.add(pool.submit(start));
      }
      // Every run has tried before the winner finishes: its finish releases the lock, and a run
      // whose thread started late would then claim the directory after it, fairly.
      List<OutputDirectory> won = new ArrayList<>();
      for (Future<OutputDirectory> r : runs) {
        try {
          won.add(r.get());
        } catch (java.util.concurrent.ExecutionException e) {
          assertTrue(e.getCause() instanceof OutputException, String.valueOf(e.getCause()));
        }
      }
      for (OutputDirectory w : won) {
        w.finish(true);
      }
      assertEquals(1, won.size(), "exactly one run claims the directory");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theLockOfARunThatDiedOnThisHostIsTakenOver() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("killed"));
    Process dead = new ProcessBuilder("true").start();
    dead.waitFor();
    String host = java.net.InetAddress.getLocalHost().getHostName();
    Files.writeString(dir.resolve(DirectoryClaim.NAME), dead.pid() + " " + host + " then");
    OutputDirectory.prepare(dir.toString(), false, CONF).finish(true);
    assertEquals(List.of(), names(dir));
  }

  @Test
  void aFullDiskIsOneLineNamingOutAndTheBytesAndLeavesNoTemporaryFile() throws Exception {
    Configuration full = new Configuration();
    full.setClass("fs.full.impl", org.apache.hadoop.fs.FullFileSystem.class, FileSystem.class);
    full.setBoolean("fs.full.impl.disable.cache", true);
    Path dir = tmp.resolve("full-out");
    String out = "full://" + dir;
    OutputDirectory o = OutputDirectory.prepare(out, false, full);
    byte[] model = new byte[4096];
    WriteFailedException e =
        assertThrows(
            WriteFailedException.class, () -> o.writeNow("model.bin", s -> s.write(model)));
    assertEquals(
        "--out full:"
            + dir
            + ": cannot write model.bin (4,096 bytes needed): No space left on"
            + " device",
        e.getMessage());
    assertTrue(
        names(dir).stream().noneMatch(n -> n.endsWith(".tmp")), "no temporary file: " + names(dir));
    o.finish(false);
    assertFalse(Files.exists(dir), "the folder this run created is gone with the failed run");
    // Where the file system reports too little space, nothing is written at all.
    full.setLong("full.free", 1000);
    OutputDirectory small = OutputDirectory.prepare(out, false, full);
    String refused =
        assertThrows(
                WriteFailedException.class, () -> small.writeNow("model.bin", s -> s.write(model)))
            .getMessage();
    assertTrue(
        refused.endsWith(
            "cannot write model.bin: it needs 4,096 bytes, and only 1,000 bytes are"
                + " free there"),
        refused);
    small.finish(false);
  }
}
