package dev.sparksvm.ml;

import java.io.Serializable;
import java.util.Locale;

/**
 * What a fit did, as a {@link LinearClassificationModel} trained by it reports: the objective at
 * every step, the validation curve (with a {@code validationIndicatorCol}), the step size used, the
 * cached rows and their bytes, and the time. Not saved with the model.
 */
public final class LinearClassificationSummary implements Serializable {
  private static final long serialVersionUID = 1L;
  private final double[] objectiveHistory;
  private final long[] validationSteps;
  private final double[] validationAccuracy;
  private final double stepSize;
  private final boolean stepSizeChosen;
  private final long divergedAtStep;
  private final long keptStep;
  private final double trainingSeconds;
  private final int modelsTrainedTogether;
  private final Rows rows;

  /** What was cached for a fit, shared by the models trained on the same load. */
  record Rows(
      long trainRows,
      long validationRows,
      long cachedBytes,
      double bytesPerRow,
      int partitions,
      String precision,
      double loadSeconds)
      implements Serializable {}

  LinearClassificationSummary(
      double[] objectiveHistory,
      long[] validationSteps,
      double[] validationAccuracy,
      double stepSize,
      boolean stepSizeChosen,
      long divergedAtStep,
      long keptStep,
      double trainingSeconds,
      int modelsTrainedTogether,
      Rows rows) {
    this.objectiveHistory = objectiveHistory;
    this.validationSteps = validationSteps;
    this.validationAccuracy = validationAccuracy;
    this.stepSize = stepSize;
    this.stepSizeChosen = stepSizeChosen;
    this.divergedAtStep = divergedAtStep;
    this.keptStep = keptStep;
    this.trainingSeconds = trainingSeconds;
    this.modelsTrainedTogether = modelsTrainedTogether;
    this.rows = rows;
  }

  /**
   * The objective (mean data loss of the step's mini-batch plus the L2 penalty) at the W each step
   * started from, one value per step taken; NaN from a step at which the model diverged.
   */
  public double[] objectiveHistory() {
    return objectiveHistory.clone();
  }

  /** Steps taken (the length of the objective history). */
  public int totalIterations() {
    return objectiveHistory.length;
  }

  /** After how many steps each validation accuracy was measured (empty without validation). */
  public long[] validationSteps() {
    return validationSteps.clone();
  }

  /** The validation accuracy after each of {@link #validationSteps()}. */
  public double[] validationAccuracy() {
    return validationAccuracy.clone();
  }

  /** The first step size used: the one set, or the one the step-size sweep chose. */
  public double stepSize() {
    return stepSize;
  }

  /** Whether {@link #stepSize()} was chosen by the step-size sweep (no stepSize was set). */
  public boolean stepSizeChosen() {
    return stepSizeChosen;
  }

  /** Whether the loss or W stopped being finite; the model is then of no use. */
  public boolean diverged() {
    return divergedAtStep >= 0;
  }

  /** The step (1-based) at which the model diverged, or -1. */
  public long divergedAtStep() {
    return divergedAtStep;
  }

  /**
   * After how many steps the model's W stood: the last step, or with validation the step of the
   * best validation accuracy.
   */
  public long keptStep() {
    return keptStep;
  }

  /** Seconds of gradient descent (validation included, loading not). */
  public double trainingSeconds() {
    return trainingSeconds;
  }

  /** Seconds it took to read, check and cache the rows and take their mean and std. */
  public double loadSeconds() {
    return rows.loadSeconds();
  }

  /** How many models shared this model's steps (1 for a plain fit). */
  public int modelsTrainedTogether() {
    return modelsTrainedTogether;
  }

  /** Rows trained on. */
  public long trainRows() {
    return rows.trainRows();
  }

  /** Rows held out for validation. */
  public long validationRows() {
    return rows.validationRows();
  }

  /** Bytes Spark's block manager reported for the cached rows (training and validation). */
  public long cachedBytes() {
    return rows.cachedBytes();
  }

  /** Cached bytes per row: about 4 a feature in float, 8 in double, plus a few a row. */
  public double bytesPerRow() {
    return rows.bytesPerRow();
  }

  /** Partitions, one cached block and one task per step each. */
  public int partitions() {
    return rows.partitions();
  }

  /** How the rows were cached and the GEMMs ran: {@code float} or {@code double}. */
  public String precision() {
    return rows.precision();
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%d steps in %.1f s (load %.1f s), step size %.3g%s, final objective %.5g%s%s;"
            + " %,d training rows%s in %d partitions, %,.1f cached bytes a row (%s)",
        totalIterations(),
        trainingSeconds,
        loadSeconds(),
        stepSize,
        stepSizeChosen ? " (chosen by the sweep)" : "",
        objectiveHistory.length == 0 ? Double.NaN : objectiveHistory[objectiveHistory.length - 1],
        validationAccuracy.length == 0
            ? ""
            : String.format(
                Locale.ROOT,
                ", validation accuracy %.4f (kept step %d)",
                validationAccuracy[validationAccuracy.length - 1],
                keptStep),
        diverged() ? ", DIVERGED at step " + divergedAtStep : "",
        trainRows(),
        validationRows() == 0
            ? ""
            : String.format(Locale.ROOT, " + %,d validation", validationRows()),
        partitions(),
        bytesPerRow(),
        precision());
  }
}
