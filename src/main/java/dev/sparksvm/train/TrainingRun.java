package dev.sparksvm.train;

import dev.sparksvm.core.LinearBatch;
import dev.sparksvm.core.Seeds;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.ImageSchema;
import dev.sparksvm.io.InputOverlap;
import dev.sparksvm.optim.GradientDescent;
import dev.sparksvm.optim.LearningRate;
import dev.sparksvm.optim.StepSizeChoice;
import dev.sparksvm.options.BatchSize;
import dev.sparksvm.options.CheckpointOptions;
import dev.sparksvm.options.DescentOptions;
import dev.sparksvm.options.InitialRate;
import dev.sparksvm.options.OutputOptions;
import dev.sparksvm.options.TrainArgs;
import dev.sparksvm.options.TrainOptions;
import dev.sparksvm.options.UsageException;
import dev.sparksvm.session.Preflight;
import dev.sparksvm.session.Workspace;
import dev.sparksvm.spark.ExecutorBlas;
import dev.sparksvm.spark.SparkContexts;
import dev.sparksvm.spark.SparkObjective;
import dev.sparksvm.spark.TaskFailure;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A training run: mini-batch gradient descent of a linear SVM or softmax classifier with W on the
 * driver and the images cached on the executors, then the accuracy on each split (one job each) and
 * the outputs ({@link TrainingOutputs}). {@link #run(Workspace, TrainOptions)} reads as its steps:
 * where the descent starts (a fresh W, or a checkpoint's), the descent itself (its learning rate,
 * signals, checkpoints and failures), and the outputs.
 */
public final class TrainingRun {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);

  /** Seed coordinate of the initial W. */
  static final long INIT_STREAM = 0x57A27L;

  private TrainingRun() {}

  /**
   * {@code train} with every option set by the caller: as {@link #run(TrainOptions, Set)} with
   * nothing restored from a checkpoint, and every option checked against it.
   */
  public static TrainingResult run(TrainOptions o) {
    return run(o, TrainArgs.NAMES);
  }

  /**
   * {@code train}: reads the checkpoint of {@code --resume} and takes from it every option not
   * {@code given} ({@link ResumedOptions}), checks the inputs and {@code --out}, all before Spark
   * starts, then trains in a new workspace and writes the outputs.
   *
   * @param given the names of the options given on the command line
   * @throws RunInterruptedException when a signal stopped the run (after a checkpoint)
   * @throws TaskFailedException when a task of a step kept failing and Spark gave the job up
   */
  public static TrainingResult run(TrainOptions commandLine, Set<String> given) {
    Checkpoint resume = resumed(commandLine.checkpoints(), SparkContexts.hadoopConfiguration());
    TrainOptions o =
        resume == null ? commandLine : ResumedOptions.restore(commandLine, given, resume);
    Preflight preflight =
        Preflight.none()
            .withRead(new InputOverlap.Input("--resume", o.checkpoints().resume(), true))
            .withBatch(BatchSize.of(o.descent().batch()))
            .withOutputBytes(
                "the checkpoints and the model", schema -> TrainingOutputs.bytesNeeded(o, schema));
    if (resume != null) {
      preflight =
          preflight.withInputsCheck(
              inputs ->
                  ResumedOptions.checkData(
                      resume,
                      o.checkpoints().resume(),
                      inputs.data().schema(),
                      inputs.data().recordsByFile()));
    }
    try (Workspace ws = Workspace.open("train", o.data(), o.spark(), output(o), preflight)) {
      return run(ws, o, resume);
    }
  }

  /**
   * Trains in {@code ws} (whose data options are {@code o}'s), keeping, stopping and writing and
   * resuming checkpoints as {@code o} says, and writes the outputs.
   */
  public static TrainingResult run(Workspace ws, TrainOptions o) {
    return run(ws, o, resumed(o.checkpoints(), ws.session().conf()));
  }

  private static TrainingResult run(Workspace ws, TrainOptions o, Checkpoint resume) {
    TrainingStart start = start(ws, o, resume);
    TrainingDescent descent = descend(ws, o, start);
    return TrainingOutputs.write(ws, o, start, descent);
  }

  /**
   * Where the run writes: {@code --out}, else with {@code --resume} the resumed run's directory
   * (resuming there continues that run: its files get replaced), else {@code runs/train-TIMESTAMP}.
   */
  static OutputOptions output(TrainOptions o) {
    String resume = o.checkpoints().resume();
    OutputOptions out = o.output();
    boolean sameFolder =
        resume != null
            && (!out.given()
                || new org.apache.hadoop.fs.Path(out.dir())
                    .equals(new org.apache.hadoop.fs.Path(resume)));
    return sameFolder ? new OutputOptions(resume, true) : out;
  }

  /** The newest checkpoint of {@code --resume}, or null for a fresh run. */
  static Checkpoint resumed(CheckpointOptions options, Configuration conf) {
    if (options.resume() == null) {
      return null;
    }
    Checkpoint c = CheckpointFormat.newest(options.resume(), conf);
    if (c == null) {
      throw new UsageException("--resume " + options.resume() + ": holds no complete checkpoint");
    }
    return c;
  }

  /**
   * The initial W and the batch; with a checkpoint, its W and step once its fingerprint matches
   * these options and data.
   */
  private static TrainingStart start(Workspace ws, TrainOptions o, Checkpoint resume) {
    LOG.info(
        "Spark {} on {}; BLAS: {}",
        ws.session().sparkVersion(),
        ws.session().master(),
        LinearBatch.blasName());
    ExecutorBlas executorBlas = checkExecutorBlas(ws);
    DescentOptions d = o.descent();
    int batch = ws.batch(BatchSize.of(d.batch()));
    ImageSchema schema = ws.schema();
    Map<String, String> fingerprint =
        RunOptions.fingerprint(o, ws.partitions(), schema, ws.dataFiles());
    if (resume == null) {
      Weights w =
          Weights.gaussian(
              schema.classes(),
              schema.features(),
              d.initScale(),
              Seeds.derive(o.data().seed(), INIT_STREAM));
      return new TrainingStart(batch, w, 0, null, fingerprint, executorBlas);
    }
    String dir = o.checkpoints().resume();
    String difference = resume.firstDifference(fingerprint);
    if (difference != null) {
      throw new UsageException(
          "--resume "
              + dir
              + ": cannot continue that run with these options or data: "
              + difference);
    }
    if (resume.step() > d.iterations()) {
      throw new UsageException(
          "--iters "
              + d.iterations()
              + " is fewer than the "
              + resume.step()
              + " steps the checkpoint in "
              + dir
              + " has taken");
    }
    LOG.info("resuming at step {} of {} from {}", resume.step(), d.iterations(), dir);
    return new TrainingStart(
        batch, resume.weights().copy(), resume.step(), resume, fingerprint, executorBlas);
  }

  /**
   * The descent from {@code start}: the learning rate (given, the checkpoint's, or chosen by a
   * step-size sweep), then every step, watched by the loop (validation, early stopping, progress,
   * checkpoints) and by SIGTERM and Ctrl-C; a task that keeps failing ends it in one line.
   */
  private static TrainingDescent descend(Workspace ws, TrainOptions options, TrainingStart start) {
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
              ? chooseRate(objective, w)
              : null;
      double lr =
          o.learningRate() instanceof InitialRate.Fixed fixed
              ? fixed.value()
              : choice != null
                  ? choice.learningRate()
                  : start.resume().learningRate(); // chosen when the run began
      long perEpoch = objective.plan().iterationsPerEpoch();
      LearningRate rate = new LearningRate(lr, o.lrDecay(), perEpoch);
      TrainingLoop loop =
          new TrainingLoop(ws, options, lr, start.batch(), perEpoch, start.fingerprint());
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

  /** {@code --lr auto}: the step size a sweep from the initial W chooses. */
  private static StepSizeChoice chooseRate(SparkObjective objective, Weights w) {
    StepSizeChoice choice = StepSizeChoice.sweep(objective, w);
    LOG.info(
        String.format(
            Locale.ROOT,
            "--lr auto: one step from the initial W lowers a held-out batch's loss most at step"
                + " size %.3g (%.4g -> %.4g); training with %.2f of it: %.3g",
            choice.bestStep(),
            choice.lossBefore(),
            choice.lossAfter(),
            StepSizeChoice.SAFETY,
            choice.learningRate()));
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
      new GradientDescent(rate)
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

  /**
   * Logs which BLAS the executors run (every GEMM of training runs there) and warns when they
   * differ from each other or from the driver's: the weights are then not bit-identical to a run
   * elsewhere.
   */
  static ExecutorBlas checkExecutorBlas(Workspace ws) {
    ExecutorBlas blas = ws.executorBlas();
    String driver = LinearBatch.blasName();
    if (blas.allRun(driver)) {
      LOG.info("BLAS on the executors: {}", blas);
    } else {
      LOG.warn(
          "BLAS differs: {} on the executors, {} on the driver. Each sums in its own order, so W is"
              + " not bit-identical to a run with another BLAS (install the same native BLAS"
              + " everywhere, or none)",
          blas,
          driver);
    }
    return blas;
  }
}
