package dev.sparksvm.ml;

import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/** {@link LinearClassifier#tune}: fit every map on the training rows, score each held out. */
final class Tuning {
  private Tuning() {}

  static TuningResult run(
      LinearClassifier estimator, Dataset<?> dataset, ParamMap[] paramMaps, Evaluator evaluator) {
    if (paramMaps.length == 0) {
      throw new IllegalArgumentException("tune needs at least one param map");
    }
    Dataset<Row> frame = dataset.toDF();
    String indicator = estimator.getValidationIndicatorCol();
    Dataset<Row> train;
    Dataset<Row> validation;
    if (indicator.isEmpty()) {
      double f = LinearClassifier.TUNE_TRAIN_FRACTION;
      Dataset<Row>[] split = frame.randomSplit(new double[] {f, 1 - f}, estimator.getSeed());
      train = split[0];
      validation = split[1];
    } else {
      // The fit holds these rows out itself (and keeps each model's best W on them).
      train = frame;
      validation = frame.filter(functions.col(indicator));
    }
    LinearClassificationModel[] models = estimator.fitMultiple(train, paramMaps);
    validation.persist(StorageLevel.MEMORY_ONLY());
    try {
      double[] metrics = new double[models.length];
      for (int k = 0; k < models.length; k++) {
        metrics[k] = evaluator.evaluate(models[k].transform(validation));
      }
      return new TuningResult(paramMaps, models, metrics, evaluator.isLargerBetter());
    } finally {
      validation.unpersist(false);
    }
  }
}
