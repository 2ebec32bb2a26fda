package dev.sparksvm.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Preprocessing;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A row's scores are, to the bit, each class's bias plus its terms in feature order over the
 * standardized features (the order training's view of the rows implies), and agree to rounding with
 * the raw features through the folded-back coefficients and intercepts.
 */
class StandardizedWeightsTest {
  @ParameterizedTest
  @ValueSource(ints = {1, 7, 100})
  void scoresAreEachClassSumInFeatureOrder(int d) {
    SplittableRandom random = new SplittableRandom(d);
    int classes = 3;
    Weights w = Weights.gaussian(classes, d + 1, 0.1, d);
    double[] mean = new double[d];
    double[] scale = new double[d];
    double[] x = new double[d];
    for (int j = 0; j < d; j++) {
      mean[j] = random.nextDouble() * 255;
      scale[j] = 0.01 + random.nextDouble();
      x[j] = random.nextInt(256);
    }
    StandardizedWeights sw = new StandardizedWeights(w, new Preprocessing(mean, scale));
    double[] expected = new double[classes];
    for (int c = 0; c < classes; c++) {
      double s = w.values()[c * (d + 1) + d];
      for (int j = 0; j < d; j++) {
        s += w.values()[c * (d + 1) + j] * ((x[j] - mean[j]) * scale[j]);
      }
      expected[c] = s;
    }
    double[] scores = sw.scores(x);
    assertArrayEquals(expected, scores);

    double[] coefficients = sw.coefficients();
    double[] intercepts = sw.intercepts();
    for (int c = 0; c < classes; c++) {
      double folded = intercepts[c];
      for (int j = 0; j < d; j++) {
        folded += coefficients[c * d + j] * x[j];
      }
      assertEquals(scores[c], folded, 1e-9 * (1 + Math.abs(scores[c])), "class " + c);
    }
  }
}
