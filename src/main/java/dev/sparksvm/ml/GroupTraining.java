package dev.sparksvm.ml;

import dev.sparksvm.core.L2Regularizer;
import dev.sparksvm.core.Loss;
import dev.sparksvm.core.Precision;
import dev.sparksvm.core.Seeds;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Preprocessing;
import dev.sparksvm.optim.DivergedException;
import dev.sparksvm.optim.EarlyStopping;
import dev.sparksvm.optim.LearningRate;
import dev.sparksvm.optim.MiniBatchPlan;
import dev.sparksvm.optim.StackedDescent;
import dev.sparksvm.optim.StepSizeChoice;
import dev.sparksvm.options.LossOptions;
import dev.sparksvm.spark.FeatureData;
import dev.sparksvm.spark.IterationPhases;
import dev.sparksvm.spark.SparkObjective;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training run of one or more models that differ only in step size and regularization, on
 * cached rows: the machinery of the command line's {@code tune} ({@link StackedDescent} over a
 * {@link SparkObjective}: one broadcast, one job and one pair of GEMMs per step for all of them),
 * with {@code train}'s step-size sweep ({@link StepSizeChoice}) for a model without a step size and
 * its keep-best ({@link EarlyStopping}) when validation rows were held out. One model is the same
 * run with K = 1, and model k of K gets the bits it gets alone.
 */
final class GroupTraining {
  private static final Logger LOG = LoggerFactory.getLogger(GroupTraining.class);

  /** Seed coordinate of the initial W (the one {@code train} and {@code tune} use). */
  static final long INIT_STREAM = 0x57A27L;

  private GroupTraining() {}

  /** Trains {@code models} (which share {@link FitSettings#stackKey()}) side by side. */
  static List<TrainedModel> run(JavaSparkContext sc, LoadedRows rows, List<FitSettings> models) {
    FitSettings s = models.get(0);
    FeatureData train = rows.blocks().train();
    FeatureData validation = rows.blocks().validation();
    boolean validating = validation != null && validation.count() > 0;
    if (validation != null && !validating) {
      LOG.warn("no row of '{}' is true: nothing is held out for validation", s.validationCol());
    }
    Preprocessing pre = rows.blocks().preprocessing(s.standardization());
    int batch = (int) Math.min(s.batchSize(), train.count());
    MiniBatchPlan plan = new MiniBatchPlan(batch, s.seed(), train.partitionSizes());
    // The margin of spark.ml's face is the command line's default: delta = 1, as in CS231n.
    Loss loss = s.loss().function(LossOptions.DEFAULT_DELTA);
    Weights start =
        Weights.gaussian(
            train.classes(), train.features(), s.initScale(), Seeds.derive(s.seed(), INIT_STREAM));
    int k = models.size();
    double[] rates = stepSizes(sc, train, pre, plan, loss, models, start);
    List<StackedDescent.Model> specs = new ArrayList<>();
    for (int m = 0; m < k; m++) {
      specs.add(
          new StackedDescent.Model(
              new LearningRate(rates[m], s.decay(), plan.iterationsPerEpoch()),
              regularizer(models.get(m))));
    }
    LOG.info(
        "LinearClassifier: {} model{} ({}, {} classes, {} features), {} training rows in {}"
            + " partitions, batch {}, {} steps",
        k,
        k == 1 ? "" : "s side by side",
        s.loss(),
        train.classes(),
        train.features() - 1,
        train.count(),
        train.partitionSizes().length,
        batch,
        s.maxIter());
    StackedTransferAdvice.advice(
            sc.getConf(),
            k,
            train.classes(),
            train.features(),
            s.precision() == Precision.FLOAT ? Float.BYTES : Double.BYTES)
        .ifPresent(LOG::warn);
    FitRecorder recorder =
        new FitRecorder(sc, validating ? validation : null, pre, k, s.maxIter(), validating);
    long startNanos = System.nanoTime();
    StackedDescent.Result result;
    try (SparkObjective objective = objective(sc, train, pre, plan, loss, models.get(0))) {
      String what = k == 1 ? "" : " of " + k + " models";
      objective.describeSteps(
          step ->
              String.format(
                  Locale.ROOT,
                  "LinearClassifier %s: step %d/%d%s (batch %d)",
                  s.loss(),
                  step + 1,
                  s.maxIter(),
                  what,
                  batch));
      result =
          new StackedDescent(specs)
              .minimise(objective, Collections.nCopies(k, start), s.maxIter(), recorder);
      LOG.info(
          whereTheStepsWent(
              objective.totalPhases(), recorder.steps(), System.nanoTime() - startNanos));
    }
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    List<TrainedModel> out = new ArrayList<>();
    for (int m = 0; m < k; m++) {
      out.add(recorder.trained(m, result, rates[m], models.get(m), seconds, rows.facts()));
    }
    return out;
  }

