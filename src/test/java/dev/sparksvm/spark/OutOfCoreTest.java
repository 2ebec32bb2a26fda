package dev.sparksvm.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.core.L2Regularizer;
import dev.sparksvm.core.MulticlassHinge;
import dev.sparksvm.core.Precision;
import dev.sparksvm.core.Weights;
import dev.sparksvm.input.ImageFiles;
import dev.sparksvm.input.RecordSelection;
import dev.sparksvm.optim.MiniBatchPlan;
import dev.sparksvm.optim.Objective;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A set whose blocks are partly or wholly on local disk (a storage budget far below its size, on
 * local[2]) gives the bits of the same set all in memory: the mean, every step's loss and gradient
 * on both aggregation paths, the accuracy; each step reads its share of the batch, not the block;
 * and dropping the set deletes its files.
 */
class OutOfCoreTest {
  @TempDir static Path data;
  private static ImageFiles files;
  private static JavaSparkContext sc;

  @BeforeAll
  static void setUp() throws IOException {
    sc = LocalSpark.get();
    CifarFixtures.batches(data, 120); // 600 images, 1.8 MB
    files =
        ImageFiles.resolve(
            data.toString(), ImageFiles.Request.training(), sc.hadoopConfiguration());
  }

  private static ImageData load(long cacheBytes) {
    return ImageLoader.load(sc, files, RecordSelection.all(), 3, "out-of-core test", cacheBytes);
  }

  /** The temporary files of Spark's local directories on the driver (local[2]: all of them). */
  private static long localFiles() throws IOException {
    long n = 0;
    for (java.io.File dir : SparkEnv.get().blockManager().diskBlockManager().localDirs()) {
      try (Stream<Path> all = Files.walk(dir.toPath())) {
        n += all.filter(p -> p.getFileName().toString().startsWith("temp_local_")).count();
      }
    }
    return n;
  }

  @Test
  void aSetLargerThanItsStorageBudgetTrainsToTheBitsOfTheSetInMemory() throws IOException {
    long before = localFiles();
    ImageData memory = load(Long.MAX_VALUE);
    // 600 KB of budget, 200 KB per partition of 200 images x 3073 bytes: 44 images in memory each.
    ImageData part = load(600_000);
    // No budget at all: every pixel on disk.
    ImageData disk = load(0);
    try {
      assertTrue(memory.plan().inMemory());
      assertEquals(0, memory.diskBytes());
      long inMemory = (200_000 - 65_536 - 200) / 3072;
      assertEquals(inMemory, part.plan().memoryImages(0));
      assertEquals(3 * (200 - inMemory) * 3072, part.diskBytes());
      assertEquals(600L * 3072, disk.diskBytes());
      assertEquals(600, disk.memoryBytes(), "the labels");
      assertEquals(before + 6, localFiles(), "one file per block on disk");
      assertTrue(part.cachedBytes() < memory.cachedBytes() / 2, "Spark caches the memory part");

      double[] mean = memory.pixelMean();
      assertArrayEquals(mean, part.pixelMean(), 0.0);
      assertArrayEquals(mean, disk.pixelMean(), 0.0);
      ImageData[] sets = {memory, part, disk};
      for (int depth : new int[] {1, 2}) {
        Weights w = Weights.gaussian(10, 3073, 1e-3, 5);
        SparkObjective[] objectives = new SparkObjective[3];
        try {
          for (int s = 0; s < 3; s++) {
            objectives[s] = objective(sets[s], mean, depth);
          }
          for (int step = 0; step < 4; step++) {
            Objective.Evaluation reference = objectives[0].evaluate(w, step);
            for (int s = 1; s < 3; s++) {
              Objective.Evaluation e = objectives[s].evaluate(w, step);
              assertEquals(reference.loss(), e.loss(), 0.0, "set " + s + ", depth " + depth);
              assertArrayEquals(reference.gradient().values(), e.gradient().values(), 0.0);
              long[] rows = objectives[s].lastRowsRead();
              int[] shares = objectives[s].plan().shares(step);
              for (int p = 0; p < rows.length; p++) {
                assertEquals(shares[p], rows[p], "the disk path reads its share, step " + step);
              }
            }
            double[] values = w.values();
            double[] gradient = reference.gradient().values();
            for (int i = 0; i < values.length; i++) {
              values[i] -= 1e-7 * gradient[i];
            }
          }
        } finally {
          for (SparkObjective o : objectives) {
            if (o != null) {
              o.close();
            }
          }
        }
        double accuracy = DistributedAccuracy.of(sc, memory, w, mean);
        assertEquals(accuracy, DistributedAccuracy.of(sc, part, w, mean), 0.0);
        assertEquals(accuracy, DistributedAccuracy.of(sc, disk, w, mean), 0.0);
      }
    } finally {
      memory.unpersistNow();
      part.unpersistNow();
      disk.unpersistNow();
    }
    assertEquals(before, localFiles(), "dropping a set deletes its files");
  }

  private static SparkObjective objective(ImageData set, double[] mean, int depth) {
    return new SparkObjective(
        sc,
        set,
        mean,
        new MiniBatchPlan(64, 11, set.partitionSizes()),
        new MulticlassHinge(1),
        new L2Regularizer(1e3),
        depth,
        Precision.DOUBLE);
  }
}
