package dev.sparksvm.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.cli.Main;
import dev.sparksvm.data.Cifar10;
import dev.sparksvm.data.DataFormat;
import dev.sparksvm.data.ImageBlock;
import dev.sparksvm.data.InvalidDataException;
import dev.sparksvm.input.ImageFiles;
import dev.sparksvm.input.RecordSelection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.RDDBlockId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading CIFAR-10 files by byte ranges into cached blocks, on local[2]. */
class ImageLoaderTest {
  private final JavaSparkContext sc = LocalSpark.get();
  private final Configuration conf = sc.hadoopConfiguration();

  private ImageFiles resolve(String path) {
    return ImageFiles.resolve(path, ImageFiles.Request.training(), conf);
  }

  @Test
  void directoryFileAndGlobResolveToTheBatchFiles(@TempDir Path dir) throws Exception {
    CifarFixtures.batches(dir, 30);
    Files.writeString(dir.resolve("readme.txt"), "not data");
    ImageFiles all = resolve(dir.toString());
    assertEquals(DataFormat.CIFAR10, all.format());
    assertEquals("detected: the directory holds data_batch_*.bin", all.detection());
    assertEquals(Cifar10.SCHEMA, all.schema());
    assertEquals(5, all.paths().size());
    assertEquals(150, all.totalRecords());
    assertEquals(150L * Cifar10.RECORD_BYTES, all.dataBytes());
    assertTrue(all.paths().get(0).endsWith("data_batch_1.bin"));

    ImageFiles one = resolve(dir.resolve("data_batch_3.bin").toString());
    assertEquals(1, one.paths().size());
    assertEquals("detected: the name of data_batch_3.bin", one.detection());
    ImageFiles glob = resolve(dir + "/data_batch_[12].bin");
    assertEquals(2, glob.paths().size());
    ImageFiles uri = resolve("file://" + dir);
    assertEquals(150, uri.totalRecords());
    // A name no format uses: told by its length, a whole number of 3073-byte records only.
    Files.copy(dir.resolve("data_batch_1.bin"), dir.resolve("images.dat"));
    ImageFiles sniffed = resolve(dir.resolve("images.dat").toString());
    assertEquals(DataFormat.CIFAR10, sniffed.format());
    assertEquals("detected: the contents of images.dat", sniffed.detection());
  }

  @Test
  void partitionPHoldsItsContiguousRangeInIndexOrderCompactly(@TempDir Path dir) throws Exception {
    CifarFixtures.batches(dir, 40);
    ImageFiles files = resolve(dir.toString());
    ImageData data = ImageLoader.load(sc, files, RecordSelection.all(), 3, "test");
    try {
      assertEquals(200, data.count());
      assertArrayEquals(new long[] {66, 67, 67}, data.partitionSizes());
      assertTrue(data.cachedBytes() >= 200L * Cifar10.RECORD_BYTES, "cached " + data.cachedBytes());
      assertTrue(
          data.cachedBytes() <= 1.1 * 200 * Cifar10.RECORD_BYTES, "cached " + data.cachedBytes());
      byte[] all = concatenated(dir);
      List<ImageBlock> blocks = data.blocks().collect();
      int[] starts = {0, 66, 133, 200};
      for (int p = 0; p < 3; p++) {
        for (int i = starts[p]; i < starts[p + 1]; i++) {
          assertRecord(all, i, blocks.get(p), i - starts[p]);
        }
      }
    } finally {
      data.unpersist();
    }
  }

  @Test
  void aPartitionIsItsRangeMinusTheDroppedRecords(@TempDir Path dir) throws Exception {
    CifarFixtures.batches(dir, 40);
    long[] dropped = {0, 1, 65, 66, 67, 120, 121, 122, 199};
    ImageData data =
        ImageLoader.load(
            sc, resolve(dir.toString()), RecordSelection.allBut(dropped), 3, "selection");
    ImageData held =
        ImageLoader.load(sc, resolve(dir.toString()), RecordSelection.only(dropped), 2, "held");
    try {
      assertArrayEquals(new long[] {63, 62, 66}, data.partitionSizes());
      assertArrayEquals(new long[] {5, 4}, held.partitionSizes());
      byte[] all = concatenated(dir);
      Set<Long> drop = new HashSet<>();
      for (long d : dropped) {
        drop.add(d);
      }
      List<ImageBlock> blocks = data.blocks().collect();
      int[] starts = {0, 66, 133, 200};
      for (int p = 0; p < 3; p++) {
        int at = 0;
        for (int i = starts[p]; i < starts[p + 1]; i++) {
          if (!drop.contains((long) i)) {
            assertRecord(all, i, blocks.get(p), at++);
          }
        }
        assertEquals(blocks.get(p).size(), at);
      }
      List<ImageBlock> heldBlocks = held.blocks().collect();
      for (int k = 0; k < dropped.length; k++) {
        int p = dropped[k] < 100 ? 0 : 1;
        assertRecord(all, (int) dropped[k], heldBlocks.get(p), p == 0 ? k : k - 5);
      }
    } finally {
      data.unpersist();
      held.unpersist();
    }
  }

