package dev.sparksvm.train;

import dev.sparksvm.core.L2Regularizer;
import dev.sparksvm.core.Seeds;
import dev.sparksvm.core.StackedWeights;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.ImageSchema;
import dev.sparksvm.model.LinearModel;
import dev.sparksvm.optim.LearningRate;
import dev.sparksvm.optim.StackedDescent;
import dev.sparksvm.options.BatchSize;
import dev.sparksvm.options.DescentOptions;
import dev.sparksvm.options.LossOptions;
import dev.sparksvm.options.ReportingOptions;
import dev.sparksvm.options.TrainOptions;
import dev.sparksvm.options.TuneOptions;
import dev.sparksvm.options.TuneOptions.Candidate;
import dev.sparksvm.report.TuneCharts;
import dev.sparksvm.session.Provenance;
import dev.sparksvm.session.Workspace;
import dev.sparksvm.spark.DistributedAccuracy;
import dev.sparksvm.spark.SparkObjective;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
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

  /** One model's outcome. */
  public record Outcome(
      Candidate candidate,
      double finalLoss,
      Double trainAccuracy,
      Double valAccuracy,
      long divergedAt,
      double[] losses) {
    public boolean diverged() {
      return divergedAt >= 0;
    }
  }

  /**
   * Every model's outcome and final W (as it stood when it diverged, for a dropped model), the
   * index of the best, and the metrics written.
   */
  public record Result(
      List<Outcome> outcomes, List<Weights> weights, int best, Map<String, Object> metrics) {}

  private TuneRun() {}

  /** {@code tune}: checks the inputs and {@code --out}, then trains the models and writes. */
  public static Result run(TuneOptions o) {
    TrainOptions t = o.train();
    try (Workspace ws = Workspace.open("tune", t.data(), t.spark(), t.output())) {
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
    List<Outcome> outcomes = outcomes(ws, candidates, descent, losses, val);
    int best = best(val, live(descent));
    if (best < 0) {
      throw new dev.sparksvm.optim.DivergedException(
          0, Double.NaN, candidates.get(0).learningRate());
    }
    Weights w = descent.weights().get(best);
    Map<String, Object> m = write(ws, loss, o, outcomes, best, w, batch, seconds, trainJobs);
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

  private static List<Outcome> outcomes(
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
    List<Outcome> out = new ArrayList<>();
    for (int m = 0, s = 0; m < candidates.size(); m++) {
      double last = Double.NaN;
      for (double v : losses[m]) {
        last = Double.isNaN(v) ? last : v;
      }
      out.add(
          new Outcome(
              candidates.get(m),
              last,
              live[m] ? train[s++] : null,
              live[m] ? val[m] : null,
              descent.divergedAt()[m],
              losses[m]));
    }
    return out;
  }

  private static Map<String, Object> write(
      Workspace ws,
      LossOptions loss,
      TuneOptions o,
      List<Outcome> outcomes,
      int best,
      Weights w,
      int batch,
      double seconds,
      long jobs) {
    Candidate chosen = outcomes.get(best).candidate();
    StringBuilder csv =
        new StringBuilder(
            "learning_rate,reg,final_loss,train_accuracy,val_accuracy,diverged,diverged_at_step\n");
    for (Outcome r : outcomes) {
      csv.append(
          String.format(
              Locale.ROOT,
              "%s,%s,%s,%s,%s,%b,%s%n",
              r.candidate().learningRate(),
              r.candidate().reg(),
              r.diverged() ? "" : r.finalLoss(),
              r.trainAccuracy() == null ? "" : r.trainAccuracy(),
              r.valAccuracy() == null ? "" : r.valAccuracy(),
              r.diverged(),
              r.diverged() ? Long.toString(r.divergedAt() + 1) : ""));
    }
    ws.out().writeText("tune.csv", csv.toString());
    byte[] map =
        TuneCharts.accuracyMap(
            outcomes.stream()
                .map(
                    r ->
                        new TuneCharts.Point(
                            r.candidate().learningRate(),
                            r.candidate().reg(),
                            r.valAccuracy(),
                            r.diverged()))
                .toList());
    ws.out().write("tune.png", s -> s.write(map));
    byte[] curves =
        TuneCharts.curves(
            outcomes.stream()
                .map(
                    r ->
                        new TuneCharts.Curve(
                            String.format(
                                Locale.ROOT,
                                "lr %.2g reg %.2g",
                                r.candidate().learningRate(),
                                r.candidate().reg()),
                            r.losses()))
                .toList());
    ws.out().write("curves.png", s -> s.write(curves));

    Map<String, Object> options = new LinkedHashMap<>();
    options.put("loss", loss.loss().label());
    options.put("reg", chosen.reg());
    options.put("delta", loss.delta());
    options.put("batch", batch);
    options.put("iters", o.train().descent().iterations());
    options.put("lr", chosen.learningRate());
    options.put("lr-decay", o.train().descent().lrDecay());
    options.put("init-scale", o.train().descent().initScale());
    options.put("seed", ws.data().seed());
    options.put("val", ws.data().validation());
    options.put("partitions", ws.partitions());
    options.put("precision", o.train().descent().precision().label());
    LinearModel model = ws.model(w, loss.loss().label(), Provenance.of(ws, "tune", options));
    ws.out().write(LinearModel.FILE_NAME, model::writeTo);

    Outcome b = outcomes.get(best);
    Double test = ws.testAccuracy(w);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", "tune");
    m.put("loss", loss.loss().label());
    m.put("models", outcomes.size());
    m.put("diverged", outcomes.stream().filter(Outcome::diverged).count());
    m.put("learning_rate", chosen.learningRate());
    m.put("reg", chosen.reg());
    m.put("train_accuracy", b.trainAccuracy());
    m.put("val_accuracy", b.valAccuracy());
    m.put("test_accuracy", test);
    m.put("final_loss", b.finalLoss());
    m.put("iterations", o.train().descent().iterations());
    m.put("batch", batch);
    m.put("precision", o.train().descent().precision().label());
    m.put("seconds", seconds);
    m.put("ms_per_step", 1000 * seconds / o.train().descent().iterations());
    m.put("spark_jobs", jobs);
    m.put("weights_sha256", w.sha256());
    m.put("options", options);
    List<Object> table = new ArrayList<>();
    for (Outcome r : outcomes) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("learning_rate", r.candidate().learningRate());
      row.put("reg", r.candidate().reg());
      row.put("val_accuracy", r.valAccuracy());
      row.put("train_accuracy", r.trainAccuracy());
      row.put("diverged", r.diverged());
      table.add(row);
    }
    m.put("results", table);
    ws.finish(m);
    LOG.info(
        String.format(
            Locale.ROOT,
            "tune: best of %d models: lr %.3g, reg %.3g, validation "
                + "accuracy %.4f%s; %.1f s (%.1f ms per step of all models); wrote %s",
            outcomes.size(),
            chosen.learningRate(),
            chosen.reg(),
            b.valAccuracy() == null ? Double.NaN : b.valAccuracy(),
            test == null ? "" : String.format(Locale.ROOT, ", test accuracy %.4f", test),
            seconds,
            1000 * seconds / o.train().descent().iterations(),
            ws.out().path()));
    return m;
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
