package dev.sparksvm.train;

import dev.sparksvm.core.L2Regularizer;
import dev.sparksvm.core.Weights;
import dev.sparksvm.optim.LearningRate;
import dev.sparksvm.optim.StackedDescent;
import dev.sparksvm.optim.Update;
import dev.sparksvm.options.BatchSize;
import dev.sparksvm.options.CheckpointOptions;
import dev.sparksvm.options.DescentOptions;
import dev.sparksvm.options.ReportingOptions;
import dev.sparksvm.options.TuneOptions;
import dev.sparksvm.options.TuneOptions.Candidate;
import dev.sparksvm.session.Workspace;
import dev.sparksvm.spark.SparkObjective;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tune's steps: all K models in one Spark job per step, from step 0 or a checkpoint's, watched by
 * SIGTERM and Ctrl-C; checkpoints every {@code --checkpoint-every} steps, at the end, and when a
 * signal stops the run ({@link RunInterruptedException}, with the resume command).
 */
final class TuneDescent {
  private static final Logger LOG = LoggerFactory.getLogger(TuneDescent.class);

  private TuneDescent() {}

  static StackedDescent.Result descend(
      Workspace ws,
      TuneOptions o,
      int batch,
      List<Weights> starts,
      List<Update> updates,
      long from,
      TuneState state,
      Progress progress) {
    DescentOptions t = o.train().descent();
    ReportingOptions reporting = o.train().reporting();
    CheckpointOptions checkpoints = o.train().checkpoints();
    List<Candidate> candidates = o.candidates();
    int k = candidates.size();
    try (SparkObjective objective =
            ws.objective(
                o.train().loss(), BatchSize.of(batch), t.aggregationDepth(), t.precision());
        StopSignal signal = new StopSignal()) {
      objective.describeSteps(
          step ->
              String.format(
                  Locale.ROOT,
                  "tune: step %d/%d of %d models (batch %d)",
                  step + 1,
                  t.iterations(),
                  k,
                  batch));
      long perEpoch = objective.plan().iterationsPerEpoch();
      List<StackedDescent.Model> models = new ArrayList<>();
      for (int m = 0; m < k; m++) {
        Candidate c = candidates.get(m);
        models.add(
            new StackedDescent.Model(
                new LearningRate(c.learningRate(), t.lrDecay(), perEpoch),
                new L2Regularizer(c.reg()),
                updates.get(m)));
      }
      List<Weights> velocities = updates.stream().map(Update::velocity).toList();
      LOG.info(
          "tune: {} models (learning rates {}, regularizations {}), batch {}, {} steps, update {}",
          k,
          candidates.stream().map(Candidate::learningRate).distinct().toList(),
          candidates.stream().map(Candidate::reg).distinct().toList(),
          batch,
          t.iterations(),
          t.update().hasVelocity()
              ? t.update().rule() + " " + t.update().momentum()
              : t.update().rule());
      long[] done = {from};
      StackedDescent.Listener listener =
          new StackedDescent.Listener() {
            @Override
            public void afterStep(
                long step, double[] losses, List<Weights> weights, boolean[] active) {
              done[0] = step + 1;
              for (int m : state.record(step, losses, active)) {
                LOG.warn(
                    "model lr {} reg {} diverged at step {}: dropped, the others go on",
                    candidates.get(m).learningRate(),
                    candidates.get(m).reg(),
                    done[0]);
              }
              if ((reporting.evalEvery() > 0 && done[0] % reporting.evalEvery() == 0)
                  || done[0] == t.iterations()) {
                long evalStart = System.nanoTime();
                TuneScores.validate(ws, weights, active, state.val());
                progress.exclude(System.nanoTime() - evalStart);
              }
              report(progress, done[0], losses, active, candidates, state.val());
              if (state.checkpointDue(done[0], checkpoints.every(), perEpoch)
                  && done[0] < t.iterations()
                  && signal.received() == null) {
                state.checkpoint(ws, done[0], progress.trainingSeconds(), weights, velocities);
              }
            }

            @Override
            public boolean stopRequested() {
              return signal.received() != null;
            }
          };
      StackedDescent.Result r =
          new StackedDescent(models)
              .minimise(objective, starts, state.divergedAt(), from, t.iterations(), listener);
      if (signal.received() != null) {
        String where =
            state.checkpoint(ws, done[0], progress.trainingSeconds(), r.weights(), velocities);
        throw new RunInterruptedException(
            signal.received()
                + ": stopped after step "
                + done[0]
                + " of "
                + t.iterations()
                + "; checkpoint "
                + where
                + "; resume with: tune --resume "
                + ws.out().path());
      }
      if (!checkpoints.onlyOnSignal()) {
        // Once more at the end, so that the run can be extended.
        state.checkpoint(ws, done[0], progress.trainingSeconds(), r.weights(), velocities);
      }
      return r;
    }
  }

  private static void report(
      Progress progress,
      long done,
      double[] losses,
      boolean[] active,
      List<Candidate> candidates,
      Double[] val) {
    int best = TuneScores.best(val, active);
    progress.report(
        done,
        best < 0 ? Double.NaN : losses[best],
        best < 0 ? Double.NaN : candidates.get(best).learningRate(),
        best < 0 ? null : val[best],
        String.format(
            Locale.ROOT,
            "  %d models, %d diverged%s",
            candidates.size(),
            TuneScores.count(active, false),
            best < 0
                ? ""
                : String.format(
                    Locale.ROOT,
                    "  best lr %.3g reg %.3g",
                    candidates.get(best).learningRate(),
                    candidates.get(best).reg())));
  }
}
