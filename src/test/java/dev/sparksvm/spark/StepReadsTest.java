package dev.sparksvm.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparksvm.core.L2Regularizer;
import dev.sparksvm.core.MulticlassHinge;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.ClassNames;
import dev.sparksvm.data.ImageBlock;
import dev.sparksvm.data.ImageSchema;
import dev.sparksvm.data.ImageShape;
import dev.sparksvm.optim.MiniBatchPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;

/**
 * A training step reads its share of the batch from each cached block, and nothing else: the rows
 * copied out of the blocks (counted where pixels leave a block, {@link
 * dev.sparksvm.data.CentredRows}) are the same for blocks of 500 and of 400,000 images, on both
 * aggregation paths, on local[2], with the blocks in memory and with every pixel on local disk (the
 * out-of-core path).
 */
class StepReadsTest {
  /** Tiny images (2 x 2 x 1): a block of 400,000 costs 1.6 MB. */
  private static final ImageSchema SCHEMA =
      new ImageSchema(new ImageShape(2, 2, 1), ClassNames.numbered(3));

  private static ImageData cached(JavaSparkContext sc, int perPartition, int partitions) {
    SplittableRandom random = new SplittableRandom(perPartition);
    List<ImageBlock> blocks = new ArrayList<>();
    long[] sizes = new long[partitions];
    for (int p = 0; p < partitions; p++) {
      byte[] pixels = new byte[perPartition * 4];
      byte[] labels = new byte[perPartition];
      for (int i = 0; i < perPartition; i++) {
        labels[i] = (byte) random.nextInt(3);
      }
      random.nextBytes(pixels);
      blocks.add(new ImageBlock(pixels, labels, 4));
      sizes[p] = perPartition;
    }
    JavaRDD<ImageBlock> rdd =
        sc.parallelize(blocks, partitions).persist(StorageLevel.MEMORY_ONLY());
    rdd.count();
    return new ImageData(rdd, SCHEMA, sizes, 0);
  }

  /**
   * As {@link #cached}, but every pixel on local disk: each block is built in its task, its rows
   * written to a file of Spark's local directories as the out-of-core path does.
   */
  private static ImageData onDisk(JavaSparkContext sc, int perPartition, int partitions) {
    List<Integer> ids = new ArrayList<>();
    long[] sizes = new long[partitions];
    for (int p = 0; p < partitions; p++) {
      ids.add(p);
      sizes[p] = perPartition;
    }
    JavaRDD<ImageBlock> rdd =
        sc.parallelize(ids, partitions)
            .map(
                p -> {
                  SplittableRandom random = new SplittableRandom(perPartition + p);
                  ImageBlock.Builder b =
                      new ImageBlock.Builder(
                          perPartition,
                          4,
                          0,
                          () ->
                              SparkEnv.get()
                                  .blockManager()
                                  .diskBlockManager()
                                  .createTempLocalBlock()
                                  ._2()
                                  .toPath());
                  byte[] pixels = new byte[4];
                  for (int i = 0; i < perPartition; i++) {
                    random.nextBytes(pixels);
                    b.add(pixels, 0, random.nextInt(3));
                  }
                  return b.build();
                })
            .persist(StorageLevel.MEMORY_ONLY());
    rdd.count();
    return new ImageData(rdd, SCHEMA, sizes, 0);
  }

  /** Rows read per partition in steps 0..2 at {@code batch}; also checks them against the plan. */
  private static long[] rowsRead(JavaSparkContext sc, ImageData data, int batch, int depth) {
    MiniBatchPlan plan = new MiniBatchPlan(batch, 9, data.partitionSizes());
    long[] total = new long[data.partitionSizes().length];
    try (SparkObjective objective =
        new SparkObjective(
            sc,
            data,
            new double[] {128, 128, 128, 128},
            plan,
            new MulticlassHinge(1),
            new L2Regularizer(0),
            depth,
            dev.sparksvm.core.Precision.DOUBLE)) {
      Weights w = Weights.gaussian(3, 5, 1e-3, 1);
      for (int step = 0; step < 3; step++) {
        objective.evaluate(w, step);
        long[] rows = objective.lastRowsRead();
        int[] shares = plan.shares(step);
        for (int p = 0; p < rows.length; p++) {
          assertEquals(
              shares[p], rows[p], "partition " + p + " read exactly its share at step " + step);
          total[p] += rows[p];
        }
      }
    }
    return total;
  }

  @Test
  void aStepReadsItsShareOfTheBatchWhateverTheBlockSize() {
    JavaSparkContext sc = LocalSpark.get();
    ImageData small = cached(sc, 500, 2);
    ImageData large = cached(sc, 400_000, 2);
    try {
      for (int depth : new int[] {1, 2}) {
        for (int batch : new int[] {1, 64, 700}) {
          long[] fromSmall = rowsRead(sc, small, batch, depth);
          long[] fromLarge = rowsRead(sc, large, batch, depth);
          assertEquals(3L * batch, fromLarge[0] + fromLarge[1], "3 steps of batch " + batch);
          // Blocks of equal size get equal expected shares; the draws are seeded alike.
          assertArrayEquals(fromSmall, fromLarge, "800 times the images, the same rows read");
        }
      }
      // The count can tell: a full-batch step reads every row.
      assertEquals(800_000L * 3, sum(rowsRead(sc, large, 800_000, 1)));
    } finally {
      // Blocking: the 1.2 GB of the large set must be gone before the next test class caches its
      // own
      // data in the same context (DataScaleRunTest's MLlib examples did not fit once).
      small.blocks().unpersist(true);
      large.blocks().unpersist(true);
    }
  }

  @Test
  void onTheDiskPathAStepReadsItsShareOfTheBatchToo() {
    JavaSparkContext sc = LocalSpark.get();
    ImageData small = onDisk(sc, 500, 2);
    ImageData large = onDisk(sc, 400_000, 2);
    try {
      assertEquals(
          0, large.blocks().map(ImageBlock::memoryImages).reduce(Integer::sum), "all on disk");
      assertEquals(
          3_200_000L, large.blocks().map(ImageBlock::diskBytes).reduce(Long::sum), "4 B each");
      for (int depth : new int[] {1, 2}) {
        for (int batch : new int[] {1, 64, 700}) {
          long[] fromSmall = rowsRead(sc, small, batch, depth);
          long[] fromLarge = rowsRead(sc, large, batch, depth);
          assertEquals(3L * batch, fromLarge[0] + fromLarge[1], "3 steps of batch " + batch);
          assertArrayEquals(fromSmall, fromLarge, "800 times the images, the same rows read");
        }
      }
    } finally {
      // Unpersisting closes each block, which deletes its file.
      small.blocks().unpersist(true);
      large.blocks().unpersist(true);
    }
  }

  private static long sum(long[] values) {
    long s = 0;
    for (long v : values) {
      s += v;
    }
    return s;
  }
}
