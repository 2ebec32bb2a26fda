package dev.sparksvm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.data.ClassNames;
import dev.sparksvm.data.DataFormat;
import dev.sparksvm.data.ImageShape;
import dev.sparksvm.data.SyntheticSet;
import dev.sparksvm.input.ImageFiles;
import dev.sparksvm.io.OutputDirectory;
import dev.sparksvm.measure.GenerateRun;
import dev.sparksvm.spark.LocalSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code generate}: files written in parallel by Spark that train reads and learns from, the same
 * bytes for the same seed, the other layouts, and one line for each bad option.
 */
class GenerateCommandTest {
  @TempDir Path tmp;

  private record Outcome(int code, String err) {}

  private static Outcome run(String... argv) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = Main.run(argv, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return new Outcome(code, bytes.toString(StandardCharsets.UTF_8));
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void twentyThousandImagesInFourFilesAreLearnedWellAboveChance() throws Exception {
    LocalSpark.stop(); // generate opens its own context: one per JVM
    Path data = tmp.resolve("synthetic");
    Outcome o =
        run(
            "generate",
            "--images",
            "20000",
            "--per-file",
            "5000",
            "--seed",
            "7",
            "--master",
            "local[2]",
            "--out",
            data.toString());
    assertEquals(0, o.code(), o.err());
    assertEquals(
        List.of(
            "batches.meta.txt",
            "data_batch_1.bin",
            "data_batch_2.bin",
            "data_batch_3.bin",
            "data_batch_4.bin",
            GenerateRun.MANIFEST),
        names(data),
        "four files, the class names and the manifest; no temporaries, no .crc files");
    for (int f = 1; f <= 4; f++) {
      assertEquals(5000L * 3073, Files.size(data.resolve("data_batch_" + f + ".bin")));
    }
    assertEquals(ClassNames.numbered(10), Files.readAllLines(data.resolve("batches.meta.txt")));

    JavaSparkContext sc = LocalSpark.get();
    Map<String, Object> metrics =
        TrainCommandRunner.train(
            sc,
            data.toString(),
            tmp.resolve("run").toString(),
            "--iters",
            "100",
            "--val",
            "1000",
            "--eval-every",
            "0",
            "--print-every",
            "1000",
            "--partitions",
            "2");
    double val = (double) metrics.get("val_accuracy");
    assertTrue(val > 0.6, "validation accuracy " + val + " (chance is 0.1)");
    assertEquals(
        19_000L,
        ((Number) metrics.get("cached_bytes")).longValue() / 3073,
        "19,000 training images cached as 3073 bytes each");
  }

  @Test
  void theSameSeedWritesTheSameBytesAndOverwriteReplacesAnEarlierSet() throws Exception {
    JavaSparkContext sc = LocalSpark.get();
    SyntheticSet set = new SyntheticSet(DataFormat.CIFAR10, 2500, 10, 1000, 3);
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    write(sc, set, a, false);
    write(sc, new SyntheticSet(DataFormat.CIFAR10, 2500, 10, 1000, 4), b, false);
    assertFalse(
        Files.mismatch(a.resolve("data_batch_2.bin"), b.resolve("data_batch_2.bin")) < 0,
        "another seed, other bytes");
    write(sc, set, b, true);
    for (String name : List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin")) {
      assertArrayEquals(
          Files.readAllBytes(a.resolve(name)), Files.readAllBytes(b.resolve(name)), name);
    }
    assertEquals(500L * 3073, Files.size(a.resolve("data_batch_3.bin")), "the last file: the rest");

    // ensure() keeps a set whose manifest matches, and rewrites one that does not.
    long before = Files.getLastModifiedTime(a.resolve("data_batch_1.bin")).toMillis();
    Thread.sleep(20);
    assertEquals(
        2500, GenerateRun.ensure(sc, sc.hadoopConfiguration(), set, a.toString()).totalRecords());
    assertEquals(before, Files.getLastModifiedTime(a.resolve("data_batch_1.bin")).toMillis());
    SyntheticSet larger = new SyntheticSet(DataFormat.CIFAR10, 3500, 10, 1000, 3);
    assertEquals(
        3500,
        GenerateRun.ensure(sc, sc.hadoopConfiguration(), larger, a.toString()).totalRecords());
    assertTrue(Files.readString(a.resolve(GenerateRun.MANIFEST)).contains("\"images\": 3500"));
  }

  private static void write(JavaSparkContext sc, SyntheticSet set, Path dir, boolean overwrite) {
    try (OutputDirectory out =
        OutputDirectory.prepare(dir.toString(), overwrite, sc.hadoopConfiguration())) {
      GenerateRun.write(sc, sc.hadoopConfiguration(), set, out);
    }
  }

  @Test
  void idxPairsOfAnyClassCountAndCifar100AreReadBack() {
    JavaSparkContext sc = LocalSpark.get();
    Path idx = tmp.resolve("idx");
    write(sc, new SyntheticSet(DataFormat.IDX, 2500, 12, 1000, 1), idx, false);
    ImageFiles files =
        ImageFiles.resolve(idx.toString(), ImageFiles.Request.training(), sc.hadoopConfiguration());
    assertEquals(DataFormat.IDX, files.format());
    assertEquals(3, files.sources().size());
    assertEquals(2500, files.totalRecords());
    assertEquals(12, files.schema().classes());
    assertEquals(new ImageShape(28, 28, 1), files.schema().shape());

    Path c100 = tmp.resolve("c100");
    write(sc, new SyntheticSet(DataFormat.CIFAR100, 600, 100, 1000, 1), c100, false);
    ImageFiles fine =
        ImageFiles.resolve(
            c100.toString(), ImageFiles.Request.training(), sc.hadoopConfiguration());
    assertEquals(DataFormat.CIFAR100, fine.format());
    assertEquals(600, fine.totalRecords());
    assertEquals(100, fine.schema().classes());
  }

  @Test
  void badOptionsAreOneLineAndExitCode2() throws Exception {
    Path full = Files.createDirectories(tmp.resolve("full"));
    Files.writeString(full.resolve("keep.txt"), "an earlier run");
    String out = tmp.resolve("new").toString();
    List<String[]> bad =
        List.of(
            new String[] {"--images", "0", "--out", out},
            new String[] {"--images", "10", "--format", "jpeg", "--out", out},
            new String[] {"--images", "10", "--classes", "1", "--out", out},
            new String[] {"--images", "10", "--classes", "300", "--format", "idx", "--out", out},
            new String[] {
              "--images", "10", "--format", "cifar100", "--classes", "10", "--out", out
            },
            new String[] {"--images", "20000", "--format", "cifar100", "--out", out},
            new String[] {"--images", "10", "--per-file", "10001", "--out", out},
            new String[] {"--images", "10", "--out", full.toString()});
    List<String> named =
        List.of(
            "--images",
            "--format",
            "--classes",
            "--classes",
            "--classes",
            "--images",
            "--per-file",
            "--out");
    for (int i = 0; i < bad.size(); i++) {
      String[] argv =
          Stream.concat(Stream.of("generate"), Stream.of(bad.get(i))).toArray(String[]::new);
      Outcome o = run(argv);
      assertEquals(2, o.code(), String.join(" ", argv) + ": " + o.err());
      assertEquals(1, o.err().lines().count(), o.err());
      assertTrue(o.err().startsWith("sparksvm: error: "), o.err());
      assertTrue(o.err().contains(named.get(i)), o.err());
    }
    // Beyond the documented limit: refused at once (it once ran 11 minutes out of memory).
    Outcome huge = run("generate", "--images", "1000000000000", "--out", out);
    assertEquals(2, huge.code(), huge.err());
    assertEquals(
        "sparksvm: error: --images must be an integer in 1..100,000,000, got 1000000000000",
        huge.err().strip());
    // More than the disk holds: refused before Spark starts, naming both sizes.
    long tooMany = new java.io.File(tmp.toString()).getFreeSpace() / 3073 + 1000;
    if (tooMany <= dev.sparksvm.options.GenerateOptions.MAX_IMAGES) {
      Outcome noRoom = run("generate", "--images", Long.toString(tooMany), "--out", out);
      assertEquals(2, noRoom.code(), noRoom.err());
      assertEquals(1, noRoom.err().lines().count(), noRoom.err());
      assertTrue(
          noRoom
              .err()
              .matches(
                  "(?s)sparksvm: error: --out \\S+: [0-9,]+ images needs .* are free there\\s*"),
          noRoom.err());
    }
    Outcome missing = run("generate", "--out", out);
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("--images"), missing.err());
    assertFalse(Files.exists(Path.of(out)), "nothing was written");
    assertEquals(List.of("keep.txt"), names(full));
  }
}
