package dev.sparksvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.data.HostileFiles;
import dev.sparksvm.data.SyntheticCifar10;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written to hurt their reader, each given to {@code train} in a JVM whose heap is too small
 * for what the file claims: every one is refused in one line naming the file, exit code 2, with no
 * OutOfMemoryError and no stack trace. A reader that believed the header (allocated the images it
 * promises, or decompressed the file to its end) would fail or take minutes instead.
 */
@Tag("process")
class HostileFilesTest {
  /** A heap in which the IDX files' claims (about 1 GB each) cannot be allocated. */
  private static final String SMALL_HEAP = "-Xmx96m";

  /** Spark's own floor: it refuses to start below about 450 MB. */
  private static final String SPARK_FLOOR = "-Xmx512m";

  @TempDir Path tmp;

  @Test
  void aGzippedIdxFileThatClaimsAGigabyteItDoesNotHold() throws Exception {
    Path data = HostileFiles.claimsMoreThanItHolds(tmp.resolve("data"), 1_300_000, 10);
    assertRefused(
        SMALL_HEAP,
        data,
        "file:"
            + data.resolve("train-images-idx3-ubyte.gz")
            + ": 7856 bytes, but the header promises 1300000 images of 28x28 (1019200016 bytes):"
            + " image 10 is cut short");
  }

  /** 4 GiB of zeros behind 10 honest images, in a file of about 4 MB. */
  @Test
  void aGzippedIdxFileThatDecompressesToGigabytes() throws Exception {
    Path data = HostileFiles.decompressionBomb(tmp.resolve("data"), 10, 4096);
    assertRefused(
        SMALL_HEAP,
        data,
        "file:"
            + data.resolve("train-images-idx3-ubyte.gz")
            + ": decompresses to more than the 7856 bytes its header promises; refused without"
            + " reading further (a damaged file, or a decompression bomb)");
  }

  /**
   * A CIFAR-10 record with label 255 in a set of three classes (its class_names.txt): found by the
   * task that reads the record, still one line.
   */
  @Test
  void aCifarLabelOf255InDataWithThreeClasses() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("data"));
    byte[] records = SyntheticCifar10.records(30, 5);
    for (int r = 0; r < 30; r++) {
      records[r * 3073] = (byte) (r % 3);
    }
    records[17 * 3073] = (byte) 255;
    Files.write(data.resolve("data_batch_1.bin"), records);
    Files.writeString(data.resolve("batches.meta.txt"), "cat\ndog\nship\n");
    assertRefused(
        SPARK_FLOOR,
        data,
        "file:"
            + data.resolve("data_batch_1.bin")
            + ": record 17 (byte offset 52241) has label 255, expected 0..2");
  }

  /** A model.bin whose header claims 10 x 10,000,000 (800 MB of W) in a file of 4 KB. */
  @Test
  void aModelFileThatClaimsHugeCAndD() throws Exception {
    Path model = HostileFiles.hugeModel(tmp.resolve("model"), 10, 10_000_000);
    assertRefused(
        SPARK_FLOOR,
        "model file is truncated (4112 bytes cannot hold a 10 x 10000000 model)",
        "evaluate",
        "--model",
        model.toString(),
        "--data",
        smallCifar().toString(),
        "--master",
        "local[2]");
  }

  /**
   * A checkpoint whose W claims 10 x 10,000,000 (800 MB) in a file of 4 KB: --resume refuses it.
   */
  @Test
  void aCheckpointThatClaimsHugeCAndD() throws Exception {
    Path resume = HostileFiles.hugeCheckpoint(tmp.resolve("resume"), 10, 10_000_000);
    assertRefused(
        SPARK_FLOOR,
        "checkpoint is truncated",
        "train",
        "--data",
        smallCifar().toString(),
        "--val",
        "5",
        "--resume",
        resume.toString(),
        "--master",
        "local[2]",
        "--out",
        tmp.resolve("out").toString());
  }

  private Path smallCifar() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("cifar"));
    Files.write(data.resolve("data_batch_1.bin"), SyntheticCifar10.records(30, 5));
    return data;
  }

  private void assertRefused(String heap, Path data, String expected) throws Exception {
    Path out = tmp.resolve("out");
    String[] argv = {
      "train",
      "--data",
      data.toString(),
      "--val",
      "5",
      "--batch",
      "8",
      "--master",
      "local[2]",
      "--out",
      out.toString()
    };
    assertRefused(heap, expected, argv);
    assertEquals(
        List.of("sparksvm: error: " + expected),
        Files.readString(tmp.resolve("stderr.txt"))
            .lines()
            .filter(l -> l.startsWith("sparksvm:"))
            .toList());
  }

  /** Runs {@code argv} with {@code heap}: one line containing {@code expected}, exit 2. */
  private void assertRefused(String heap, String expected, String... argv) throws Exception {
    Path out = tmp.resolve("out");
    Path err = tmp.resolve("stderr.txt");
    Process p = MainProcess.start(null, err, List.of(heap), Map.of(), null, argv);
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "train did not end in 3 minutes");
    String stderr = Files.readString(err);
    assertEquals(2, p.exitValue(), stderr);
    List<String> ours = stderr.lines().filter(l -> l.startsWith("sparksvm:")).toList();
    assertEquals(1, ours.size(), stderr);
    assertTrue(ours.get(0).startsWith("sparksvm: error: "), stderr);
    assertTrue(ours.get(0).contains(expected), stderr);
    assertFalse(stderr.contains("OutOfMemoryError"), stderr);
    assertFalse(stderr.contains("\tat "), "no stack trace: " + stderr);
    assertFalse(Files.exists(out.resolve("model.bin")), "nothing written");
    if (Files.isDirectory(out)) {
      try (var names = Files.list(out)) {
        List<String> left =
            names
                .map(f -> f.getFileName().toString())
                .filter(n -> n.startsWith(".sparksvm-staging"))
                .toList();
        assertEquals(List.of(), left, "no staging folder left behind (issue 20, item 11)");
      }
    }
  }
}
