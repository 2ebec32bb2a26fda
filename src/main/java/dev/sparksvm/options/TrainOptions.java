package dev.sparksvm.options;

import dev.sparksvm.core.Precision;
import java.util.Objects;

/**
 * Every option of a training run, as small validated records: the data, the loss, the descent, what
 * it reports, when it stops, its checkpoints, Spark and the output. Build it from {@link
 * #defaults()} (or {@link #defaults(LossKind)}) with the withers, e.g. {@code
 * TrainOptions.defaults().withBatch(64).withIterations(15)}; {@link TrainArgs} writes it as the
 * command line would and reads it back exactly (a checkpoint can hold it).
 *
 * @param data where the images come from, the split, the partitions and the seed
 * @param loss the data loss and the regularization
 * @param descent batch, steps, step size and how each step is computed
 * @param reporting validation and progress lines
 * @param stopping which W is kept, and early stopping
 * @param checkpoints when checkpoints are written, and which run is continued
 * @param spark the master and the event log
 * @param output where the run writes
 */
public record TrainOptions(
    DataOptions data,
    LossOptions loss,
    DescentOptions descent,
    ReportingOptions reporting,
    StoppingOptions stopping,
    CheckpointOptions checkpoints,
    SparkOptions spark,
    OutputOptions output) {

  public TrainOptions {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(loss, "loss");
    Objects.requireNonNull(descent, "descent");
    Objects.requireNonNull(reporting, "reporting");
    Objects.requireNonNull(stopping, "stopping");
    Objects.requireNonNull(checkpoints, "checkpoints");
    Objects.requireNonNull(spark, "spark");
    Objects.requireNonNull(output, "output");
  }

  /** {@code train}'s defaults: the SVM, its step size and regularization. */
  public static TrainOptions defaults() {
    return defaults(LossKind.SVM);
  }

  /** {@code train}'s defaults for {@code loss}: its step size and its regularization. */
  public static TrainOptions defaults(LossKind loss) {
    return new TrainOptions(
        DataOptions.defaults(),
        LossOptions.defaults(loss),
        DescentOptions.defaults(loss),
        ReportingOptions.defaults(),
        StoppingOptions.defaults(),
        CheckpointOptions.defaults(),
        SparkOptions.defaults(),
        OutputOptions.defaults());
  }

  public TrainOptions withData(DataOptions value) {
    return new TrainOptions(value, loss, descent, reporting, stopping, checkpoints, spark, output);
  }

  public TrainOptions withLoss(LossOptions value) {
    return new TrainOptions(data, value, descent, reporting, stopping, checkpoints, spark, output);
  }

  public TrainOptions withDescent(DescentOptions value) {
    return new TrainOptions(data, loss, value, reporting, stopping, checkpoints, spark, output);
  }

  public TrainOptions withReporting(ReportingOptions value) {
    return new TrainOptions(data, loss, descent, value, stopping, checkpoints, spark, output);
  }

  public TrainOptions withStopping(StoppingOptions value) {
    return new TrainOptions(data, loss, descent, reporting, value, checkpoints, spark, output);
  }

  public TrainOptions withCheckpoints(CheckpointOptions value) {
    return new TrainOptions(data, loss, descent, reporting, stopping, value, spark, output);
  }

  public TrainOptions withSpark(SparkOptions value) {
    return new TrainOptions(data, loss, descent, reporting, stopping, checkpoints, value, output);
  }

  public TrainOptions withOutput(OutputOptions value) {
    return new TrainOptions(data, loss, descent, reporting, stopping, checkpoints, spark, value);
  }

  // The options set most often, by name.

  /** The same options reading the training data at {@code path}. */
  public TrainOptions withData(String path) {
    return withData(data.withData(path));
  }

  public TrainOptions withSeed(long value) {
    return withData(data.withSeed(value));
  }

  public TrainOptions withValidation(int value) {
    return withData(data.withValidation(value));
  }

  public TrainOptions withPartitions(int value) {
    return withData(data.withPartitions(value));
  }

  /** The same options with the data loss {@code value} (the step size and L2 strength kept). */
  public TrainOptions withLoss(LossKind value) {
    return withLoss(loss.withLoss(value));
  }

  public TrainOptions withReg(double value) {
    return withLoss(loss.withReg(value));
  }

  public TrainOptions withBatch(int value) {
    return withDescent(descent.withBatch(value));
  }

  public TrainOptions withIterations(long value) {
    return withDescent(descent.withIterations(value));
  }

  public TrainOptions withLearningRate(double value) {
    return withDescent(descent.withLearningRate(value));
  }

  public TrainOptions withLearningRate(InitialRate value) {
    return withDescent(descent.withLearningRate(value));
  }

  public TrainOptions withLrDecay(double value) {
    return withDescent(descent.withLrDecay(value));
  }

  public TrainOptions withInitScale(double value) {
    return withDescent(descent.withInitScale(value));
  }

  public TrainOptions withAggregationDepth(int value) {
    return withDescent(descent.withAggregationDepth(AggregationDepth.of(value)));
  }

  public TrainOptions withUpdate(UpdateOptions value) {
    return withDescent(descent.withUpdate(value));
  }

  public TrainOptions withPrecision(Precision value) {
    return withDescent(descent.withPrecision(value));
  }

  public TrainOptions withEvalEvery(int value) {
    return withReporting(reporting.withEvalEvery(value));
  }

  public TrainOptions withPrintEvery(int value) {
    return withReporting(reporting.withPrintEvery(value));
  }

  public TrainOptions withOut(String dir) {
    return withOutput(output.withDir(dir));
  }
}
