package dev.sparksvm.train;

import dev.sparksvm.core.L2Regularizer;
import dev.sparksvm.core.Seeds;
import dev.sparksvm.core.StackedWeights;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.ImageSchema;
import dev.sparksvm.optim.LearningRate;
import dev.sparksvm.optim.StackedDescent;
import dev.sparksvm.options.BatchSize;
import dev.sparksvm.options.DescentOptions;
import dev.sparksvm.options.LossOptions;
import dev.sparksvm.options.ReportingOptions;
import dev.sparksvm.options.TrainOptions;
import dev.sparksvm.options.TuneOptions;
import dev.sparksvm.options.TuneOptions.Candidate;
import dev.sparksvm.session.Preflight;
import dev.sparksvm.session.Workspace;
import dev.sparksvm.spark.DistributedAccuracy;
import dev.sparksvm.spark.SparkObjective;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tune}: K models, one per (learning rate, regularization), trained at the same time on the
 * same mini-batches, one Spark job per step for all of them ({@link StackedDescent}); all K are
 * scored on the validation split in one job at each evaluation. A model that diverges is dropped
 * and named. Writes {@code tune.csv}, {@code tune.png} (validation accuracy over log lr x log reg),
 * {@code curves.png} (every model's loss) and the best model as {@code train} writes one.
 */
public final class TuneRun {
  private static final Logger LOG = LoggerFactory.getLogger(TuneRun.class);

  /**
   * Every model's outcome and final W (as it stood when it diverged, for a dropped model), the
   * index of the best, and the metrics written.
   */
  public record Result(
      List<TuneOutcome> outcomes, List<Weights> weights, int best, Map<String, Object> metrics) {}

  private TuneRun() {}

  /** {@code tune}: checks the inputs and {@code --out}, then trains the models and writes. */
  public static Result run(TuneOptions o) {
    TrainOptions t = o.train();
    Preflight preflight = Preflight.none().withBatch(BatchSize.of(t.descent().batch()));
    try (Workspace ws = Workspace.open("tune", t.data(), t.spark(), t.output(), preflight)) {
      return run(ws, o);
    }
  }

  /** Trains the models in {@code ws} (whose data options are {@code o}'s) and writes. */
  public static Result run(Workspace ws, TuneOptions o) {
    LossOptions loss = o.train().loss();
    DescentOptions t = o.train().descent();
    ReportingOptions reporting = o.train().reporting();
    List<Candidate> candidates = o.candidates();
    int k = candidates.size();
    int batch = ws.batch(BatchSize.of(t.batch()));
    ImageSchema schema = ws.schema();
    Weights start =
        Weights.gaussian(
            schema.classes(),
            schema.features(),
            t.initScale(),
            Seeds.derive(ws.data().seed(), TrainingRun.INIT_STREAM));
    double[][] losses = new double[k][(int) t.iterations()];
    for (double[] row : losses) {
      Arrays.fill(row, Double.NaN);
    }
    Double[] val = new Double[k];
    boolean[] wasActive = new boolean[k];
    Arrays.fill(wasActive, true);
    Progress progress = new Progress(t.iterations(), batch, reporting.printEvery());
    StackedDescent.Result descent;
    long jobsBefore = ws.jobs();
    try (SparkObjective objective =
        ws.objective(loss, BatchSize.of(batch), t.aggregationDepth(), t.precision())) {
      objective.describeSteps(
          step ->
              "tune: step "
                  + (step + 1)
                  + "/"
                  + t.iterations()
                  + " of "
                  + k
                  + " models (batch "
                  + batch
                  + ")");
      long perEpoch = objective.plan().iterationsPerEpoch();
      List<StackedDescent.Model> models = new ArrayList<>();
      for (Candidate c : candidates) {
        models.add(
            new StackedDescent.Model(
                new LearningRate(c.learningRate(), t.lrDecay(), perEpoch),
                new L2Regularizer(c.reg())));
      }
      LOG.info(
          "tune: {} models (learning rates {}, regularizations {}), batch {}, {} steps",
          k,
          candidates.stream().map(Candidate::learningRate).distinct().toList(),
          candidates.stream().map(Candidate::reg).distinct().toList(),
          batch,
          t.iterations());
      descent =
          new StackedDescent(models)
              .minimise(
                  objective,
                  java.util.Collections.nCopies(k, start),
                  t.iterations(),
                  (step, stepLosses, weights, active) -> {
                    long done = step + 1;
                    for (int m = 0; m < k; m++) {
                      losses[m][(int) step] = stepLosses[m];
                      if (!active[m] && wasActive[m]) {
                        wasActive[m] = false;
                        LOG.warn(
                            "model lr {} reg {} diverged at step {}: dropped, the others go on",
                            candidates.get(m).learningRate(),
                            candidates.get(m).reg(),
                            done);
                      }
                    }
                    boolean evaluate =
                        (reporting.evalEvery() > 0 && done % reporting.evalEvery() == 0)
                            || done == t.iterations();
                    if (evaluate) {
                      long evalStart = System.nanoTime();
                      validate(ws, weights, active, val);
                      progress.exclude(System.nanoTime() - evalStart);
                    }
                    int best = best(val, active);
                    progress.report(
                        done,
                        best < 0 ? Double.NaN : stepLosses[best],
                        best < 0 ? Double.NaN : candidates.get(best).learningRate(),
                        best < 0 ? null : val[best],
                        String.format(
                            Locale.ROOT,
                            "  %d models, %d diverged%s",
                            k,
                            count(active, false),
                            best < 0
                                ? ""
                                : String.format(
                                    Locale.ROOT,
                                    "  best lr %.3g reg %.3g",
                                    candidates.get(best).learningRate(),
                                    candidates.get(best).reg())));
                  });
    }
    double seconds = progress.trainingSeconds();
    long trainJobs = ws.jobs() - jobsBefore;
    List<TuneOutcome> outcomes = outcomes(ws, candidates, descent, losses, val);
    int best = best(val, live(descent));
    if (best < 0) {
      throw new dev.sparksvm.optim.DivergedException(
          0, Double.NaN, candidates.get(0).learningRate());
    }
    Weights w = descent.weights().get(best);
    Map<String, Object> m =
        TuneReport.write(ws, o, new TuneReport.Tuned(outcomes, best, w, batch, seconds, trainJobs));
    return new Result(outcomes, descent.weights(), best, m);
  }

  /** Validation accuracy of every live model, in one job. */
  private static void validate(
      Workspace ws, List<Weights> weights, boolean[] active, Double[] val) {
    if (ws.set().validation().count() == 0) {
      return;
    }
    List<Integer> live = new ArrayList<>();
    List<Weights> stack = new ArrayList<>();
    for (int m = 0; m < active.length; m++) {
      if (active[m]) {
        live.add(m);
        stack.add(weights.get(m));
      }
    }
    if (stack.isEmpty()) {
      return;
    }
    double[] acc =
        DistributedAccuracy.of(
            ws.sc(), ws.set().validation(), StackedWeights.of(stack), ws.set().mean());
    for (int i = 0; i < live.size(); i++) {
      val[live.get(i)] = acc[i];
    }
  }

  private static List<TuneOutcome> outcomes(
      Workspace ws,
      List<Candidate> candidates,
      StackedDescent.Result descent,
      double[][] losses,
      Double[] val) {
    boolean[] live = live(descent);
    List<Weights> survivors = new ArrayList<>();
    for (int m = 0; m < live.length; m++) {
      if (live[m]) {
        survivors.add(descent.weights().get(m));
      }
    }
    double[] train =
        survivors.isEmpty()
            ? new double[0]
            : DistributedAccuracy.of(
                ws.sc(), ws.set().train(), StackedWeights.of(survivors), ws.set().mean());
    List<TuneOutcome> out = new ArrayList<>();
    for (int m = 0, s = 0; m < candidates.size(); m++) {
      double last = Double.NaN;
      for (double v : losses[m]) {
        last = Double.isNaN(v) ? last : v;
      }
      out.add(
          new TuneOutcome(
              candidates.get(m),
              last,
              live[m] ? train[s++] : null,
              live[m] ? val[m] : null,
              descent.divergedAt()[m],
              losses[m]));
    }
    return out;
  }

  /** The live model with the best validation accuracy (the first of ties), or -1. */
  static int best(Double[] val, boolean[] active) {
    int best = -1;
    for (int m = 0; m < val.length; m++) {
      if (active[m] && val[m] != null && (best < 0 || val[m] > val[best])) {
        best = m;
      }
    }
    if (best < 0) {
      for (int m = 0; m < active.length; m++) {
        if (active[m]) {
          return m;
        }
      }
    }
    return best;
  }

  private static boolean[] live(StackedDescent.Result r) {
    boolean[] live = new boolean[r.divergedAt().length];
    for (int m = 0; m < live.length; m++) {
      live[m] = !r.diverged(m);
    }
    return live;
  }

  private static int count(boolean[] flags, boolean value) {
    int n = 0;
    for (boolean f : flags) {
      n += f == value ? 1 : 0;
    }
    return n;
  }
}
