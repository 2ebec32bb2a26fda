package dev.sparksvm.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output directories through Hadoop's local file system: never half a run, never two runs. */
class OutputDirectoryTest {
  private static final Configuration CONF = new Configuration();
  @TempDir Path tmp;

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void outputsAppearTogetherAtCommitAndNothingElseStays() throws Exception {
    Path dir = tmp.resolve("run");
    OutputDirectory out = OutputDirectory.prepare(dir.toString(), false, CONF);
    out.writeText("a.txt", "a");
    out.writeText("b.txt", "b");
    assertEquals(2, names(dir).size(), "only the staging folder and the lock before the commit");
    assertTrue(
        names(dir).stream().allMatch(n -> n.startsWith(".sparksvm-")), names(dir).toString());
    out.finish(true);
    assertEquals(List.of("a.txt", "b.txt"), names(dir));
    assertEquals("b", Files.readString(dir.resolve("b.txt")));
  }

  @Test
  void aDirectoryHoldingFilesIsRefusedUnlessOverwriteWhichReplacesThemOnlyAtTheEnd()
      throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("old"));
    Files.writeString(dir.resolve("metrics.json"), "old");
    Files.writeString(dir.resolve("notes.txt"), "not ours");
    IllegalArgumentException e =
        assertThrows(
            OutputException.class, () -> OutputDirectory.prepare(dir.toString(), false, CONF));
    assertTrue(
        e.getMessage()
            .startsWith("--out " + dir + ": already holds 2 files (metrics.json, " + "notes.txt)"),
        e.getMessage());
    assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());

    OutputDirectory out = OutputDirectory.prepare(dir.toString(), true, CONF);
    out.writeText("metrics.json", "new");
    assertEquals("old", Files.readString(dir.resolve("metrics.json")), "not before the end");
    assertTrue(Files.exists(dir.resolve("notes.txt")));
    out.finish(true);
    assertEquals(List.of("metrics.json"), names(dir), "no file of the earlier run is left");
    assertEquals("new", Files.readString(dir.resolve("metrics.json")));
  }

  @Test
  void aFailedRunLeavesNoFolderItCreatedAndLeavesAnEarlierRunAlone() throws Exception {
    Path fresh = tmp.resolve("fresh");
    OutputDirectory out = OutputDirectory.prepare(fresh.toString(), false, CONF);
    out.writeText("model.bin", "half");
    out.close();
    assertFalse(Files.exists(fresh), "a failed run leaves no empty folder behind");

    Path kept = Files.createDirectories(tmp.resolve("kept"));
    Files.writeString(kept.resolve("model.bin"), "earlier");
    OutputDirectory again = OutputDirectory.prepare(kept.toString(), true, CONF);
    again.writeText("model.bin", "later");
    again.close();
    assertEquals(List.of("model.bin"), names(kept));
    assertEquals("earlier", Files.readString(kept.resolve("model.bin")));
  }

  @Test
  void writtenNowSurvivesAFailureAndAStaleStagingFolderIsCleared() throws Exception {
    Path dir = tmp.resolve("ck");
    OutputDirectory out = OutputDirectory.prepare(dir.toString(), false, CONF);
    out.writeNow("checkpoint-1.bin", s -> s.write(1));
    out.writeText("model.bin", "x");
    out.close();
    assertEquals(List.of("checkpoint-1.bin"), names(dir), "the checkpoint stays, staging goes");

    Files.createDirectories(dir.resolve(".sparksvm-staging-killed"));
    OutputDirectory resumed = OutputDirectory.prepare(dir.toString(), true, CONF);
    resumed.writeNow("checkpoint-2.bin", s -> s.write(2));
    resumed.writeText("model.bin", "y");
    resumed.finish(true);
    assertEquals(List.of("checkpoint-2.bin", "model.bin"), names(dir));
  }

  @Test
  void unusablePathsAreNamedBeforeAnythingRuns() throws Exception {
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    assertTrue(
        assertThrows(
                OutputException.class, () -> OutputDirectory.prepare(file.toString(), true, CONF))
            .getMessage()
            .contains("exists and is not a directory"));
    // /proc refuses new folders even to root, who may write anywhere else.
    IllegalArgumentException e =
        assertThrows(
            OutputException.class,
            () -> OutputDirectory.prepare("/proc/sparksvm-out", false, CONF));
    assertTrue(e.getMessage().startsWith("--out /proc/sparksvm-out: "), e.getMessage());
  }
}
