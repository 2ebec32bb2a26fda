package dev.sparksvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.spark.CifarFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code train} run writes its outputs (folder, model, checkpoints, CSV, JSON, charts) with the
 * umask of the shell that started it, as any Unix program does, and never world-writable: Hadoop's
 * local file system would otherwise apply its own umask (022) whatever the user's.
 */
@Tag("process")
class FilePermissionsTest {
  @TempDir Path tmp;

  @Test
  void underUmask077EveryOutputIsTheOwnersAlone() throws Exception {
    Map<String, String> modes = train("077");
    modes.forEach(
        (file, mode) ->
            assertEquals(file.endsWith("/") ? "rwx------" : "rw-------", mode, file + " " + modes));
  }

  @Test
  void underTheDefaultUmaskOthersMayRead() throws Exception {
    Map<String, String> modes = train("022");
    modes.forEach(
        (file, mode) ->
            assertEquals(file.endsWith("/") ? "rwxr-xr-x" : "rw-r--r--", mode, file + " " + modes));
  }

  /** A umask that would let others write still does not. */
  @Test
  void underUmask000NothingIsWorldWritable() throws Exception {
    Map<String, String> modes = train("000");
    modes.forEach(
        (file, mode) ->
            assertEquals(file.endsWith("/") ? "rwxrwxr-x" : "rw-rw-r--", mode, file + " " + modes));
  }

  /** Runs train under {@code umask}; returns each output's mode by name (folders end in /). */
  private Map<String, String> train(String umask) throws Exception {
    Path data = CifarFixtures.batches(tmp.resolve("data"), 20);
    Path out = tmp.resolve("run-" + umask).resolve("out");
    List<String> command =
        new ArrayList<>(List.of("sh", "-c", "umask " + umask + " && exec \"$@\"", "sh"));
    command.addAll(
        MainProcess.command(
            List.of(),
            "train",
            "--master",
            "local[2]",
            "--data",
            data.toString(),
            "--val",
            "20",
            "--iters",
            "10",
            "--batch",
            "16",
            "--checkpoint-every",
            "5",
            "--out",
            out.toString()));
    Path err = tmp.resolve("err-" + umask + ".txt");
    Process p = MainProcess.start(command, null, err, Map.of(), null);
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "train did not end in 3 minutes");
    assertEquals(0, p.exitValue(), Files.readString(err));
    Map<String, String> modes = new TreeMap<>();
    try (Stream<Path> files = Files.walk(out.getParent())) {
      for (Path f : files.filter(f -> !f.equals(out.getParent())).toList()) {
        modes.put(
            out.getParent().relativize(f) + (Files.isDirectory(f) ? "/" : ""),
            PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
      }
    }
    assertTrue(modes.containsKey("out/model.bin"), modes.toString());
    assertTrue(modes.keySet().stream().anyMatch(f -> f.contains("checkpoint-")), modes.toString());
    for (Map.Entry<String, String> e : modes.entrySet()) {
      assertTrue(
          !permissions(e.getValue()).contains(PosixFilePermission.OTHERS_WRITE),
          "world-writable: " + e);
    }
    return modes;
  }

  private static java.util.Set<PosixFilePermission> permissions(String mode) throws IOException {
    return PosixFilePermissions.fromString(mode);
  }
}
