package dev.sparksvm.ml;

import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Preprocessing;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Row;

/** Loads what {@link ModelWriter} saved: the same W, preprocessing, loss, uid and params. */
final class ModelReader extends MLReader<LinearClassificationModel> {

  @Override
  public LinearClassificationModel load(String path) {
    DefaultParamsReader.Metadata metadata =
        DefaultParamsReader.loadMetadata(
            path, sparkSession(), LinearClassificationModel.class.getName());
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
    LinearClassificationModel model =
        new LinearClassificationModel(
            metadata.uid(),
            new Weights(w.numRows(), w.numCols(), rowMajor),
            new Preprocessing(mean.toArray(), scale == null ? null : scale.toArray()),
            data.getAs("loss"),
            null);
    metadata.getAndSetParams(model, scala.Option.empty());
    return model;
  }
}
