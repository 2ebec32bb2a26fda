package dev.sparksvm.measure;

import dev.sparksvm.core.L2Regularizer;
import dev.sparksvm.core.MulticlassHinge;
import dev.sparksvm.core.Precision;
import dev.sparksvm.core.Seeds;
import dev.sparksvm.core.StackedWeights;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Preprocessing;
import dev.sparksvm.optim.MiniBatchPlan;
import dev.sparksvm.optim.Objective;
import dev.sparksvm.spark.CachedBlocks;
import dev.sparksvm.spark.ImageData;
import dev.sparksvm.spark.IterationPhases;
import dev.sparksvm.spark.SparkObjective;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Times training iterations (distributed loss and gradient, then the update of W on the driver) of
 * an SVM with C classes on cached images: the one timer behind {@code bench} and {@code scale}. W
 * gets C rows whatever the data's labels, so larger models can be timed on CIFAR-10.
 */
public final class IterationTimer {
  /** The five phases of {@link IterationPhases}, in order. */
  public static final int PHASES = 5;

  private IterationTimer() {}

  /**
   * Milliseconds of each timed iteration: its total and its split into phases ({@code
   * phases[phase][iteration]}: broadcast, compute, aggregation, driver with the update,
   * scheduling).
   */
  public record Timings(double[] total, double[][] phases) {
    /** Median total. */
    public double median() {
      return median(total);
    }

    /** Median of one phase. */
    public double median(int phase) {
      return median(phases[phase]);
    }

    /** Quantile {@code q} of the totals (nearest rank). */
    public double quantile(double q) {
      double[] v = total.clone();
      Arrays.sort(v);
      return v[Math.min(v.length - 1, (int) (q * v.length))];
    }

    static double median(double[] values) {
      double[] v = values.clone();
      Arrays.sort(v);
      int n = v.length;
      return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
  }

  /** Runs {@code warmup} untimed, then {@code timed} timed iterations at {@code batch}. */
  public static Timings time(
      JavaSparkContext sc,
      ImageData train,
      double[] mean,
      int classes,
      int batch,
      long seed,
      int aggregationDepth,
      int warmup,
      int timed) {
    return time(sc, train, mean, classes, 1, batch, seed, aggregationDepth, warmup, timed);
  }

  /**
   * As {@link #time(JavaSparkContext, ImageData, double[], int, int, long, int, int, int)}, for
   * {@code models} models trained side by side (one job per step for all of them).
   */
  public static Timings time(
      JavaSparkContext sc,
      ImageData train,
      double[] mean,
      int classes,
      int models,
      int batch,
      long seed,
      int aggregationDepth,
      int warmup,
      int timed) {
    return time(
        sc,
        train,
        mean,
        classes,
        models,
        batch,
        seed,
        aggregationDepth,
        warmup,
        timed,
        Precision.DOUBLE);
  }

  /** As above, with the gradient's GEMMs in {@code precision}. */
  public static Timings time(
      JavaSparkContext sc,
      ImageData train,
      double[] mean,
      int classes,
      int models,
      int batch,
      long seed,
      int aggregationDepth,
      int warmup,
      int timed,
      Precision precision) {
    return time(
        sc,
        train,
        Preprocessing.centring(mean.clone()),
        classes,
        models,
        batch,
        seed,
        aggregationDepth,
        warmup,
        timed,
        precision);
  }

  /**
   * As above, on any cached blocks seen through {@code preprocessing} (e.g. a DataFrame's rows
   * standardized, for the comparison with the image path).
   */
  public static Timings time(
      JavaSparkContext sc,
      CachedBlocks train,
      Preprocessing preprocessing,
      int classes,
      int models,
      int batch,
      long seed,
      int aggregationDepth,
      int warmup,
      int timed,
      Precision precision) {
    MiniBatchPlan plan = new MiniBatchPlan(batch, seed, train.partitionSizes());
    List<Weights> w = new ArrayList<>();
    for (int k = 0; k < models; k++) {
      w.add(Weights.gaussian(classes, train.features(), 1e-3, Seeds.derive(seed, classes, k)));
    }
    L2Regularizer[] regs = new L2Regularizer[models];
    Arrays.fill(regs, new L2Regularizer(2.5e4));
    double[] total = new double[timed];
    double[][] phases = new double[PHASES][timed];
    try (SparkObjective objective =
        new SparkObjective(
            sc,
            train,
            preprocessing,
            plan,
            new MulticlassHinge(1),
            regs[0],
            aggregationDepth,
            precision)) {
      int steps = warmup + timed;
      objective.describeSteps(
          step ->
              "timing: step "
                  + (step + 1)
                  + "/"
                  + steps
                  + " of "
                  + models
                  + (models == 1 ? " model" : " models")
                  + " (batch "
                  + batch
                  + ", "
                  + precision.label()
                  + ")");
      for (int t = 0; t < warmup + timed; t++) {
        long start = System.nanoTime();
        Objective.Evaluation[] e =
            models == 1
                ? new Objective.Evaluation[] {objective.evaluate(w.get(0), t)}
                : objective.evaluate(StackedWeights.of(w), regs, t);
        long updateStart = System.nanoTime();
        for (int k = 0; k < models; k++) {
          w.get(k).addScaled(-1e-7, e[k].gradient());
        }
        long end = System.nanoTime();
        if (t >= warmup) {
          IterationPhases p = objective.lastPhases().plusDriver(end - updateStart);
          int i = t - warmup;
          phases[0][i] = p.broadcastNanos() / 1e6;
          phases[1][i] = p.computeNanos() / 1e6;
          phases[2][i] = p.aggregationNanos() / 1e6;
          phases[3][i] = p.driverNanos() / 1e6;
          phases[4][i] = p.schedulingNanos() / 1e6;
          total[i] = (end - start) / 1e6;
        }
      }
    }
    return new Timings(total, phases);
  }
}
