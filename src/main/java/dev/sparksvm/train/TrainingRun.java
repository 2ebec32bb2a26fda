package dev.sparksvm.train;

import dev.sparksvm.core.LinearBatch;
import dev.sparksvm.core.Precision;
import dev.sparksvm.core.Seeds;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.ImageSchema;
import dev.sparksvm.model.LinearModel;
import dev.sparksvm.optim.EarlyStopping;
import dev.sparksvm.optim.GradientDescent;
import dev.sparksvm.optim.LearningRate;
import dev.sparksvm.optim.StepSizeChoice;
import dev.sparksvm.options.BatchSize;
import dev.sparksvm.options.CheckpointOptions;
import dev.sparksvm.options.DescentOptions;
import dev.sparksvm.options.InitialRate;
import dev.sparksvm.options.LossOptions;
import dev.sparksvm.options.OutputOptions;
import dev.sparksvm.options.StoppingOptions;
import dev.sparksvm.options.TrainOptions;
import dev.sparksvm.options.UsageException;
import dev.sparksvm.report.History;
import dev.sparksvm.report.Pictures;
import dev.sparksvm.report.TrainingCharts;
import dev.sparksvm.session.Provenance;
import dev.sparksvm.session.Workspace;
import dev.sparksvm.spark.ExecutorBlas;
import dev.sparksvm.spark.IterationPhases;
import dev.sparksvm.spark.SparkContexts;
import dev.sparksvm.spark.SparkObjective;
import dev.sparksvm.spark.TaskFailure;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A training run: mini-batch gradient descent of a linear SVM or softmax classifier with W on the
 * driver and the images cached on the executors, then the accuracy on each split (one job each) and
 * the outputs: {@code model.bin}, {@code history.csv}, {@code loss.png}, {@code templates.png} and
 * {@code metrics.json}.
 */
