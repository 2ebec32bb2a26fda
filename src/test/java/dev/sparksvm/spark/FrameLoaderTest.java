package dev.sparksvm.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.data.InvalidDataException;
import dev.sparksvm.data.VectorBlock;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
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

/** DataFrame rows into cached blocks on local[2], against the rows themselves. */
class FrameLoaderTest {
  private static final int D = 6;
  private static final SparkSession SPARK = LocalSession.get();

  private static double value(int i, int j) {
    return ((i * 7 + j * 3) % 11) - 4.5 + 0.125 * j;
  }

  /** Rows i = 0..n-1: label i % 4, every third row sparse, every fifth held out. */
  private static List<Row> rows(int n) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] x = new double[D];
      for (int j = 0; j < D; j++) {
        x[j] = value(i, j);
      }
      Vector v = i % 3 == 0 ? Vectors.dense(x).toSparse() : Vectors.dense(x);
      rows.add(RowFactory.create((double) (i % 4), v, i % 5 == 0));
    }
    return rows;
  }

  private static StructType schema(Metadata labelMetadata) {
    return new StructType(
        new StructField[] {
          new StructField("label", DataTypes.DoubleType, true, labelMetadata),
          new StructField("features", SQLDataTypes.VectorType(), true, Metadata.empty()),
          new StructField("held", DataTypes.BooleanType, true, Metadata.empty())
        });
  }

  /** The rows in {@code partitions} partitions of consecutive rows. */
  private static Dataset<Row> frame(List<Row> rows, int partitions) {
    return SPARK.createDataFrame(
        LocalSpark.get().parallelize(rows, partitions), schema(Metadata.empty()));
  }

  private static FrameBlocks load(Dataset<Row> frame, FrameColumns columns, int classes) {
    return FrameLoader.load(frame, columns, false, classes, "frame loader test");
  }

  @Test
  void rowsAreCachedOneBlockAPartitionWithTheirMomentsInOnePass() {
    int n = 50;
    Dataset<Row> frame = frame(rows(n), 3);
    JobCounter jobs = JobCounter.attach(LocalSpark.get());
    long before = jobs.jobs();
    FrameBlocks blocks =
        load(frame, FrameColumns.vector("label", "features").withValidation("held"), 0);
    try {
      assertEquals(1, jobs.jobs() - before, "one pass reads, checks, caches and sums");
      assertEquals(40, blocks.train().count());
      assertEquals(10, blocks.validation().count());
      assertEquals(4, blocks.train().classes(), "C = the largest label + 1");
      assertEquals(D + 1, blocks.train().features());
      assertEquals(3, blocks.train().partitionSizes().length);
      // The cached rows are the frame's rows, partition by partition, in order.
      List<VectorBlock> train = blocks.train().blocks().collect();
      List<Row> expected = frame.collectAsList();
      int at = 0;
      double[] sum = new double[D];
      for (VectorBlock b : train) {
        for (int i = 0; i < b.size(); i++, at++) {
          while (expected.get(at).getBoolean(2)) {
            at++;
          }
          Row row = expected.get(at);
          assertEquals((int) row.getDouble(0), b.label(i));
          assertArrayEquals(((Vector) row.get(1)).toArray(), b.row(i, new double[D]), 0.0);
          for (int j = 0; j < D; j++) {
            sum[j] += b.value(i, j);
          }
        }
      }
      for (int j = 0; j < D; j++) {
        assertEquals(sum[j] / 40, blocks.moments().mean()[j], 1e-12);
      }
      assertTrue(blocks.cachedBytes() > 0);
      assertTrue(
          blocks.bytesPerRow() >= 8 * D && blocks.bytesPerRow() < 8 * D + 200,
          "about 8 bytes a double feature: " + blocks.bytesPerRow());
    } finally {
      blocks.unpersist();
      LocalSpark.get().sc().removeSparkListener(jobs);
    }
  }

  @Test
  void numericColumnsAndFloatsAndTheClassCountOfTheLabelsMetadata() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      rows.add(RowFactory.create(i % 2, (float) value(i, 0), (long) i, value(i, 2)));
    }
    Metadata classes = NominalAttribute.defaultAttr().withNumValues(5).toMetadata();
    StructType schema =
        new StructType(
            new StructField[] {
              new StructField("y", DataTypes.IntegerType, false, classes),
              new StructField("a", DataTypes.FloatType, false, Metadata.empty()),
              new StructField("b", DataTypes.LongType, false, Metadata.empty()),
              new StructField("c", DataTypes.DoubleType, false, Metadata.empty())
            });
    Dataset<Row> frame = SPARK.createDataFrame(LocalSpark.get().parallelize(rows, 2), schema);
    FrameBlocks blocks =
        FrameLoader.load(frame, FrameColumns.numeric("y", List.of("a", "b", "c")), true, 5, "n");
    try {
      assertNull(blocks.validation());
      assertEquals(5, blocks.train().classes(), "C from the label column's ML attributes");
      assertEquals(4, blocks.train().features());
      VectorBlock first = blocks.train().blocks().first();
      assertTrue(first.floats());
      assertEquals((float) value(0, 0), first.value(0, 0), 0.0);
      assertEquals(0.0, first.value(0, 1), 0.0);
      assertEquals((float) value(0, 2), first.value(0, 2), 0.0);
      assertTrue(blocks.bytesPerRow() < 4 * 3 + 100, "floats: " + blocks.bytesPerRow());
    } finally {
      blocks.unpersist();
    }
  }

  /** A load of one bad row among good ones, and its one-line message. */
  private static String refusal(Object label, Vector features) {
    List<Row> rows = rows(9);
    rows.set(7, RowFactory.create(label, features, false));
    InvalidDataException e =
        assertThrows(
            InvalidDataException.class,
            () -> load(frame(rows, 1), FrameColumns.vector("label", "features"), 0));
    return e.getMessage();
  }

  @Test
  void badLabelsAndFeaturesAreRefusedNamingTheValueAndTheRow() {
    Vector ok = Vectors.dense(new double[D]);
    assertEquals(
        "row 7 of partition 0: label -1.0 is not a class index: labels must be whole numbers"
            + " 0, 1, ..., C - 1 (StringIndexer turns other labels into such indices)",
        refusal(-1.0, ok));
    assertTrue(refusal(2.5, ok).contains("label 2.5 is not a class index"));
    assertTrue(refusal(Double.NaN, ok).contains("label NaN is not a class index"));
    assertTrue(refusal(null, ok).endsWith("the label is null"));
    assertTrue(refusal(1.0, null).endsWith("the features are null"));
    double[] nan = new double[D];
    nan[4] = Double.NaN;
    assertTrue(refusal(1.0, Vectors.dense(nan)).contains("feature 4 is NaN"));
    assertTrue(
        refusal(1.0, Vectors.dense(new double[D + 1]))
            .contains("a row of 7 features among rows of 6"));
    String wide =
        refusal(1.0, Vectors.sparse(FrameLoader.MAX_FEATURES + 1, new int[] {0}, new double[] {1}));
    // The first row of the partition sets its width; a wider row is refused as a mismatch, and a
    // first row wider than the limit as too wide:
    assertTrue(wide.contains("features among rows of 6"), wide);
    List<Row> tooWide = new ArrayList<>();
    tooWide.add(
        RowFactory.create(
            0.0,
            Vectors.sparse(FrameLoader.MAX_FEATURES + 1, new int[] {0}, new double[] {1}),
            false));
    InvalidDataException e =
        assertThrows(
            InvalidDataException.class,
            () -> load(frame(tooWide, 1), FrameColumns.vector("label", "features"), 0));
    assertTrue(
        e.getMessage().contains("have 16385 values a row, more than the 16384"), e.getMessage());
  }

  @Test
  void labelsAboveTheClassesOfTheMetadataAreRefused() {
    InvalidDataException e =
        assertThrows(
            InvalidDataException.class,
            () -> load(frame(rows(8), 2), FrameColumns.vector("label", "features"), 3));
    assertTrue(
        e.getMessage().contains("label 3 is not one of the 3 classes the label column's"),
        e.getMessage());
  }

  @Test
  void columnsOfTheWrongTypeAreRefusedBeforeAnyJob() {
    Dataset<Row> frame = frame(rows(4), 1);
    JobCounter jobs = JobCounter.attach(LocalSpark.get());
    long before = jobs.jobs();
    try {
      assertEquals(
          "the label column 'held' is of type boolean, expected a number",
          assertThrows(
                  InvalidDataException.class,
                  () -> load(frame, FrameColumns.vector("held", "features"), 0))
              .getMessage());
      assertEquals(
          "the features column 'label' is of type double, expected a vector (VectorAssembler"
              + " makes one)",
          assertThrows(
                  InvalidDataException.class,
                  () -> load(frame, FrameColumns.vector("label", "label"), 0))
              .getMessage());
      assertTrue(
          assertThrows(
                  InvalidDataException.class,
                  () -> load(frame, FrameColumns.vector("label", "missing"), 0))
              .getMessage()
              .startsWith("no features column 'missing' among [label, features, held]"));
      assertEquals(0, jobs.jobs() - before);
    } finally {
      LocalSpark.get().sc().removeSparkListener(jobs);
    }
  }

  @Test
  void noTrainingRowsIsRefused() {
    List<Row> held = new ArrayList<>();
    for (Row r : rows(3)) {
      held.add(RowFactory.create(r.get(0), r.get(1), true));
    }
    InvalidDataException e =
        assertThrows(
            InvalidDataException.class,
            () ->
                load(
                    frame(held, 2),
                    FrameColumns.vector("label", "features").withValidation("held"),
                    0));
    assertEquals("no rows to train on", e.getMessage());
  }
}
