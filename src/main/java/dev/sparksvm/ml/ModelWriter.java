package dev.sparksvm.ml;

import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Preprocessing;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.linalg.DenseMatrix;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Saves a linear classification model as spark.ml saves its own models: {@code path/metadata} (one
 * JSON line: class, uid, Spark version, params and defaults; spark.ml's DefaultParamsWriter) and
 * {@code path/data} (one Parquet row, below), through the Hadoop file system API, so any file
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

  private final Params model;
  private final Weights weights;
  private final Preprocessing preprocessing;
  private final String loss;

  /**
   * @param model the model's params (uid, class and param values go to the metadata)
   * @param weights W as trained, in the preprocessed space
   * @param preprocessing the training rows' preprocessing
   * @param loss the loss it was trained with
   */
  ModelWriter(Params model, Weights weights, Preprocessing preprocessing, String loss) {
    this.model = model;
    this.weights = weights;
    this.preprocessing = preprocessing;
    this.loss = loss;
  }

  @Override
  public void saveImpl(String path) {
    DefaultParamsWriter.saveMetadata(model, path, sparkSession());
    Weights w = weights;
    Preprocessing pre = preprocessing;
    StandardizedWeights folded = new StandardizedWeights(w, pre);
    Row data =
        RowFactory.create(
            w.classes(),
            w.features() - 1,
            loss,
            new DenseMatrix(w.classes(), w.features(), w.values(), true),
            Vectors.dense(pre.mean()),
            pre.scaled() ? Vectors.dense(pre.scale()) : null,
            new DenseMatrix(w.classes(), w.features() - 1, folded.coefficients(), true),
            Vectors.dense(folded.intercepts()));
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
