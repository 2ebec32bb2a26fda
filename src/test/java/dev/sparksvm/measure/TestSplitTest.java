package dev.sparksvm.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.data.RecordSource;
import dev.sparksvm.data.SyntheticImages;
import dev.sparksvm.options.UsageException;
import dev.sparksvm.spark.CifarFixtures;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ml-bench's test images are never training images, whatever {@code --data} is: a directory (its
 * test files), a glob or a single file (which name no test files of their own: their last images
 * are held out), or with {@code --test}. The check here lists every record each side reads, by real
 * file and record number, independently of how {@link TestSplit} decides.
 */
class TestSplitTest {
  @TempDir Path tmp;

  private final Configuration conf = new Configuration();

  /** Five data_batch_N.bin files of 100 records: 500 images. */
  private Path cifar() throws IOException {
    return CifarFixtures.batches(tmp.resolve("cifar"), 100);
  }

  @Test
  void aGlobOfTrainingFilesHoldsOutImagesItNeverTrainsOn() throws IOException {
    Path dir = cifar();
    TestSplit split = TestSplit.of(dir + "/data_batch_[1-4].bin", null, 0, 0, conf);
    assertDisjoint(split);
    assertEquals(320, trained(split).size(), "400 images, a fifth held out");
    assertEquals(80, tested(split).size());
    assertTrue(split.description().contains("the last 80 training images"), split.description());
  }

  @Test
  void aListOfFilesHoldsOutToo() throws IOException {
    Path dir = cifar();
    TestSplit split = TestSplit.of(dir + "/{data_batch_1.bin,data_batch_3.bin}", null, 0, 50, conf);
    assertDisjoint(split);
    assertEquals(150, trained(split).size());
    assertEquals(50, tested(split).size());
  }

  @Test
  void oneFileHoldsOutToo() throws IOException {
    Path dir = cifar();
    TestSplit split = TestSplit.of(dir.resolve("data_batch_2.bin").toString(), null, 60, 0, conf);
    assertDisjoint(split);
    assertEquals(60, trained(split).size());
    assertEquals(20, tested(split).size());
  }

  /** Fashion-MNIST's layout: train-* and t10k-* pairs, gzipped. */
  @Test
  void aDirectorysTestFilesAreItsT10kFilesAndNeverTrainedOn() throws IOException {
    Path dir = tmp.resolve("fashion");
    SyntheticImages.idx(dir, "train", 300, 10, true, 1);
    SyntheticImages.idx(dir, "t10k", 100, 10, true, 2);
    TestSplit split = TestSplit.of(dir.toString(), null, 0, 0, conf);
    assertDisjoint(split);
    assertEquals(300, trained(split).size());
    assertEquals(100, tested(split).size());
    assertEquals(
        List.of("t10k-images-idx3-ubyte.gz"),
        split.test().sources().stream().map(s -> name(s.path())).toList());
    assertEquals(
        List.of("train-images-idx3-ubyte.gz"),
        split.train().sources().stream().map(s -> name(s.path())).toList());
    assertEquals("the data's test files: t10k-images-idx3-ubyte.gz", split.description());

    TestSplit some = TestSplit.of(dir.toString(), null, 120, 40, conf);
    assertEquals(120, trained(some).size());
    assertEquals(40, tested(some).size());
  }

  /** A validation split of Fashion-MNIST's training set: its training files by a glob. */
  @Test
  void aGlobOfIdxTrainingFilesHoldsOutItsLastImages() throws IOException {
    Path dir = tmp.resolve("fashion");
    SyntheticImages.idx(dir, "train", 300, 10, true, 1);
    SyntheticImages.idx(dir, "t10k", 100, 10, true, 2);
    TestSplit split = TestSplit.of(dir + "/train-*", null, 0, 100, conf);
    assertDisjoint(split);
    assertEquals(200, trained(split).size());
    assertEquals(100, tested(split).size());
    assertTrue(
        split.test().sources().stream().allMatch(s -> name(s.path()).startsWith("train-")),
        "the t10k files take no part");
  }

