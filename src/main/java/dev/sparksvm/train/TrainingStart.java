package dev.sparksvm.train;

import dev.sparksvm.core.Weights;
import dev.sparksvm.spark.ExecutorBlas;
import java.util.Map;

/**
 * Where the descent starts.
 *
 * @param batch the global batch, checked against the training set
 * @param weights W at {@code step}: the initial W, or the checkpoint's
 * @param step steps already taken (by the run a checkpoint continues)
 * @param resume the checkpoint continued, or null
 * @param fingerprint the options and data that decide the trajectory ({@link RunOptions})
 * @param executorBlas which BLAS the executors run
 */
record TrainingStart(
    int batch,
    Weights weights,
    long step,
    Checkpoint resume,
    Map<String, String> fingerprint,
    ExecutorBlas executorBlas) {}
