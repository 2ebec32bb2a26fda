package dev.sparksvm.train;

import dev.sparksvm.core.LinearBatch;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.ImageSchema;
import dev.sparksvm.model.LinearModel;
import dev.sparksvm.optim.EarlyStopping;
import dev.sparksvm.optim.StepSizeChoice;
import dev.sparksvm.options.InitialRate;
import dev.sparksvm.options.StoppingOptions;
import dev.sparksvm.options.TrainOptions;
import dev.sparksvm.options.UpdateOptions;
import dev.sparksvm.report.History;
import dev.sparksvm.report.Pictures;
import dev.sparksvm.report.TrainingCharts;
import dev.sparksvm.session.Provenance;
import dev.sparksvm.session.Workspace;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a training run: the W kept (the last, or the best one seen), its accuracy on each
 * split (one job each), and the outputs: {@code model.bin} (with its provenance), {@code
 * history.csv}, {@code loss.png}, {@code templates.png} and, last, {@code metrics.json}.
 */
final class TrainingOutputs {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingOutputs.class);

  private TrainingOutputs() {}

  /** Keeps W, measures it, writes the outputs and commits them together. */
  static TrainingResult write(
      Workspace ws, TrainOptions o, TrainingStart start, TrainingDescent d) {
    TrainingLoop loop = d.loop();
    EarlyStopping.Tracker tracker = loop.tracker();
    long steps = loop.stepsDone();
    logStop(o, tracker, steps);
    boolean keptBest = tracker.keepsBest();
    Weights w = tracker.kept(d.last());
    if (keptBest) {
      LOG.info(
          "keeping the W of step {} (validation accuracy {}), the best seen",
          tracker.bestStep(),
          fmt(tracker.bestAccuracy()));
    }
    long stepsHere = Math.max(1, steps - start.step());
    LOG.info(
        "ms per iteration by phase: [{}]; train's own between steps {}",
        d.phases().describePerStep(stepsHere),
        String.format("%.3f", loop.bookkeepingMillisPerStep(stepsHere)));

    double trainAccuracy = ws.trainAccuracy(w);
    // Measured after the last step (or at the kept one), never twice.
    Double valAccuracy = keptBest ? Double.valueOf(tracker.bestAccuracy()) : loop.lastValidation();
    Double testAccuracy = ws.testAccuracy(w);
    Map<String, Object> shaped = RunOptions.shaping(o, ws.partitions(), d.learningRate());
    LinearModel model = ws.model(w, o.loss().loss().label(), Provenance.of(ws, "train", shaped));
    History history = loop.history();
    ws.out().write(LinearModel.FILE_NAME, model::writeTo);
    ws.out().writeText("history.csv", history.toCsv());

    double seconds = loop.trainingSeconds();
    TrainingMetrics metrics =
        new TrainingMetrics(
            o.loss().loss(),
            new TrainingMetrics.Accuracies(trainAccuracy, valAccuracy, testAccuracy),
            new TrainingMetrics.Outcome(
                loop.lastLoss(), steps, tracker.reason(), keptBest ? tracker.bestStep() : steps),
            new TrainingMetrics.Steps(
                start.batch(),
                d.learningRate(),
                chosenBy(o, d.choice()),
                o.descent().lrDecay(),
                o.loss().reg(),
                o.data().seed(),
                d.depth(),
                o.descent().precision(),
                o.descent().update()),
            new TrainingMetrics.Speed(
                seconds,
                ws.loadSeconds(),
                ws.set().train().cachedBytes(),
                ws.trainCount(),
                LinearBatch.blasName(),
                String.join(",", start.executorBlas().names()),
                d.phases().millisPerStep(stepsHere),
                loop.bookkeepingMillisPerStep(stepsHere)),
            w.sha256(),
            shaped);
    Map<String, Object> m = metrics.toMap();
    ws.stageMetrics(m);
    // The results are staged; the pictures come after them and can never cost them.
    ws.writePicture("loss.png", () -> TrainingCharts.lossCurve(history));
    ws.writePicture("templates.png", () -> Pictures.templates(w, ws.schema()));
    ws.commit();

    LOG.info(
        "done: train accuracy {}, validation accuracy {}{}; {} ms/iteration; W sha256 {}",
        fmt(trainAccuracy),
        valAccuracy == null ? "none (--val 0)" : fmt(valAccuracy),
        testAccuracy == null ? "" : ", test accuracy " + fmt(testAccuracy),
        String.format("%.1f", 1000 * seconds / steps),
        w.sha256());
    LOG.info(
        "wrote {}/{model.bin, history.csv, metrics.json, loss.png, templates.png}",
        ws.out().path());
    return new TrainingResult(w, m);
  }

  /**
   * The bytes a run writes into {@code --out} at most, pictures aside: two checkpoints (the newest
   * is written before the one before it is removed), {@code model.bin} and {@code history.csv}.
   */
  static long bytesNeeded(TrainOptions o, ImageSchema schema) {
    long weights = 8L * schema.classes() * schema.features();
    long steps = o.descent().iterations();
    boolean best = o.stopping().keep() == StoppingOptions.Keep.BEST;
    long checkpoint =
        Checkpoint.sizeBound(weights, steps, best, o.descent().update().hasVelocity());
    long model = weights + 8L * schema.features() + Checkpoint.SLACK;
    long history = 80L * steps;
    return 2 * checkpoint + model + history;
  }

  /** Says why a run stopped before {@code --iters}, if it did. */
  private static void logStop(TrainOptions o, EarlyStopping.Tracker tracker, long steps) {
    if (tracker.reason() != EarlyStopping.Reason.ITERATIONS) {
      LOG.info(
          "stopped after {} of {} steps: {}",
          steps,
          o.descent().iterations(),
          tracker.reason() == EarlyStopping.Reason.STOP_AT
              ? "validation accuracy reached " + o.stopping().stopAt().orElseThrow()
              : "no better validation accuracy in " + o.stopping().patience() + " evaluations");
    }
  }

  /** How the learning rate was chosen, as metrics.json says it. */
  private static String chosenBy(TrainOptions o, StepSizeChoice choice) {
    if (choice != null) {
      UpdateOptions update = o.descent().update();
      return String.format(
              Locale.ROOT,
              "--lr auto: best one-step size %.3g times %.2f",
              choice.bestStep(),
              StepSizeChoice.SAFETY)
          + (update.hasVelocity()
              ? String.format(Locale.ROOT, " times 1 - momentum %.3g", 1 - update.momentum())
              : "");
    }
    return o.descent().learningRate() instanceof InitialRate.Auto
        ? "--lr auto, chosen when the run began"
        : "--lr";
  }

  private static String fmt(double accuracy) {
    return String.format("%.4f", accuracy);
  }
}