  /**
   * One line of where a fit's steps went, per step: the distributed evaluation's phases, and the
   * rest of the loop (the updates of W, the objective history and the validation jobs).
   */
  static String whereTheStepsWent(IterationPhases phases, long steps, long loopNanos) {
    double per = 1e6 * Math.max(1, steps);
    return String.format(
        Locale.ROOT,
        "LinearClassifier: %d steps in %.1f s, %.2f ms a step: %s; updates and validations %.2f",
        steps,
        loopNanos / 1e9,
        loopNanos / per,
        phases.describePerStep(steps),
        Math.max(0, loopNanos - phases.totalNanos()) / per);
  }

  /** spark.ml's {@code regParam / 2 * |W|^2} as CS231n's {@code reg * |W|^2}. */
  static L2Regularizer regularizer(FitSettings s) {
    return new L2Regularizer(s.regParam() / 2);
  }

  private static SparkObjective objective(
      JavaSparkContext sc,
      FeatureData train,
      Preprocessing pre,
      MiniBatchPlan plan,
      Loss loss,
      FitSettings s) {
    return new SparkObjective(sc, train, pre, plan, loss, regularizer(s), 0, s.precision());
  }

  /**
   * Each model's first step size: the one set, or the best step of {@code train --lr auto}'s sweep
   * from the initial W with the model's regularization (once per regularization: models that share
   * it share the sweep, as a model alone would run the same one).
   */
  private static double[] stepSizes(
      JavaSparkContext sc,
      FeatureData train,
      Preprocessing pre,
      MiniBatchPlan plan,
      Loss loss,
      List<FitSettings> models,
      Weights start) {
    double[] rates = new double[models.size()];
    Map<Double, Double> swept = new HashMap<>();
    for (int m = 0; m < rates.length; m++) {
      FitSettings s = models.get(m);
      if (!s.autoStepSize()) {
        rates[m] = s.stepSize();
        continue;
      }
      rates[m] =
          swept.computeIfAbsent(
              s.regParam(),
              reg -> {
                try (SparkObjective objective = objective(sc, train, pre, plan, loss, s)) {
                  objective.describeSteps(
                      step -> "LinearClassifier: step-size sweep (regParam " + reg + ")");
                  StepSizeChoice choice =
                      StepSizeChoice.sweep(
                          objective, start.copy(), LinearParams.SWEPT_STEP_FRACTION);
                  LOG.info(
                      String.format(
                          Locale.ROOT,
                          "LinearClassifier: no stepSize set; one step from the initial W lowers a"
                              + " held-out batch's objective most at %.3g (%.4g -> %.4g):"
                              + " stepSize %.3g (regParam %s)",
                          choice.bestStep(),
                          choice.lossBefore(),
                          choice.lossAfter(),
                          choice.learningRate(),
                          reg));
                  return choice.learningRate();
                } catch (DivergedException e) {
                  throw new IllegalStateException(
                      "LinearClassifier: no step size from 1e-12 to 1 lowered the objective of a"
                          + " held-out batch from the initial W; set stepSize",
                      e);
                }
              });
    }
    return rates;
  }
}