  @Test
  void validationSplitIsDisjointAndIndependentOfPartitions(@TempDir Path dir) throws Exception {
    CifarFixtures.batches(dir, 20);
    ImageFiles files = resolve(dir.toString());
    TrainingSet two = TrainingSet.load(sc, files, 17, 2, 5);
    TrainingSet three = TrainingSet.load(sc, files, 17, 3, 5);
    TrainingSet again = TrainingSet.load(sc, files, 17, 3, 5);
    try {
      assertEquals(83, two.train().count());
      assertEquals(17, two.validation().count());
      assertEquals(labelsOf(two.validation()), labelsOf(three.validation()));
      assertArrayEquals(two.mean(), three.mean());
      assertEquals(Cifar10.PIXELS, two.mean().length);
      // Deterministic: the same files, seed and partitions give the same blocks.
      assertArrayEquals(three.train().partitionSizes(), again.train().partitionSizes());
      List<ImageBlock> a = three.train().blocks().collect();
      List<ImageBlock> b = again.train().blocks().collect();
      for (int p = 0; p < 3; p++) {
        assertBlocksEqual(a.get(p), b.get(p));
      }
    } finally {
      two.unpersist();
      three.unpersist();
      again.unpersist();
    }
  }

  @Test
  void aLostBlockIsRebuiltFromItsOwnRangeAlone(@TempDir Path dir) throws Exception {
    CifarFixtures.batches(dir, 40);
    ImageData data =
        ImageLoader.load(sc, resolve(dir.toString()), RecordSelection.all(), 3, "lost");
    try {
      List<ImageBlock> before = data.blocks().collect();
      long readBefore = localBytesRead();
      data.blocks().collect();
      assertEquals(0, localBytesRead() - readBefore, "cached blocks are not read again");

      SparkEnv.get().blockManager().removeBlock(new RDDBlockId(data.blocks().rdd().id(), 1), true);
      List<ImageBlock> after = data.blocks().collect();
      long read = localBytesRead() - readBefore;
      for (int p = 0; p < 3; p++) {
        assertBlocksEqual(before.get(p), after.get(p));
      }
      // Partition 1 is records 66..132 (in files 2, 3 and 4): 67 records of 3073 bytes, and at most
      // a stream buffer (4 KB) more per file, nothing of the other ranges.
      long range = 67L * Cifar10.RECORD_BYTES;
      assertTrue(
          read >= range && read <= range + 3 * 4096,
          "bytes read to rebuild partition 1: " + read + ", its range has " + range);
    } finally {
      data.unpersist();
    }
  }

  /**
   * Bad labels in several partitions: the error names the first in file order every time, not the
   * record of whichever task failed first.
   */
  @Test
  void severalBadLabelsNameTheFirstInFileOrderEveryTime(@TempDir Path dir) throws Exception {
    byte[] bytes = dev.sparksvm.data.SyntheticCifar10.records(40, 99);
    for (int bad : new int[] {33, 26, 8}) {
      bytes[bad * dev.sparksvm.data.Cifar10.RECORD_BYTES] = (byte) (10 + bad);
    }
    java.nio.file.Files.write(dir.resolve("data_batch_1.bin"), bytes);
    ImageFiles files = resolve(dir.toString());
    for (int attempt = 0; attempt < 3; attempt++) {
      InvalidDataException e =
          assertThrows(
              InvalidDataException.class,
              () -> ImageLoader.load(sc, files, RecordSelection.all(), 4, "bad"));
      assertTrue(
          e.getMessage()
              .endsWith(
                  "data_batch_1.bin: record 8 (byte offset 24584) has label 18,"
                      + " expected 0..9"),
          e.getMessage());
    }
  }

  @Test
  void aBadLabelNamesTheFileAndTheRecord(@TempDir Path dir) throws Exception {
    CifarFixtures.file(dir.resolve("data_batch_1.bin"), 30, -1, 0);
    CifarFixtures.file(dir.resolve("data_batch_2.bin"), 30, 17, 12);
    ImageFiles files = resolve(dir.toString());
    Exception e =
        assertThrows(
            Exception.class, () -> ImageLoader.load(sc, files, RecordSelection.all(), 2, "bad"));
    Throwable cause = causeOfType(e, InvalidDataException.class);
    assertNotNull(cause, "no InvalidDataException in " + e);
    assertTrue(
        cause
            .getMessage()
            .contains(
                "data_batch_2.bin: record 17 (byte offset 52241) has " + "label 12, expected 0..9"),
        cause.getMessage());
  }

