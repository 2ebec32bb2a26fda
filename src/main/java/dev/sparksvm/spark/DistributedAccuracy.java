package dev.sparksvm.spark;

import dev.sparksvm.core.Weights;
import dev.sparksvm.data.BlockScoring;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/** Classification accuracy of W over a cached image set, in one Spark job. */
public final class DistributedAccuracy {
  private DistributedAccuracy() {}

  /** Fraction of images labelled correctly; NaN for an empty set. */
  public static double of(JavaSparkContext sc, ImageData data, Weights w, double[] mean) {
    if (data.count() == 0) {
      return Double.NaN;
    }
    int classes = w.classes();
    int features = w.features();
    Broadcast<double[]> weights = sc.broadcast(w.values().clone());
    Broadcast<double[]> pixelMean = sc.broadcast(mean.clone());
    try {
      long correct = data.blocks()
          .map(block -> BlockScoring.countCorrect(block,
              new Weights(classes, features, weights.value()), pixelMean.value()))
          .reduce(Long::sum);
      return correct / (double) data.count();
    } finally {
      weights.destroy();
      pixelMean.destroy();
    }
  }
}
