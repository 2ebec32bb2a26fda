package dev.sparksvm.ml;

import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/** {@code LinearClassifier.tune}: fit every map on the training rows, score each held out. */
final class Tuning {
  /** The fraction of rows trained on when no validation indicator column is set. */
  static final double TRAIN_FRACTION = 0.8;

  private Tuning() {}

  /** What trains one model per param map: the estimator's {@code fitMultiple}. */
  @FunctionalInterface
  interface Fitter {
    LinearClassificationModel[] fit(Dataset<?> dataset, ParamMap[] paramMaps);
  }

  /**
   * @param indicator the validation indicator column, or "" for a seeded random split
   * @param seed the split's seed
   */
  static TuningResult run(
      Dataset<?> dataset,
      ParamMap[] paramMaps,
      Evaluator evaluator,
      String indicator,
      long seed,
      Fitter fitter) {
    if (paramMaps.length == 0) {
      throw new IllegalArgumentException("tune needs at least one param map");
    }
    Dataset<Row> frame = dataset.toDF();
    Dataset<Row> train;
    Dataset<Row> validation;
    if (indicator.isEmpty()) {
      double f = TRAIN_FRACTION;
      Dataset<Row>[] split = frame.randomSplit(new double[] {f, 1 - f}, seed);
      train = split[0];
      validation = split[1];
    } else {
      // The fit holds these rows out itself (and keeps each model's best W on them).
      train = frame;
      validation = frame.filter(functions.col(indicator));
    }
    LinearClassificationModel[] models = fitter.fit(train, paramMaps);
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
