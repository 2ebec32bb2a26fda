package dev.sparksvm.train;

import dev.sparksvm.core.Weights;
import dev.sparksvm.optim.GradientDescent;
import dev.sparksvm.optim.LearningRate;
import dev.sparksvm.optim.StepSizeChoice;
import dev.sparksvm.options.BatchSize;
import dev.sparksvm.options.DescentOptions;
import dev.sparksvm.options.InitialRate;
import dev.sparksvm.options.TrainOptions;
import dev.sparksvm.options.UpdateOptions;
import dev.sparksvm.session.Workspace;
import dev.sparksvm.spark.IterationPhases;
import dev.sparksvm.spark.SparkObjective;
import dev.sparksvm.spark.TaskFailure;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The descent of a training run ({@link #from}) and what it leaves: the learning rate (given, the
 * checkpoint's, or chosen by a step-size sweep), every step watched by the loop, SIGTERM and
 * Ctrl-C, and a task that keeps failing ended in one line.
 *
 * @param loop the history, the early-stopping state and the last loss
 * @param last W after the last step taken
 * @param learningRate the initial step size used
 * @param choice how {@code --lr auto} chose it, or null
 * @param depth the aggregation depth used
 * @param phases the time of each phase, summed over the steps of this process
 */
record TrainingDescent(
    TrainingLoop loop,
    Weights last,
    double learningRate,
    StepSizeChoice choice,
    int depth,
    IterationPhases phases) {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingDescent.class);

  /**
   * The descent from {@code start}: the learning rate (given, the checkpoint's, or chosen by a
   * step-size sweep), then every step, watched by the loop (validation, early stopping, progress,
   * checkpoints) and by SIGTERM and Ctrl-C; a task that keeps failing ends it in one line.
   */
  static TrainingDescent from(Workspace ws, TrainOptions options, TrainingStart start) {
    DescentOptions o = options.descent();
    Weights w = start.weights();
    try (SparkObjective objective =
        ws.objective(
            options.loss(), BatchSize.of(start.batch()), o.aggregationDepth(), o.precision())) {
      String loss = options.loss().loss().label();
      objective.describeSteps(
          step ->
              "train "
                  + loss
                  + ": step "
                  + (step + 1)
                  + "/"
                  + o.iterations()
                  + " (batch "
                  + start.batch()
                  + ")");
      StepSizeChoice choice =
          o.learningRate() instanceof InitialRate.Auto && start.resume() == null
              ? chooseRate(objective, w, o.update())
              : null;
      double lr =
          o.learningRate() instanceof InitialRate.Fixed fixed
              ? fixed.value()
              : choice != null
                  ? o.update().rateFor(choice.learningRate())
                  : start.resume().learningRate(); // chosen when the run began
      long perEpoch = objective.plan().iterationsPerEpoch();
      LearningRate rate = new LearningRate(lr, o.lrDecay(), perEpoch);
      TrainingLoop loop =
          new TrainingLoop(
              ws,
              options,
              lr,
              start.batch(),
              perEpoch,
              start.fingerprint(),
              start.update().velocity());
      if (start.resume() != null) {
        loop.restore(start.resume());
      }
      try (StopSignal signal = new StopSignal()) {
        loop.watch(signal);
        steps(ws, o, objective, rate, start, loop);
        if (loop.signalled() == null && !options.checkpoints().onlyOnSignal()) {
          loop.checkpoint(w, rate.at(loop.stepsDone())); // lets a finished run be extended
        }
        if (loop.signalled() != null) {
          String where = loop.checkpoint(w, rate.at(loop.stepsDone()));
          throw new RunInterruptedException(
              loop.signalled()
                  + ": stopped after step "
                  + loop.stepsDone()
                  + " of "
                  + o.iterations()
                  + "; checkpoint "
                  + where
                  + "; resume with: train --resume "
                  + ws.out().path());
        }
      }
      return new TrainingDescent(
          loop, w, lr, choice, objective.aggregationDepth(), objective.totalPhases());
    }
  }

  /**
   * {@code --lr auto}: the step size a sweep from the initial W chooses (for one vanilla step: the
   * momentum updates take {@code 1 - mu} of it, {@link UpdateOptions#rateFor}).
   */
  private static StepSizeChoice chooseRate(
      SparkObjective objective, Weights w, UpdateOptions update) {
    StepSizeChoice choice = StepSizeChoice.sweep(objective, w);
    LOG.info(
        String.format(
            Locale.ROOT,
            "--lr auto: one step from the initial W lowers a held-out batch's loss most at step"
                + " size %.3g (%.4g -> %.4g); training with %.2f of it%s: %.3g",
            choice.bestStep(),
            choice.lossBefore(),
            choice.lossAfter(),
            StepSizeChoice.SAFETY,
            update.hasVelocity()
                ? String.format(
                    Locale.ROOT,
                    " times 1 - momentum (%.3g) for --update %s",
                    1 - update.momentum(),
                    update.rule())
                : "",
            update.rateFor(choice.learningRate())));
    return choice;
  }

  /** The steps, W updated in place; a step Spark gave up on is a {@link TaskFailedException}. */
  private static void steps(
      Workspace ws,
      DescentOptions o,
      SparkObjective objective,
      LearningRate rate,
      TrainingStart start,
      TrainingLoop loop) {
    try {
      new GradientDescent(rate, start.update())
          .minimise(objective, start.weights(), start.step(), o.iterations(), loop);
    } catch (Exception e) { // SparkException is checked, but Scala does not declare it
      TaskFailure failure = TaskFailure.of(e);
      if (failure == null) {
        throw e;
      }
      throw TaskFailedException.inStep(
          failure,
          loop.stepsDone() + 1,
          o.iterations(),
          ws.out().path().toString(),
          ws.session().conf(),
          e);
    }
  }
}
