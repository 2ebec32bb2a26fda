package dev.sparksvm.ml;

import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.linalg.DenseMatrix;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Saves a {@link LinearClassificationModel} as spark.ml saves its own models: {@code path/metadata}
 * (one JSON line: class, uid, Spark version, params and defaults; spark.ml's DefaultParamsWriter)
 * and {@code path/data} (one Parquet row, below), through the Hadoop file system API, so any file
 * system Spark can write to.
 *
 * <p>The data row: {@code numClasses}, {@code numFeatures}, {@code loss} (trained with), {@code
 * weights} (the trained W, C x (numFeatures + 1), bias last, in the preprocessed space), {@code
 * featureMean}, {@code featureScale} (null without standardization) and, for readers other than
 * this one, {@code coefficientMatrix} and {@code interceptVector} in the original feature space.
 */
final class ModelWriter extends MLWriter {
  static final StructType SCHEMA =
      new StructType(
          new StructField[] {
            field("numClasses", DataTypes.IntegerType, false),
            field("numFeatures", DataTypes.IntegerType, false),
            field("loss", DataTypes.StringType, false),
            field("weights", SQLDataTypes.MatrixType(), false),
            field("featureMean", SQLDataTypes.VectorType(), false),
            field("featureScale", SQLDataTypes.VectorType(), true),
            field("coefficientMatrix", SQLDataTypes.MatrixType(), false),
            field("interceptVector", SQLDataTypes.VectorType(), false)
          });

  private final LinearClassificationModel model;

  ModelWriter(LinearClassificationModel model) {
    this.model = model;
  }

  @Override
  public void saveImpl(String path) {
    DefaultParamsWriter.saveMetadata(model, path, sparkSession());
    var w = model.weights();
    var pre = model.preprocessing();
    Row data =
        RowFactory.create(
            model.numClasses(),
            model.numFeatures(),
            model.trainedLoss(),
            new DenseMatrix(w.classes(), w.features(), w.values(), true),
            Vectors.dense(pre.mean()),
            pre.scaled() ? Vectors.dense(pre.scale()) : null,
            model.coefficientMatrix(),
            model.interceptVector());
    sparkSession()
        .createDataFrame(List.of(data), SCHEMA)
        .repartition(1)
        .write()
        .parquet(new Path(path, "data").toString());
  }

  private static StructField field(
      String name, org.apache.spark.sql.types.DataType type, boolean nullable) {
    return new StructField(name, type, nullable, Metadata.empty());
  }
}