public final class TrainingRun {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);

  /** Seed coordinate of the initial W. */
  static final long INIT_STREAM = 0x57A27L;

  /** The figures of a finished run (also written to metrics.json). */
  public record Result(Weights weights, Map<String, Object> metrics) {}

  private TrainingRun() {}

  /**
   * {@code train}: reads the checkpoint of {@code --resume} and checks the inputs and {@code --out}
   * before Spark starts, then trains in a new workspace and writes the outputs.
   *
   * @throws RunInterruptedException when a signal stopped the run (after a checkpoint)
   * @throws TaskFailedException when a task of a step kept failing and Spark gave the job up
   */
  public static Result run(TrainOptions o) {
    Checkpoint resume = resumed(o.checkpoints(), SparkContexts.hadoopConfiguration());
    try (Workspace ws = Workspace.open("train", o.data(), o.spark(), output(o))) {
      return run(ws, o, resume);
    }
  }

  /**
   * Trains in {@code ws} (whose data options are {@code o}'s), keeping, stopping and writing and
   * resuming checkpoints as {@code o} says, and writes the outputs.
   */
  public static Result run(Workspace ws, TrainOptions o) {
    return run(ws, o, resumed(o.checkpoints(), ws.session().conf()));
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
    Checkpoint c = Checkpoint.newest(options.resume(), conf);
    if (c == null) {
      throw new UsageException("--resume " + options.resume() + ": holds no complete checkpoint");
    }
    return c;
  }

  private static Result run(Workspace ws, TrainOptions options, Checkpoint resume) {
    LossOptions lossOptions = options.loss();
    DescentOptions requested = options.descent();
    StoppingOptions stopping = options.stopping();
    CheckpointOptions checkpoints = options.checkpoints();
    LOG.info(
        "Spark {} on {}; BLAS: {}",
        ws.session().sparkVersion(),
        ws.session().master(),
        LinearBatch.blasName());
    ExecutorBlas executorBlas = checkExecutorBlas(ws);
    int batch = ws.batch(BatchSize.of(requested.batch()));
    ImageSchema schema = ws.schema();
    Weights w =
        Weights.gaussian(
            schema.classes(),
            schema.features(),
            requested.initScale(),
            Seeds.derive(ws.data().seed(), INIT_STREAM));
    DescentOptions o = requested;
    Map<String, String> fingerprint = fingerprint(ws, lossOptions, requested, batch);
    long from = 0;
    if (resume != null) {
      String difference = resume.firstDifference(fingerprint);
      if (difference != null) {
        throw new UsageException(
            "--resume "
                + checkpoints.resume()
                + ": cannot continue that "
                + "run with these options or data: "
                + difference);
      }
      if (resume.step() > o.iterations()) {
        throw new UsageException(
            "--iters "
                + o.iterations()
                + " is fewer than the "
                + resume.step()
                + " steps the checkpoint in "
                + checkpoints.resume()
                + " has taken");
      }
      w = resume.weights().copy();
      from = resume.step();
      LOG.info("resuming at step {} of {} from {}", from, o.iterations(), checkpoints.resume());
    }
    TrainingLoop loop;
    IterationPhases phases;
    int depth;
    StepSizeChoice choice = null;
    double lr;
    try (SparkObjective objective =
        ws.objective(lossOptions, BatchSize.of(batch), o.aggregationDepth(), o.precision())) {
      long total = o.iterations();
      objective.describeSteps(
          step ->
              "train "
                  + lossOptions.loss().label()
                  + ": step "
                  + (step + 1)
                  + "/"
                  + total
                  + " (batch "
                  + batch
                  + ")");
      depth = objective.aggregationDepth();
      if (o.learningRate() instanceof InitialRate.Fixed fixed) {
        lr = fixed.value();
      } else if (resume != null) {
        lr = resume.learningRate(); // chosen when the run began
      } else {
        choice = StepSizeChoice.sweep(objective, w);
        lr = choice.learningRate();
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
      }
      LearningRate rate = new LearningRate(lr, o.lrDecay(), objective.plan().iterationsPerEpoch());
      loop =
          new TrainingLoop(
              ws, options, lr, batch, objective.plan().iterationsPerEpoch(), fingerprint);
      if (resume != null) {
        loop.restore(resume);
      }
      try (StopSignal signal = new StopSignal()) {
        loop.watch(signal);
        try {
          new GradientDescent(rate).minimise(objective, w, from, o.iterations(), loop);
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
        if (!checkpoints.every().equals(java.util.OptionalLong.of(0)) && loop.signalled() == null) {
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
                  + ws.out().path()
                  + " (and the same options)");
        }
      }
      phases = objective.totalPhases();
    }
    EarlyStopping.Tracker tracker = loop.tracker();
    long steps = loop.stepsDone();
    long stepsHere = steps - from;
    if (tracker.reason() != EarlyStopping.Reason.ITERATIONS) {
      LOG.info(
          "stopped after {} of {} steps: {}",
          steps,
          o.iterations(),
          tracker.reason() == EarlyStopping.Reason.STOP_AT
              ? "validation accuracy reached " + stopping.stopAt().orElseThrow()
              : "no better validation accuracy in " + stopping.patience() + " evaluations");
    }
    boolean keptBest = tracker.keepsBest();
    w = tracker.kept(w);
    if (keptBest) {
      LOG.info(
          "keeping the W of step {} (validation accuracy {}), the best seen",
          tracker.bestStep(),
          fmt(tracker.bestAccuracy()));
    }
    double trainSeconds = loop.trainingSeconds();
    Map<String, Object> phaseMs = phaseMillis(phases, Math.max(1, stepsHere));
    LOG.info(
        "ms per iteration by phase: {}",
        phaseMs.entrySet().stream()
            .map(e -> e.getKey() + String.format(" %.2f", (double) e.getValue()))
            .toList());
    History history = loop.history();

    double trainAccuracy = ws.trainAccuracy(w);
    // Measured after the last step (or at the kept one), never twice.
    Double valAccuracy = keptBest ? Double.valueOf(tracker.bestAccuracy()) : loop.lastValidation();
    Double testAccuracy = ws.testAccuracy(w);
    Map<String, Object> shaped = options(ws, lossOptions, o, batch, lr);
    if (choice != null) {
      shaped.put("lr", "auto (" + lr + ")");
    }
    LinearModel model = ws.model(w, lossOptions.loss().label(), Provenance.of(ws, "train", shaped));
    ws.out().write(LinearModel.FILE_NAME, model::writeTo);
    ws.out().writeText("history.csv", history.toCsv());
    ws.out().write("loss.png", s -> s.write(TrainingCharts.lossCurve(history)));
    byte[] templates = Pictures.templates(w, schema);
    ws.out().write("templates.png", s -> s.write(templates));

    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", "train");
    m.put("loss", lossOptions.loss().label());
    m.put("train_accuracy", trainAccuracy);
    m.put("val_accuracy", valAccuracy);
    m.put("test_accuracy", testAccuracy);
    m.put("final_loss", loop.lastLoss());
    m.put("iterations", steps);
    m.put("stopped", tracker.reason().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    m.put("kept_iteration", keptBest ? tracker.bestStep() : steps);
    m.put("batch", batch);
    m.put("learning_rate", lr);
    m.put(
        "learning_rate_chosen_by",
        choice == null
            ? "--lr"
            : String.format(
                Locale.ROOT,
                "--lr auto: best one-step size %.3g times %.2f",
                choice.bestStep(),
                StepSizeChoice.SAFETY));
    m.put("lr_decay", o.lrDecay());
    m.put("reg", lossOptions.reg());
    m.put("seed", ws.data().seed());
    m.put("aggregation_depth", depth);
    m.put("precision", o.precision().label());
    m.put("seconds", trainSeconds);
    m.put("load_seconds", ws.loadSeconds());
    m.put("ms_per_iteration", 1000 * trainSeconds / steps);
    m.put("examples_per_second", steps * (double) batch / trainSeconds);
    m.put("cached_bytes", ws.set().train().cachedBytes());
    m.put("cached_bytes_per_image", ws.set().train().cachedBytes() / (double) ws.trainCount());
    m.put("blas", LinearBatch.blasName());
    m.put("executor_blas", String.join(",", executorBlas.names()));
    m.put("phase_ms_per_iteration", phaseMs);
    m.put("weights_sha256", w.sha256());
    m.put("options", shaped);
    ws.finish(m);

    LOG.info(
        "done: train accuracy {}, validation accuracy {}{}; {} ms/iteration; W sha256 {}",
        fmt(trainAccuracy),
        valAccuracy == null ? "none (--val 0)" : fmt(valAccuracy),
        testAccuracy == null ? "" : ", test accuracy " + fmt(testAccuracy),
        String.format("%.1f", 1000 * trainSeconds / steps),
        w.sha256());
    LOG.info(
        "wrote {}/{model.bin, history.csv, metrics.json, loss.png, templates.png}",
        ws.out().path());
    return new Result(w, m);
  }

  /**
   * The options and data that decide the trajectory of W, for checkpoints: a run may only resume
   * with the same ones. (--iters, --eval-every, --print-every, --out and the early-stopping options
   * may change.)
   */
  static Map<String, String> fingerprint(
      Workspace ws, LossOptions loss, DescentOptions o, int batch) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("--loss", loss.loss().label());
    if (loss.loss().usesMargin()) {
      f.put("--delta", Double.toString(loss.delta()));
    }
    f.put("--reg", Double.toString(loss.reg()));
    f.put("--batch", Integer.toString(batch));
    f.put("--lr", o.learningRate().text());
    f.put("--lr-decay", Double.toString(o.lrDecay()));
    f.put("--init-scale", Double.toString(o.initScale()));
    if (o.precision() != Precision.DOUBLE) { // absent for double: older checkpoints still resume
      f.put("--precision", o.precision().label());
    }
    f.put("--seed", Long.toString(ws.data().seed()));
    f.put("--val", Integer.toString(ws.data().validation()));
    f.put("--partitions", Integer.toString(ws.partitions()));
    f.put("classes", Integer.toString(ws.schema().classes()));
    f.put("features", Integer.toString(ws.schema().features()));
    int i = 1;
    for (Map.Entry<String, String> file : ws.dataFiles().entrySet()) {
      // By name, records and checksum: the same bytes moved elsewhere are the same data.
      f.put(
          "data file " + i++,
          new org.apache.hadoop.fs.Path(file.getKey()).getName() + " " + file.getValue());
    }
    return f;
  }

  /** Every option that shaped W, as the user would write it (provenance and metrics). */
  private static Map<String, Object> options(
      Workspace ws, LossOptions loss, DescentOptions o, int batch, double lr) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("loss", loss.loss().label());
    m.put("reg", loss.reg());
    if (loss.loss().usesMargin()) {
      m.put("delta", loss.delta());
    }
    m.put("batch", batch);
    m.put("iters", o.iterations());
    m.put("lr", lr);
    m.put("lr-decay", o.lrDecay());
    m.put("init-scale", o.initScale());
    m.put("seed", ws.data().seed());
    m.put("val", ws.data().validation());
    m.put("partitions", ws.partitions());
    m.put("precision", o.precision().label());
    return m;
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

  /** Mean milliseconds per iteration of each phase of the distributed evaluation. */
  static Map<String, Object> phaseMillis(IterationPhases sums, long iterations) {
    Map<String, Object> ms = new LinkedHashMap<>();
    ms.put("broadcast", sums.broadcastNanos() / 1e6 / iterations);
    ms.put("compute", sums.computeNanos() / 1e6 / iterations);
    ms.put("aggregation", sums.aggregationNanos() / 1e6 / iterations);
    ms.put("driver", sums.driverNanos() / 1e6 / iterations);
    ms.put("scheduling", sums.schedulingNanos() / 1e6 / iterations);
    return ms;
  }

  private static String fmt(double accuracy) {
    return String.format("%.4f", accuracy);
  }
}
