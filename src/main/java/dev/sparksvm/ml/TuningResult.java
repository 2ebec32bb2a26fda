package dev.sparksvm.ml;

import java.io.Serializable;
import java.util.Locale;
import org.apache.spark.ml.param.ParamMap;

/**
 * What {@link LinearClassifier#tune} found: every param map's model and its validation metric, and
 * the best of them by the evaluator's own order ({@code isLargerBetter}).
 */
public final class TuningResult implements Serializable {
  private static final long serialVersionUID = 1L;
  private final ParamMap[] paramMaps;
  private final LinearClassificationModel[] models;
  private final double[] metrics;
  private final boolean largerIsBetter;
  private final int best;

  TuningResult(
      ParamMap[] paramMaps,
      LinearClassificationModel[] models,
      double[] metrics,
      boolean largerIsBetter) {
    this.paramMaps = paramMaps.clone();
    this.models = models.clone();
    this.metrics = metrics.clone();
    this.largerIsBetter = largerIsBetter;
    int b = 0;
    for (int k = 1; k < metrics.length; k++) {
      boolean better = largerIsBetter ? metrics[k] > metrics[b] : metrics[k] < metrics[b];
      if (better || Double.isNaN(metrics[b])) {
        b = k;
      }
    }
    this.best = b;
  }

  /** The param maps, in the order given. */
  public ParamMap[] paramMaps() {
    return paramMaps.clone();
  }

  /** Each param map's model (trained on the training rows only). */
  public LinearClassificationModel[] models() {
    return models.clone();
  }

  /** Each model's metric on the validation rows. */
  public double[] metrics() {
    return metrics.clone();
  }

  /** Whether a larger metric is better (the evaluator's {@code isLargerBetter}). */
  public boolean isLargerBetter() {
    return largerIsBetter;
  }

  /** The index of the best model (the first of equals; a NaN metric never wins). */
  public int bestIndex() {
    return best;
  }

  public LinearClassificationModel bestModel() {
    return models[best];
  }

  public ParamMap bestParamMap() {
    return paramMaps[best];
  }

  public double bestMetric() {
    return metrics[best];
  }

  /** One line per param map: its metric, then its params. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    for (int k = 0; k < metrics.length; k++) {
      s.append(String.format(Locale.ROOT, "%s%.6f  ", k == best ? "* " : "  ", metrics[k]))
          .append(paramMaps[k].toString().replaceAll("\\s+", " ").strip())
          .append('\n');
    }
    return s.toString();
  }
}
