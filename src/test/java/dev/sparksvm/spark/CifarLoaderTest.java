package dev.sparksvm.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.cli.Main;
import dev.sparksvm.data.Cifar10;
import dev.sparksvm.data.ImageBlock;
import dev.sparksvm.data.InvalidDataException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading CIFAR-10 files through Hadoop's fixed-length input into cached blocks, on local[2]. */
class CifarLoaderTest {
  private final JavaSparkContext sc = LocalSpark.get();
  private final Configuration conf = sc.hadoopConfiguration();

  @Test
  void directoryFileAndGlobResolveToTheBatchFiles(@TempDir Path dir) throws Exception {
    CifarFixtures.batches(dir, 30);
    Files.writeString(dir.resolve("readme.txt"), "not data");
    CifarFiles all = CifarFiles.resolve(dir.toString(), conf, Cifar10.TRAIN_PATTERN);
    assertEquals(5, all.paths().size());
    assertEquals(150, all.totalRecords());
    assertTrue(all.paths().get(0).endsWith("data_batch_1.bin"));

    CifarFiles one = CifarFiles.resolve(dir.resolve("data_batch_3.bin").toString(), conf,
        Cifar10.TRAIN_PATTERN);
    assertEquals(1, one.paths().size());
    CifarFiles glob = CifarFiles.resolve(dir + "/data_batch_[12].bin", conf, Cifar10.TRAIN_PATTERN);
    assertEquals(2, glob.paths().size());
    CifarFiles uri = CifarFiles.resolve("file://" + dir, conf, Cifar10.TRAIN_PATTERN);
    assertEquals(150, uri.totalRecords());
  }

  @Test
  void blocksHoldEveryRecordOnceInIndexOrderAndCompactly(@TempDir Path dir) throws Exception {
    CifarFixtures.batches(dir, 40);
    CifarFiles files = CifarFiles.resolve(dir.toString(), conf, Cifar10.TRAIN_PATTERN);
    ImageData data = CifarLoader.load(sc, files, RecordSelection.all(), 3, "test");
    try {
      assertEquals(200, data.count());
      assertArrayEquals(new long[] {67, 67, 66}, data.partitionSizes());
      assertTrue(data.cachedBytes() >= 200L * Cifar10.RECORD_BYTES, "cached " + data.cachedBytes());
      assertTrue(data.cachedBytes() <= 1.1 * 200 * Cifar10.RECORD_BYTES, "cached " + data.cachedBytes());

      // Global record i sits in partition i mod 3 at position i / 3, with its own bytes.
      byte[] all = new byte[200 * Cifar10.RECORD_BYTES];
      for (int f = 0; f < 5; f++) {
        byte[] file = Files.readAllBytes(dir.resolve("data_batch_" + (f + 1) + ".bin"));
        System.arraycopy(file, 0, all, f * file.length, file.length);
      }
      List<ImageBlock> blocks = data.blocks().collect();
      for (int i = 0; i < 200; i++) {
        ImageBlock block = blocks.get(i % 3);
        int at = i / 3;
        int base = i * Cifar10.RECORD_BYTES;
        assertEquals(all[base], block.label(at), "label of record " + i);
        for (int j = 0; j < Cifar10.PIXELS; j += 97) {
          assertEquals(all[base + 1 + j] & 0xFF, block.pixel(at, j), "record " + i + " pixel " + j);
        }
      }
    } finally {
      data.unpersist();
    }
  }

  @Test
  void validationSplitIsDisjointAndIndependentOfPartitions(@TempDir Path dir) throws Exception {
    CifarFixtures.batches(dir, 20);
    CifarFiles files = CifarFiles.resolve(dir.toString(), conf, Cifar10.TRAIN_PATTERN);
    TrainingSet two = TrainingSet.load(sc, files, 17, 2, 5);
    TrainingSet three = TrainingSet.load(sc, files, 17, 3, 5);
    try {
      assertEquals(83, two.train().count());
      assertEquals(17, two.validation().count());
      assertEquals(labelsOf(two.validation()), labelsOf(three.validation()));
      assertArrayEquals(two.mean(), three.mean());
      assertEquals(Cifar10.PIXELS, two.mean().length);
    } finally {
      two.unpersist();
      three.unpersist();
    }
  }