  @Test
  void aTestPathThatHoldsTrainingImagesIsRefused() throws IOException {
    Path dir = cifar();
    UsageException e =
        assertThrows(
            UsageException.class,
            () -> TestSplit.of(dir.toString(), dir + "/data_batch_2.bin", 0, 0, conf));
    assertTrue(e.getMessage().startsWith("--test " + dir + "/data_batch_2.bin: "), e.getMessage());
    assertTrue(e.getMessage().contains("data_batch_2.bin is a training file"), e.getMessage());
  }

  /** The same file under another name is the same file. */
  @Test
  void aLinkToATrainingFileIsRefusedToo() throws IOException {
    Path dir = cifar();
    Path other = Files.createDirectories(tmp.resolve("other"));
    Files.createSymbolicLink(other.resolve("test_batch.bin"), dir.resolve("data_batch_5.bin"));
    UsageException e =
        assertThrows(
            UsageException.class, () -> TestSplit.of(dir.toString(), other.toString(), 0, 0, conf));
    assertTrue(e.getMessage().contains("test_batch.bin is a training file"), e.getMessage());
  }

  /** README's confirm step: training on batches 1-2 and testing on batch 4, all from one folder. */
  @Test
  void aTestFileBeyondTheTrainingImagesIsAccepted() throws IOException {
    Path dir = cifar();
    TestSplit split = TestSplit.of(dir.toString(), dir + "/data_batch_4.bin", 200, 50, conf);
    assertDisjoint(split);
    assertEquals(200, trained(split).size());
    assertEquals(50, tested(split).size());
  }

  @Test
  void moreImagesThanThereAreIsTheUsersMistake() throws IOException {
    Path dir = tmp.resolve("fashion");
    SyntheticImages.idx(dir, "train", 300, 10, false, 1);
    SyntheticImages.idx(dir, "t10k", 100, 10, false, 2);
    UsageException images =
        assertThrows(UsageException.class, () -> TestSplit.of(dir.toString(), null, 301, 0, conf));
    assertTrue(images.getMessage().startsWith("--images must be"), images.getMessage());
    UsageException test =
        assertThrows(UsageException.class, () -> TestSplit.of(dir.toString(), null, 0, 101, conf));
    assertTrue(test.getMessage().startsWith("--test-images must be"), test.getMessage());
    UsageException held =
        assertThrows(
            UsageException.class, () -> TestSplit.of(dir + "/train-*", null, 251, 50, conf));
    assertTrue(held.getMessage().startsWith("--images must be"), held.getMessage());
  }

  private static void assertDisjoint(TestSplit split) {
    Set<String> both = new HashSet<>(trained(split));
    both.retainAll(tested(split));
    assertTrue(
        both.isEmpty(),
        both.size()
            + " tested images are trained on too, e.g. "
            + both.stream().sorted().limit(3).toList());
  }

  /** Every training record as "real file#record". */
  private static Set<String> trained(TestSplit split) {
    Set<String> out = new HashSet<>();
    for (RecordSource s : split.train().sources()) {
      for (long r = 0; r < s.records(); r++) {
        out.add(real(s.path()) + "#" + r);
      }
    }
    return out;
  }

  /** Every test record kept by the selection (global numbering across the test files). */
  private static Set<String> tested(TestSplit split) {
    Set<String> out = new HashSet<>();
    long global = 0;
    for (RecordSource s : split.test().sources()) {
      for (long r = 0; r < s.records(); r++, global++) {
        if (split.testRecords().keeps(global)) {
          out.add(real(s.path()) + "#" + r);
        }
      }
    }
    return out;
  }

  private static String real(String uri) {
    try {
      return Path.of(URI.create(uri)).toRealPath().toString();
    } catch (IOException e) {
      throw new AssertionError(uri, e);
    }
  }

  private static String name(String uri) {
    return uri.substring(uri.lastIndexOf('/') + 1);
  }
}
