package dev.sparksvm.train;

import dev.sparksvm.core.Weights;
import dev.sparksvm.model.LinearModel;
import dev.sparksvm.options.TuneOptions;
import dev.sparksvm.options.TuneOptions.Candidate;
import dev.sparksvm.report.TuneCharts;
import dev.sparksvm.session.Provenance;
import dev.sparksvm.session.Workspace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outputs of a {@code tune} run: {@code tune.csv} (every model), {@code tune.png} (validation
 * accuracy over log lr x log reg), {@code curves.png} (every model's loss), the best model as
 * {@code train} writes one ({@code model.bin}, its provenance the options {@code train} would have
 * had), and {@code metrics.json}.
 */
final class TuneReport {
  private static final Logger LOG = LoggerFactory.getLogger(TuneReport.class);

  /**
   * What the descent of a {@code tune} run left.
   *
   * @param outcomes every model's outcome
   * @param best the index of the model kept
   * @param weights its W
   * @param batch the global batch
   * @param seconds of training
   * @param jobs Spark jobs of the descent and its evaluations
   */
  record Tuned(
      List<TuneOutcome> outcomes,
      int best,
      Weights weights,
      int batch,
      double seconds,
      long jobs) {}

  private TuneReport() {}

  /** Writes every output of the run; returns the metrics. */
  static Map<String, Object> write(Workspace ws, TuneOptions o, Tuned t) {
    List<TuneOutcome> outcomes = t.outcomes();
    Candidate chosen = outcomes.get(t.best()).candidate();
    Weights w = t.weights();
    StringBuilder csv =
        new StringBuilder(
            "learning_rate,reg,final_loss,train_accuracy,val_accuracy,diverged,diverged_at_step\n");
    for (TuneOutcome r : outcomes) {
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
    Map<String, Object> shaping =
        RunOptions.shaping(o.model(t.best()), ws.partitions(), chosen.learningRate());
    LinearModel model =
        ws.model(w, o.train().loss().loss().label(), Provenance.of(ws, "tune", shaping));
    ws.out().write(LinearModel.FILE_NAME, model::writeTo);
    TuneOutcome b = outcomes.get(t.best());
    Double test = ws.testAccuracy(w);
    Map<String, Object> m =
        new TuneMetrics(
                o, outcomes, t.best(), test, t.batch(), t.seconds(), t.jobs(), w.sha256(), shaping)
            .toMap();
    ws.stageMetrics(m);
    // The results are staged; the pictures come after them and can never cost them.
    ws.writePicture("tune.png", () -> TuneCharts.accuracyMap(points(outcomes)));
    ws.writePicture("curves.png", () -> TuneCharts.curves(curves(outcomes)));
    ws.commit();
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
            t.seconds(),
            1000 * t.seconds() / o.train().descent().iterations(),
            ws.out().path()));
    return m;
  }

  private static List<TuneCharts.Point> points(List<TuneOutcome> outcomes) {
    return outcomes.stream()
        .map(
            r ->
                new TuneCharts.Point(
                    r.candidate().learningRate(),
                    r.candidate().reg(),
                    r.valAccuracy(),
                    r.diverged()))
        .toList();
  }

  /**
   * Every model's loss curve, labelled by its lr and reg to two significant digits, or to as many
   * more as it takes to tell every model apart (1e-7 and 1.01e-7 are two models).
   */
  static List<TuneCharts.Curve> curves(List<TuneOutcome> outcomes) {
    List<TuneCharts.Curve> curves = new ArrayList<>();
    for (int digits = 2; ; digits++) {
      Set<String> seen = new HashSet<>();
      curves.clear();
      for (TuneOutcome r : outcomes) {
        String label =
            String.format(
                Locale.ROOT,
                "lr %." + digits + "g reg %." + digits + "g",
                r.candidate().learningRate(),
                r.candidate().reg());
        seen.add(label);
        curves.add(new TuneCharts.Curve(label, r.losses()));
      }
      if (seen.size() == outcomes.size() || digits >= 17) {
        return curves;
      }
    }
  }
}
