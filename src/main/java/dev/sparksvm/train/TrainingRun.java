package dev.sparksvm.train;

import dev.sparksvm.io.InputOverlap;
import dev.sparksvm.options.BatchSize;
import dev.sparksvm.options.CheckpointOptions;
import dev.sparksvm.options.OutputOptions;
import dev.sparksvm.options.TrainArgs;
import dev.sparksvm.options.TrainOptions;
import dev.sparksvm.options.UsageException;
import dev.sparksvm.session.Preflight;
import dev.sparksvm.session.Workspace;
import dev.sparksvm.spark.SparkContexts;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/**
 * A training run: mini-batch gradient descent of a linear SVM or softmax classifier with W on the
 * driver and the images cached on the executors, then the accuracy on each split (one job each) and
 * the outputs ({@link TrainingOutputs}). {@link #run(Workspace, TrainOptions)} reads as its steps:
 * where the descent starts (a fresh W, or a checkpoint's), the descent itself (its learning rate,
 * signals, checkpoints and failures), and the outputs.
 */
public final class TrainingRun {
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
    TrainingStart start = TrainingStart.of(ws, o, resume);
    TrainingDescent descent = TrainingDescent.from(ws, o, start);
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
}
