package dev.sparksvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data archive (submit/jvm.sh): written once, by the first run of a build,
 * then reused; a run with it gives the bits a run without it gives.
 */
@Tag("process")
class ClassDataArchiveTest {
  private static final Path ROOT = Path.of("").toAbsolutePath();

  /** stderr of {@code submit/local.sh train --iters 5 --out OUT} with {@code env}. */
  private static String train(Map<String, String> env, Path out) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of("bash", "submit/local.sh", "train", "--iters", "5", "--out", out.toString()));
    ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile());
    pb.environment().remove("SPARK_HOME");
    pb.environment().put("SPARKSVM_DRIVER_MEMORY", "2g");
    pb.environment().putAll(env);
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the launcher did not return");
    assertEquals(0, p.exitValue(), err);
    return err;
  }

  private static String weights(Path out) throws Exception {
    Matcher m =
        Pattern.compile("\"weights_sha256\"\\s*:\\s*\"([0-9a-f]{64})\"")
            .matcher(Files.readString(out.resolve("metrics.json")));
    assertTrue(m.find());
    return m.group(1);
  }

  private static List<Path> archives(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  @Test
  void theFirstRunWritesTheArchiveTheNextUseItWithTheSameBits(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("cds");
    Map<String, String> env = Map.of("SPARKSVM_CDS_DIR", dir.toString());
    String first = train(env, tmp.resolve("a"));
    assertTrue(first.contains("sparksvm: writing a class-data archive"), first);
    List<Path> written = archives(dir);
    assertEquals(1, written.size(), "one archive, no partial file left: " + written);
    assertTrue(written.get(0).getFileName().toString().matches("sparksvm-[0-9a-f]{16}\\.jsa"));
    assertTrue(Files.size(written.get(0)) > 1_000_000, "an archive of Spark's classes");
    FileTime stamp = Files.getLastModifiedTime(written.get(0));

    String second = train(env, tmp.resolve("b"));
    assertFalse(second.contains("class-data archive"), second);
    assertEquals(written, archives(dir));
    assertEquals(stamp, Files.getLastModifiedTime(written.get(0)), "not written again");

    train(Map.of("SPARKSVM_CDS", "off", "SPARKSVM_CDS_DIR", dir.toString()), tmp.resolve("c"));
    assertEquals(weights(tmp.resolve("c")), weights(tmp.resolve("a")));
    assertEquals(weights(tmp.resolve("c")), weights(tmp.resolve("b")));
  }
}
