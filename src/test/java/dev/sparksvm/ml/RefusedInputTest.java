package dev.sparksvm.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.spark.FrameLoader;
import dev.sparksvm.spark.JobCounter;
import dev.sparksvm.spark.LocalSpark;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Each refused input of a fit, with its message, as spark.ml's classifiers refuse theirs. */
class RefusedInputTest {

  private static Dataset<Row> frame(Object badLabel, Vector badFeatures) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      rows.add(RowFactory.create((double) (i % 2), Vectors.dense(i, -i)));
    }
    rows.set(6, RowFactory.create(badLabel, badFeatures));
    return GeneratedFrame.spark()
        .createDataFrame(LocalSpark.get().parallelize(rows, 2), schema(DataTypes.DoubleType, -1));
  }

  private static StructType schema(DataType label, int size) {
    Metadata features =
        size < 0 ? Metadata.empty() : new AttributeGroup("features", size).toMetadata();
    return new StructType(
        new StructField[] {
          new StructField("label", label, true, Metadata.empty()),
          new StructField("features", SQLDataTypes.VectorType(), true, features)
        });
  }

  private static String refusal(Dataset<Row> frame) {
    return assertThrows(
            IllegalArgumentException.class, () -> new LinearClassifier().setMaxIter(2).fit(frame))
        .getMessage();
  }

  @Test
  void badLabelsAndFeaturesAreRefusedNamingTheRowsValue() {
    Vector ok = Vectors.dense(1, 2);
    assertEquals(
        "row 1 of partition 1: label -1.0 is not a class index: labels must be whole numbers 0,"
            + " 1, ..., C - 1 (StringIndexer turns other labels into such indices)",
        refusal(frame(-1.0, ok)));
    assertTrue(refusal(frame(0.5, ok)).contains("label 0.5 is not a class index"));
    assertTrue(refusal(frame(Double.NaN, ok)).contains("label NaN is not a class index"));
    assertTrue(refusal(frame(1.0, null)).endsWith("row 1 of partition 1: the features are null"));
    assertTrue(
        refusal(frame(1.0, Vectors.dense(3, Double.NaN)))
            .startsWith("row 1 of partition 1: feature 1 is NaN: features must be finite"));
  }

  @Test
  void tooManyFeaturesAndALabelOfTheWrongTypeAreRefusedBeforeAnyJob() {
    int d = FrameLoader.MAX_FEATURES + 1;
    List<Row> rows = List.of(RowFactory.create(0.0, Vectors.sparse(d, new int[0], new double[0])));
    Dataset<Row> wide =
        GeneratedFrame.spark().createDataFrame(rows, schema(DataTypes.DoubleType, d));
    List<Row> named = List.of(RowFactory.create("cat", Vectors.dense(1, 2)));
    Dataset<Row> strings =
        GeneratedFrame.spark().createDataFrame(named, schema(DataTypes.StringType, 2));
    JobCounter jobs = JobCounter.attach(LocalSpark.get());
    try {
      long before = jobs.jobs();
      String message = refusal(wide);
      assertTrue(
          message.startsWith(
              "the features 'features' have 16385 values a row, more than the 16384 this trainer"
                  + " takes: rows are kept dense and W (classes x features) is broadcast every"
                  + " step"),
          message);
      assertTrue(refusal(strings).contains("label"), "spark.ml's own check of the label type");
      assertEquals(0, jobs.jobs() - before);
    } finally {
      LocalSpark.get().sc().removeSparkListener(jobs);
    }
  }
}
