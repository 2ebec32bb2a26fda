package dev.sparksvm.train;

import dev.sparksvm.core.Seeds;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.ImageSchema;
import dev.sparksvm.io.InputOverlap;
import dev.sparksvm.optim.StackedDescent;
import dev.sparksvm.optim.Update;
import dev.sparksvm.options.BatchSize;
import dev.sparksvm.options.DescentOptions;
import dev.sparksvm.options.TrainArgs;
import dev.sparksvm.options.TrainOptions;
import dev.sparksvm.options.TuneOptions;
import dev.sparksvm.options.TuneOptions.Candidate;
import dev.sparksvm.options.UsageException;
import dev.sparksvm.session.Preflight;
import dev.sparksvm.session.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tune}: K models, one per (learning rate, regularization), trained at the same time on the
 * same mini-batches, one Spark job per step for all of them ({@link StackedDescent}); all K are
 * scored on the validation split in one job at each evaluation. A model that diverges is dropped
 * and named. Writes {@code tune.csv}, {@code tune.png} (validation accuracy over log lr x log reg),
 * {@code curves.png} (every model's loss) and the best model as {@code train} writes one. It
 * checkpoints and resumes as {@code train} does ({@link TuneCheckpoint}, {@link TuneResume}).
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

  /** {@code tune} with every option set by the caller: nothing restored from a checkpoint. */
  public static Result run(TuneOptions o) {
    return run(o, TrainArgs.NAMES);
  }

  /**
   * {@code tune}: reads the checkpoint of {@code --resume} and takes from it every option not
   * {@code given} ({@link TuneResume}), checks the inputs and {@code --out}, then trains the models
   * and writes.
   *
   * @throws RunInterruptedException when a signal stopped the run (after a checkpoint)
   */
  public static Result run(TuneOptions commandLine, Set<String> given) {
    TuneCheckpoint resume =
        TuneResume.read(commandLine, dev.sparksvm.spark.SparkContexts.hadoopConfiguration());
    TuneOptions o = resume == null ? commandLine : TuneResume.restore(commandLine, given, resume);
    TrainOptions t = o.train();
    Preflight preflight =
        Preflight.none()
            .withRead(new InputOverlap.Input("--resume", t.checkpoints().resume(), true))
            .withBatch(BatchSize.of(t.descent().batch()));
    if (resume != null) {
      preflight =
          preflight.withInputsCheck(
              inputs ->
                  ResumedOptions.checkData(
                      resume.header(),
                      t.checkpoints().resume(),
                      inputs.data().schema(),
                      inputs.data().recordsByFile()));
    }
    try (Workspace ws =
        Workspace.open("tune", t.data(), t.spark(), TrainingRun.output(t), preflight)) {
      return run(ws, o, resume);
    }
  }

  /** Trains the models in {@code ws} (whose data options are {@code o}'s) and writes. */
  public static Result run(Workspace ws, TuneOptions o) {
    return run(ws, o, TuneResume.read(o, ws.session().conf()));
  }

  private static Result run(Workspace ws, TuneOptions o, TuneCheckpoint resume) {
    DescentOptions t = o.train().descent();
    List<Candidate> candidates = o.candidates();
    int batch = ws.batch(BatchSize.of(t.batch()));
    ImageSchema schema = ws.schema();
    Map<String, String> fingerprint =
        RunOptions.fingerprint(o.train(), ws.partitions(), schema, ws.dataFiles());
    List<Weights> starts;
    List<Update> updates = new ArrayList<>();
    if (resume == null) {
      Weights w =
          Weights.gaussian(
              schema.classes(),
              schema.features(),
              t.initScale(),
              Seeds.derive(ws.data().seed(), TrainingStart.INIT_STREAM));
      starts = java.util.Collections.nCopies(candidates.size(), w);
      for (int m = 0; m < candidates.size(); m++) {
        updates.add(t.update().start(schema.classes(), schema.features())); // one per model
      }
    } else {
      String dir = o.train().checkpoints().resume();
      TuneResume.check(resume, dir, fingerprint, t.iterations());
      if (!resume.candidates().equals(candidates)) {
        throw new UsageException("--resume " + dir + ": the checkpoint trains other models");
      }
      LOG.info("resuming at step {} of {} from {}", resume.step(), t.iterations(), dir);
      starts = resume.weights();
      for (Weights v : resume.velocities()) {
        updates.add(TrainingStart.resumedUpdate(t.update(), v, dir));
      }
    }
    TuneState state =
        TuneState.of(candidates, t.iterations(), fingerprint, TrainArgs.of(o.train()), resume);
    Progress progress = new Progress(t.iterations(), batch, o.train().reporting().printEvery());
    if (resume != null) {
      progress.resumeAt(resume.step(), resume.trainingSeconds());
    }
    long jobsBefore = ws.jobs();
    StackedDescent.Result descent =
        TuneDescent.descend(
            ws, o, batch, starts, updates, resume == null ? 0 : resume.step(), state, progress);
    double seconds = progress.trainingSeconds();
    long trainJobs = ws.jobs() - jobsBefore;
    List<TuneOutcome> outcomes =
        TuneScores.outcomes(ws, candidates, descent, state.losses(), state.val());
    int best = TuneScores.best(state.val(), TuneScores.live(descent));
    if (best < 0) {
      throw new dev.sparksvm.optim.DivergedException(
          0, Double.NaN, candidates.get(0).learningRate());
    }
    Weights w = descent.weights().get(best);
    Map<String, Object> m =
        TuneReport.write(ws, o, new TuneReport.Tuned(outcomes, best, w, batch, seconds, trainJobs));
    return new Result(outcomes, descent.weights(), best, m);
  }
}
