package dev.sparksvm.core;

import java.io.Serializable;
import java.util.List;

/**
 * K weight matrices of the same shape stacked into one array, so that one GEMM scores a batch under
 * all of them: {@code K * C} rows of D values, row-major, model k's rows at {@code k * C .. k * C +
 * C - 1} (each model in the {@link Weights} layout, one after the other). K = 1 is a single model.
 *
 * @param models K, {@code >= 1}
 * @param classes C of every model
 * @param features D of every model
 * @param values {@code K * C * D} values (not copied)
 */
public record StackedWeights(int models, int classes, int features, double[] values)
    implements Serializable {

  public StackedWeights {
    checkShape(models, classes, features, values.length);
  }

  /** The shape check of a stack, in doubles or in floats ({@link FloatStackedWeights}). */
  static void checkShape(int models, int classes, int features, int values) {
    if (models < 1 || classes < 1 || features < 1) {
      throw new IllegalArgumentException(
          "stacked weights need K, C, D >= 1, got " + models + ", " + classes + ", " + features);
    }
    if (values != (long) models * classes * features) {
      throw new IllegalArgumentException(
          models
              + " models of "
              + classes
              + " x "
              + features
              + " need "
              + (long) models * classes * features
              + " values, got "
              + values);
    }
  }

  /** One model (its array is shared, not copied). */
  public static StackedWeights of(Weights w) {
    return new StackedWeights(1, w.classes(), w.features(), w.values());
  }

  /** Model {@code k}'s sum of squares, without copying it out ({@link Weights#squaredNorm}). */
  public double squaredNorm(int k) {
    int size = classes * features;
    return Weights.squaredNorm(values, k * size, (k + 1) * size);
  }

  /** Copies of the given models, stacked in order. */
  public static StackedWeights of(List<Weights> models) {
    Weights first = models.get(0);
    int size = first.classes() * first.features();
    double[] values = new double[models.size() * size];
    for (int k = 0; k < models.size(); k++) {
      Weights w = models.get(k);
      if (w.classes() != first.classes() || w.features() != first.features()) {
        throw new IllegalArgumentException("stacked models differ in shape");
      }
      System.arraycopy(w.values(), 0, values, k * size, size);
    }
    return new StackedWeights(models.size(), first.classes(), first.features(), values);
  }

  /** Rows of the stack, {@code K * C}. */
  public int rows() {
    return models * classes;
  }

  /** A copy of model {@code k}. */
  public Weights model(int k) {
    int size = classes * features;
    double[] v = new double[size];
    System.arraycopy(values, k * size, v, 0, size);
    return new Weights(classes, features, v);
  }
}