  @Test
  void aBadLabelNamesTheFileAndTheRecord(@TempDir Path dir) throws Exception {
    CifarFixtures.file(dir.resolve("data_batch_1.bin"), 30, -1, 0);
    CifarFixtures.file(dir.resolve("data_batch_2.bin"), 30, 17, 12);
    CifarFiles files = CifarFiles.resolve(dir.toString(), conf, Cifar10.TRAIN_PATTERN);
    Exception e = assertThrows(Exception.class,
        () -> CifarLoader.load(sc, files, RecordSelection.all(), 2, "bad"));
    Throwable cause = causeOfType(e, InvalidDataException.class);
    assertNotNull(cause, "no InvalidDataException in " + e);
    assertTrue(cause.getMessage().contains("data_batch_2.bin: record 17 "), cause.getMessage());
    assertTrue(cause.getMessage().contains("label 12"), cause.getMessage());
  }

  @Test
  void aFileThatIsNotWholeRecordsIsRejectedByName(@TempDir Path dir) throws Exception {
    Path file = CifarFixtures.file(dir.resolve("data_batch_1.bin"), 3, -1, 0);
    Files.write(file, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
    InvalidDataException e = assertThrows(InvalidDataException.class,
        () -> CifarFiles.resolve(dir.toString(), conf, Cifar10.TRAIN_PATTERN));
    assertTrue(e.getMessage().contains("data_batch_1.bin: length 9222 is not a multiple of the 3073"),
        e.getMessage());
  }

  @Test
  void missingPathsEmptyDirectoriesAndEmptyFilesAreRejected(@TempDir Path dir) throws Exception {
    assertThrows(InvalidDataException.class,
        () -> CifarFiles.resolve(dir.resolve("nope").toString(), conf, Cifar10.TRAIN_PATTERN));
    InvalidDataException empty = assertThrows(InvalidDataException.class,
        () -> CifarFiles.resolve(dir.toString(), conf, Cifar10.TRAIN_PATTERN));
    assertTrue(empty.getMessage().contains("holds no data_batch_*.bin"), empty.getMessage());
    assertThrows(InvalidDataException.class,
        () -> CifarFiles.resolve(dir + "/*.bin", conf, Cifar10.TRAIN_PATTERN));
    Files.write(dir.resolve("data_batch_1.bin"), new byte[0]);
    InvalidDataException zero = assertThrows(InvalidDataException.class,
        () -> CifarFiles.resolve(dir.toString(), conf, Cifar10.TRAIN_PATTERN));
    assertTrue(zero.getMessage().contains("is empty"), zero.getMessage());
  }

  @Test
  void theCommandLineTurnsABadRecordInsideSparkIntoOneLineAndExitCode2(@TempDir Path dir)
      throws Exception {
    // Main.run would start its own SparkContext; the user error it prints is found the same way.
    CifarFixtures.file(dir.resolve("data_batch_1.bin"), 10, 3, 200);
    CifarFiles files = CifarFiles.resolve(dir.toString(), conf, Cifar10.TRAIN_PATTERN);
    Exception e = assertThrows(Exception.class,
        () -> CifarLoader.load(sc, files, RecordSelection.all(), 2, "bad"));
    Throwable userError = Main.userError(e);
    assertNotNull(userError);
    assertTrue(userError.getMessage().contains("data_batch_1.bin: record 3 (byte offset 9219) has "
        + "label 200, expected 0..9"), userError.getMessage());
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

  private static Throwable causeOfType(Throwable e, Class<?> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return t;
      }
    }
    return null;
  }
}
