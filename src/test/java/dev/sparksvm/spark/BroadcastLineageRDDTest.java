package dev.sparksvm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.data.VectorBlock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.Dependency;
import org.apache.spark.MapOutputTrackerMaster;
import org.apache.spark.ShuffleDependency;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The steps' view of cached DataFrame blocks: the same blocks, a task binary without the SQL
 * lineage, and a lost block (and lost shuffle outputs beneath it) rebuilt as Spark rebuilds them.
 */
class BroadcastLineageRDDTest {
  private static final SparkSession SPARK = LocalSession.get();
  private static final int D = 5;

  /** 60 rows behind a repartition: a shuffle in the lineage, as a user's frame often has. */
  private static FrameBlocks load() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      double[] x = new double[D];
      for (int j = 0; j < D; j++) {
        x[j] = ((i * 5 + j * 7) % 13) - 6 + 0.25 * j;
      }
      rows.add(RowFactory.create((double) (i % 3), Vectors.dense(x)));
    }
    StructType schema =
        new StructType(
            new StructField[] {
              new StructField("label", DataTypes.DoubleType, false, Metadata.empty()),
              new StructField("features", SQLDataTypes.VectorType(), false, Metadata.empty())
            });
    Dataset<Row> frame =
        SPARK.createDataFrame(LocalSpark.get().parallelize(rows, 3), schema).repartition(2);
    return FrameLoader.load(
        frame, FrameColumns.vector("label", "features"), false, 0, "lineage test");
  }

  /** Per partition: its row count and the sum of label x value over its rows, an exact digest. */
  private static List<Double> digest(JavaRDD<VectorBlock> blocks) {
    return blocks
        .map(
            b -> {
              double s = b.size() * 1e6;
              for (int i = 0; i < b.size(); i++) {
                for (int j = 0; j < D; j++) {
                  s += (b.label(i) + 1) * b.value(i, j) * (j + 1);
                }
              }
              return s;
            })
        .collect();
  }

  private static int serializedSize(Object o) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    return bytes.size();
  }

  @Test
  void stepsSeeTheSameBlocksWithoutCarryingTheLineage() throws IOException {
    FrameBlocks loaded = load();
    JavaRDD<VectorBlock> blocks = loaded.train().blocks();
    JavaRDD<VectorBlock> steps = BroadcastLineageRDD.of(blocks);
    try {
      assertEquals(digest(blocks), digest(steps));
      assertEquals(blocks.getNumPartitions(), steps.getNumPartitions());
      // The repartition's shuffle stays a dependency the scheduler can rerun; nothing else does.
      List<Dependency<?>> deps = CollectionConverters.asJava(steps.rdd().dependencies());
      assertEquals(1, deps.size(), deps.toString());
      assertTrue(deps.get(0) instanceof ShuffleDependency<?, ?, ?>, deps.toString());
      int whole = serializedSize(blocks.rdd());
      int slim = serializedSize(steps.rdd());
      assertTrue(slim * 3 < whole, "task binary " + slim + " bytes against " + whole);
    } finally {
      BroadcastLineageRDD.release(steps);
      loaded.unpersist();
    }
  }

  @Test
  void aLostBlockAndTheShuffleOutputsBeneathItAreRebuilt() {
    FrameBlocks loaded = load();
    JavaRDD<VectorBlock> steps = BroadcastLineageRDD.of(loaded.train().blocks());
    try {
      List<Double> before = digest(steps);
      // As an executor's loss would: the cached blocks gone, and the repartition's map outputs.
      SparkEnv.get().blockManager().master().removeRdd(loaded.cached().id(), true);
      ShuffleDependency<?, ?, ?> shuffle =
          (ShuffleDependency<?, ?, ?>) BroadcastLineageRDD.shuffles(loaded.cached().rdd()).head();
      ((MapOutputTrackerMaster) SparkEnv.get().mapOutputTracker())
          .unregisterAllMapAndMergeOutput(shuffle.shuffleId());
      assertEquals(before, digest(steps), "rebuilt blocks differ");
      assertTrue(
          StorageMemory.cached(LocalSpark.get(), loaded.cached().rdd()).whole(),
          "the rebuilt blocks are cached again");
    } finally {
      BroadcastLineageRDD.release(steps);
      loaded.unpersist();
    }
  }
}
