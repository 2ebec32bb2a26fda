package dev.sparksvm.ml;

import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Preprocessing;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Row;

/**
 * Loads what {@link ModelWriter} saved: the same W, preprocessing, loss, uid and params, into a
 * model the factory makes (the model's own constructor).
 *
 * @param <M> the model
 */
final class ModelReader<M extends Params> extends MLReader<M> {

  /** Makes the model of a saved uid, W, preprocessing and loss (its summary is not saved). */
  @FunctionalInterface
  interface Factory<M> {
    M make(String uid, Weights weights, Preprocessing preprocessing, String loss);
  }

  private final String className;
  private final Factory<M> factory;

  /** A reader of models saved as {@code className} (the metadata must say so). */
  ModelReader(String className, Factory<M> factory) {
    this.className = className;
    this.factory = factory;
  }

  @Override
  public M load(String path) {
    DefaultParamsReader.Metadata metadata =
        DefaultParamsReader.loadMetadata(path, sparkSession(), className);
    Row data = sparkSession().read().parquet(new Path(path, "data").toString()).first();
    Matrix w = data.getAs("weights");
    double[] rowMajor = new double[w.numRows() * w.numCols()];
    for (int c = 0; c < w.numRows(); c++) {
      for (int j = 0; j < w.numCols(); j++) {
        rowMajor[c * w.numCols() + j] = w.apply(c, j);
      }
    }
    Vector mean = data.getAs("featureMean");
    Vector scale = data.getAs("featureScale");
    M model =
        factory.make(
            metadata.uid(),
            new Weights(w.numRows(), w.numCols(), rowMajor),
            new Preprocessing(mean.toArray(), scale == null ? null : scale.toArray()),
            data.getAs("loss"));
    metadata.getAndSetParams(model, scala.Option.empty());
    return model;
  }
}
