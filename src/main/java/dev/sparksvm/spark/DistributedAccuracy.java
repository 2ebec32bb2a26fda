package dev.sparksvm.spark;

import dev.sparksvm.core.StackedWeights;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Preprocessing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/** Classification accuracy over a cached set, of one model or of K stacked ones, in one job. */
public final class DistributedAccuracy {
  private DistributedAccuracy() {}

  /** Fraction of images W labels correctly; NaN for an empty set. */
  public static double of(JavaSparkContext sc, ImageData data, Weights w, double[] mean) {
    return of(sc, data, StackedWeights.of(w), mean)[0];
  }

  /**
   * Each stacked model's fraction of images labelled correctly, in one pass; NaN for an empty set.
   */
  public static double[] of(JavaSparkContext sc, ImageData data, StackedWeights w, double[] mean) {
    return of(sc, data, w, Preprocessing.centring(mean.clone()));
  }

  /**
   * Each stacked model's fraction of rows labelled correctly, the rows seen through {@code
   * preprocessing}, in one pass; NaN for an empty set.
   */
  public static double[] of(
      JavaSparkContext sc, CachedBlocks data, StackedWeights w, Preprocessing preprocessing) {
    double[] accuracy = new double[w.models()];
    if (data.count() == 0) {
      Arrays.fill(accuracy, Double.NaN);
      return accuracy;
    }
    Broadcast<StackedWeights> weights =
        sc.broadcast(new StackedWeights(w.models(), w.classes(), w.features(), w.values().clone()));
    Broadcast<Preprocessing> rowsThrough = sc.broadcast(preprocessing);
    try {
      long[] correct = new long[w.models()];
      BlockJob.run(
          sc,
          data.blocks(),
          new CorrectCountTask(weights, rowsThrough),
          "sparksvm accuracy",
          (partition, counts) -> add(correct, counts));
      for (int k = 0; k < accuracy.length; k++) {
        accuracy[k] = correct[k] / (double) data.count();
      }
      return accuracy;
    } finally {
      weights.destroy();
      rowsThrough.destroy();
    }
  }

  /**
   * The accuracy of each model of {@code weights} whose {@code live} flag is set, all of them
   * stacked in one pass, at the model's own index; NaN for the others. No job when none is live.
   */
  public static double[] ofLive(
      JavaSparkContext sc,
      CachedBlocks data,
      List<Weights> weights,
      boolean[] live,
      Preprocessing preprocessing) {
    double[] accuracy = new double[weights.size()];
    Arrays.fill(accuracy, Double.NaN);
    List<Weights> stack = new ArrayList<>();
    for (int m = 0; m < live.length; m++) {
      if (live[m]) {
        stack.add(weights.get(m));
      }
    }
    if (stack.isEmpty()) {
      return accuracy;
    }
    double[] stacked = of(sc, data, StackedWeights.of(stack), preprocessing);
    for (int m = 0, i = 0; m < live.length; m++) {
      if (live[m]) {
        accuracy[m] = stacked[i++];
      }
    }
    return accuracy;
  }

  /** Adds a task's counts (integers: the order tasks finish in does not matter). */
  private static void add(long[] sum, long[] counts) {
    for (int i = 0; i < sum.length; i++) {
      sum[i] += counts[i];
    }
  }
}
