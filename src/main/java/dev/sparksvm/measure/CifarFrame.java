package dev.sparksvm.measure;

import dev.sparksvm.data.ImageBlock;
import dev.sparksvm.spark.ImageData;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Images as a spark.ml user holds them: a DataFrame of {@code label} (a double) and {@code
 * features} (a dense vector of the raw pixels as doubles, 3072 for CIFAR-10), built from the cached
 * image blocks in a distributed pass, written to Parquet and read back from it.
 */
final class CifarFrame {
  static final StructType SCHEMA =
      new StructType(
          new StructField[] {
            new StructField("label", DataTypes.DoubleType, false, Metadata.empty()),
            new StructField("features", SQLDataTypes.VectorType(), false, Metadata.empty())
          });

  private CifarFrame() {}

  /** The images' rows, one partition per block. */
  static Dataset<Row> of(SparkSession spark, ImageData images) {
    JavaRDD<Row> rows = images.blocks().flatMap(block -> rows(block).iterator());
    return spark.createDataFrame(rows, SCHEMA);
  }

  private static List<Row> rows(ImageBlock block) {
    List<Row> rows = new ArrayList<>(block.size());
    for (int i = 0; i < block.size(); i++) {
      double[] x = new double[block.imageBytes()];
      for (int j = 0; j < x.length; j++) {
        x[j] = block.pixel(i, j);
      }
      rows.add(RowFactory.create((double) block.label(i), Vectors.dense(x)));
    }
    return rows;
  }

  /** Writes {@code frame} to Parquet at {@code path} (replacing it) and reads it back. */
  static Dataset<Row> throughParquet(Dataset<Row> frame, String path) {
    frame.write().mode(SaveMode.Overwrite).parquet(path);
    return frame.sparkSession().read().parquet(path);
  }
}
