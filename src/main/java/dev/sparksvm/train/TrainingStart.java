package dev.sparksvm.train;

import dev.sparksvm.core.LinearBatch;
import dev.sparksvm.core.Seeds;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.ImageSchema;
import dev.sparksvm.data.InvalidDataException;
import dev.sparksvm.optim.Update;
import dev.sparksvm.options.BatchSize;
import dev.sparksvm.options.DescentOptions;
import dev.sparksvm.options.TrainOptions;
import dev.sparksvm.options.UpdateOptions;
import dev.sparksvm.options.UsageException;
import dev.sparksvm.session.Workspace;
import dev.sparksvm.spark.ExecutorBlas;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the descent starts ({@link #of}): a fresh W from the seed, or a checkpoint's once its
 * fingerprint matches the options and data; the batch checked against the training set, and the
 * executors' BLAS checked against the driver's.
 *
 * @param batch the global batch, checked against the training set
 * @param weights W at {@code step}: the initial W, or the checkpoint's
 * @param update the update of every step, with its velocity at {@code step} (zero, or the
 *     checkpoint's)
 * @param step steps already taken (by the run a checkpoint continues)
 * @param resume the checkpoint continued, or null
 * @param fingerprint the options and data that decide the trajectory ({@link RunOptions})
 * @param executorBlas which BLAS the executors run
 */
record TrainingStart(
    int batch,
    Weights weights,
    Update update,
    long step,
    Checkpoint resume,
    Map<String, String> fingerprint,
    ExecutorBlas executorBlas) {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingStart.class);

  /** Seed coordinate of the initial W ({@code train}'s and {@code tune}'s). */
  static final long INIT_STREAM = 0x57A27L;

  /**
   * The initial W and the batch; with a checkpoint, its W and step once its fingerprint matches
   * these options and data.
   */
  static TrainingStart of(Workspace ws, TrainOptions o, Checkpoint resume) {
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
      Update update = d.update().start(schema.classes(), schema.features());
      return new TrainingStart(batch, w, update, 0, null, fingerprint, executorBlas);
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
        batch,
        resume.weights().copy(),
        resumedUpdate(d.update(), resume.velocity(), dir),
        resume.step(),
        resume,
        fingerprint,
        executorBlas);
  }

  /**
   * The update of a run that goes on from a checkpoint's {@code velocity} (copied: the checkpoint
   * keeps its own), {@code train}'s and {@code tune}'s.
   *
   * @throws InvalidDataException when the update carries a velocity the checkpoint does not hold (a
   *     checkpoint's fingerprint names its update, so only a damaged file can disagree)
   */
  static Update resumedUpdate(UpdateOptions update, Weights velocity, String dir) {
    if (update.hasVelocity() != (velocity != null)) {
      throw new InvalidDataException(
          "--resume "
              + dir
              + ": the checkpoint "
              + (velocity == null ? "holds no velocity for --update " : "holds a velocity, not ")
              + update.rule());
    }
    return update.resume(velocity == null ? null : velocity.copy());
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
