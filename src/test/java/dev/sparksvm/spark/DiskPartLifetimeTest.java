package dev.sparksvm.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.core.L2Regularizer;
import dev.sparksvm.core.MulticlassHinge;
import dev.sparksvm.core.Precision;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.DiskRoom;
import dev.sparksvm.data.MemoryPlan;
import dev.sparksvm.data.StorageBudget;
import dev.sparksvm.input.ImageFiles;
import dev.sparksvm.input.RecordSelection;
import dev.sparksvm.optim.MiniBatchPlan;
import dev.sparksvm.optim.Objective;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.RDDBlockId;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A block's file on local disk lives exactly as long as the cached block that reads it, on a real
 * local[2] context whose storage memory ({@code spark.memory.fraction}) holds about a third of the
 * set and whose {@code spark.local.dir} is this test's folder, where the files are counted: a block
 * Spark evicts (to cache another RDD) takes its file with it and its rebuild writes one file, not
 * one more per eviction; a block Spark cannot cache at all loses its file when its task ends; and
 * the steps' bits never change on the way.
 */
class DiskPartLifetimeTest {
  @TempDir static Path data;
  @TempDir static Path localDir;
  private static JavaSparkContext sc;
  private static ImageFiles files;

  @BeforeAll
  static void start() throws IOException {
    LocalSpark.stop(); // one context per JVM: this one has a small storage memory
    CifarFixtures.batches(data, 120); // 600 images, 1.84 MB
    // A unified pool of about 1.2 MB; its storage half takes about 0.6 MB of the set.
    double fraction = 1.2e6 / (Runtime.getRuntime().maxMemory() - (300L << 20));
    SparkConf conf =
        new SparkConf()
            .setMaster("local[2]")
            .setAppName("sparksvm-disk-part-lifetime")
            .set("spark.ui.enabled", "false")
            .set("spark.driver.host", "127.0.0.1")
            .set("spark.driver.bindAddress", "127.0.0.1")
            .set("spark.ui.showConsoleProgress", "false")
            .set("spark.memory.fraction", Double.toString(fraction))
            // Two tasks unroll their blocks at once: 1 MB each up front would not fit the pool.
            .set("spark.storage.unrollMemoryThreshold", "16384")
            .set("spark.local.dir", localDir.toString());
    sc = new JavaSparkContext(conf);
    files =
        ImageFiles.resolve(
            data.toString(), ImageFiles.Request.training(), sc.hadoopConfiguration());
  }

  @AfterAll
  static void stop() {
    sc.stop();
  }

  /** The disk parts' files in spark.local.dir (Spark's temporary local blocks). */
  static long diskParts(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(p -> p.getFileName().toString().startsWith("temp_local_")).count();
    }
  }

  /** Whether Spark's block manager master knows a cached copy of {@code set}'s block {@code p}. */
  private static boolean cached(ImageData set, int p) {
    return SparkEnv.get().blockManager().master().contains(new RDDBlockId(set.blocks().id(), p));
  }

  private static SparkObjective objective(ImageData set) {
    return new SparkObjective(
        sc,
        set,
        set.pixelMean(),
        new MiniBatchPlan(64, 11, set.partitionSizes()),
        new MulticlassHinge(1),
        new L2Regularizer(1e3),
        1,
        Precision.DOUBLE);
  }

  private static void assertSameBits(Objective.Evaluation expected, Objective.Evaluation e) {
    assertEquals(expected.loss(), e.loss(), 0.0);
    assertArrayEquals(expected.gradient().values(), e.gradient().values(), 0.0);
  }

  @Test
  void anEvictedBlockTakesItsFileAndItsRebuildWritesOne() throws IOException {
    // 0.2 MB of the set in memory: its blocks, unrolled at once beside W's broadcast (0.25 MB and
    // its pieces), fit the pool again once Spark evicts the other set's blocks for them.
    ImageData set =
        ImageLoader.load(sc, files, RecordSelection.all(), 2, "evicted images", 200_000);
    // Another set to cache, 2 MB in 20 blocks, more than the whole pool: Spark evicts ours to cache
    // as many of its blocks as fit (never its own for each other).
    JavaRDD<byte[]> other =
        sc.parallelize(java.util.Collections.nCopies(20, 100_000), 20)
            .map(byte[]::new)
            .setName("another set")
            .persist(StorageLevel.MEMORY_ONLY());
    Weights w = Weights.gaussian(10, 3073, 1e-3, 5);
    try (SparkObjective objective = objective(set)) {
      assertTrue(
          set.plan().memoryImages(0) < 300 && set.plan().memoryImages(1) < 300, "a disk part");
      assertTrue(cached(set, 0) && cached(set, 1));
      assertEquals(2, diskParts(localDir), "one file per block");
      List<Objective.Evaluation> reference = new ArrayList<>();
      for (int step = 0; step < 3; step++) {
        reference.add(objective.evaluate(w, step));
      }
      for (int step = 0; step < 3; step++) {
        other.count();
        assertFalse(cached(set, 0) || cached(set, 1), "Spark evicted both blocks");
        assertEquals(0, diskParts(localDir), "an evicted block's file goes with it");
        // The step rebuilds both blocks from their ranges, files included, and caches them again.
        assertSameBits(reference.get(step), objective.evaluate(w, step));
        assertTrue(cached(set, 0) && cached(set, 1), "rebuilt and cached at step " + step);
        assertEquals(2, diskParts(localDir), "one file per rebuilt block at step " + step);
      }
    } finally {
      other.unpersist(true);
      set.unpersistNow();
    }
    assertEquals(0, diskParts(localDir), "unpersisting a set deletes its files");
  }

  @Test
  void aBlockSparkCannotCacheLosesItsFileWhenItsTaskEnds() throws IOException {
    Weights w = Weights.gaussian(10, 3073, 1e-3, 7);
    List<Objective.Evaluation> reference = new ArrayList<>();
    ImageData planned =
        ImageLoader.load(sc, files, RecordSelection.all(), 1, "planned images", Long.MAX_VALUE);
    try (SparkObjective objective = objective(planned)) {
      assertEquals(1, diskParts(localDir));
      for (int step = 0; step < 3; step++) {
        reference.add(objective.evaluate(w, step));
      }
    } finally {
      planned.unpersistNow();
    }
    assertEquals(0, diskParts(localDir));
    // A plan that keeps 450 images (1.38 MB) in memory, more than the whole pool: Spark never
    // caches the block, and every job rebuilds it, its 150 images on disk included.
    ImageData uncached =
        ImageLoader.load(
            sc,
            files,
            RecordSelection.all(),
            1,
            "uncached images",
            sizes ->
                new MemoryPlan(
                    sizes,
                    3072,
                    new long[] {450},
                    new StorageBudget(1 << 20, 1 << 20, 0.5),
                    DiskRoom.UNKNOWN));
    try (SparkObjective objective = objective(uncached)) {
      assertFalse(cached(uncached, 0), "too large to cache");
      assertEquals(0, diskParts(localDir), "the loading task's block went with the task");
      for (int step = 0; step < 3; step++) {
        assertSameBits(reference.get(step), objective.evaluate(w, step));
        assertEquals(0, diskParts(localDir), "the block of step " + step + " went with its task");
      }
    } finally {
      uncached.unpersistNow();
    }
  }
}
