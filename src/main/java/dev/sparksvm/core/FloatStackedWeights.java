package dev.sparksvm.core;

/**
 * K stacked weight matrices rounded to float, in the {@link StackedWeights} layout: all that the
 * single-precision kernel ({@link Precision#FLOAT}) reads of W, since its GEMMs take W as floats.
 * Shipping these instead of the doubles halves a step's broadcast, with the same bits.
 *
 * @param models K, {@code >= 1}
 * @param classes C of every model
 * @param features D of every model
 * @param values {@code K * C * D} values (not copied)
 */
public record FloatStackedWeights(int models, int classes, int features, float[] values) {

  public FloatStackedWeights {
    StackedWeights.checkShape(models, classes, features, values.length);
  }

  /** W rounded to float, value by value. */
  public static FloatStackedWeights of(StackedWeights w) {
    double[] v = w.values();
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return new FloatStackedWeights(w.models(), w.classes(), w.features(), f);
  }
}