  @Test
  void aFileThatIsNotWholeRecordsIsRejectedByName(@TempDir Path dir) throws Exception {
    Path file = CifarFixtures.file(dir.resolve("data_batch_1.bin"), 3, -1, 0);
    Files.write(file, new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
    InvalidDataException e =
        assertThrows(InvalidDataException.class, () -> resolve(dir.toString()));
    assertTrue(
        e.getMessage()
            .contains(
                "data_batch_1.bin: length 9220 is not a multiple of the 3073"
                    + "-byte CIFAR-10 record (record 3 is cut short)"),
        e.getMessage());
  }

  @Test
  void missingPathsEmptyDirectoriesAndEmptyFilesAreRejected(@TempDir Path dir) throws Exception {
    assertThrows(InvalidDataException.class, () -> resolve(dir.resolve("nope").toString()));
    InvalidDataException empty =
        assertThrows(InvalidDataException.class, () -> resolve(dir.toString()));
    assertEquals(
        dir
            + ": directory holds no data_batch_*.bin or train.bin or "
            + "train-*-idx3-ubyte[.gz] files",
        empty.getMessage());
    InvalidDataException glob =
        assertThrows(InvalidDataException.class, () -> resolve(dir + "/*.bin"));
    assertEquals(dir + "/*.bin: no files match this pattern", glob.getMessage());
    Files.write(dir.resolve("data_batch_1.bin"), new byte[0]);
    InvalidDataException zero =
        assertThrows(InvalidDataException.class, () -> resolve(dir.toString()));
    assertTrue(zero.getMessage().endsWith("data_batch_1.bin: file is empty"), zero.getMessage());
  }

  @Test
  void theCommandLineTurnsABadRecordInsideSparkIntoOneLineAndExitCode2(@TempDir Path dir)
      throws Exception {
    // Main.run would start its own SparkContext; the user error it prints is found the same way.
    CifarFixtures.file(dir.resolve("data_batch_1.bin"), 10, 3, 200);
    ImageFiles files = resolve(dir.toString());
    Exception e =
        assertThrows(
            Exception.class, () -> ImageLoader.load(sc, files, RecordSelection.all(), 2, "bad"));
    Throwable userError = Main.userError(e);
    assertNotNull(userError);
    assertTrue(
        userError
            .getMessage()
            .contains(
                "data_batch_1.bin: record 3 (byte offset 9219) has " + "label 200, expected 0..9"),
        userError.getMessage());
  }

  /** Bytes read from local files by this JVM so far (Hadoop's file system statistics). */
  // Deprecated, but the only view of every file system class's own counters: the global storage
  // statistics keep one class per scheme, which need not be the raw local one that reads.
  @SuppressWarnings("deprecation")
  static long localBytesRead() {
    long n = 0;
    for (FileSystem.Statistics s : FileSystem.getAllStatistics()) {
      if ("file".equals(s.getScheme())) {
        n += s.getBytesRead();
      }
    }
    return n;
  }

  private static byte[] concatenated(Path dir) throws Exception {
    byte[] all = new byte[0];
    for (int f = 1; f <= 5; f++) {
      byte[] file = Files.readAllBytes(dir.resolve("data_batch_" + f + ".bin"));
      byte[] joined = java.util.Arrays.copyOf(all, all.length + file.length);
      System.arraycopy(file, 0, joined, all.length, file.length);
      all = joined;
    }
    return all;
  }

  /** Global record {@code i} of {@code all} is image {@code at} of {@code block}, every byte. */
  private static void assertRecord(byte[] all, int i, ImageBlock block, int at) {
    int base = i * Cifar10.RECORD_BYTES;
    assertEquals(all[base], block.label(at), "label of record " + i);
    for (int j = 0; j < Cifar10.PIXELS; j++) {
      if ((all[base + 1 + j] & 0xFF) != block.pixel(at, j)) {
        assertEquals(all[base + 1 + j] & 0xFF, block.pixel(at, j), "record " + i + " pixel " + j);
      }
    }
  }

  static void assertBlocksEqual(ImageBlock a, ImageBlock b) {
    assertEquals(a.size(), b.size());
    assertEquals(a.imageBytes(), b.imageBytes());
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.label(i), b.label(i));
      for (int j = 0; j < a.imageBytes(); j++) {
        if (a.pixel(i, j) != b.pixel(i, j)) {
          assertEquals(a.pixel(i, j), b.pixel(i, j), "image " + i + " pixel " + j);
        }
      }
    }
  }

  private static Set<String> labelsOf(ImageData data) {
    Set<String> out = new HashSet<>();
    for (ImageBlock b : data.blocks().collect()) {
      for (int i = 0; i < b.size(); i++) {
        out.add(b.label(i) + ":" + b.pixel(i, 0) + ":" + b.pixel(i, 1000) + ":" + b.pixel(i, 3000));
      }
    }
    return out;
  }

  static Throwable causeOfType(Throwable e, Class<?> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return t;
      }
    }
    return null;
  }
}
