package dev.sparksvm.train;

import dev.sparksvm.core.Weights;
import dev.sparksvm.optim.StepSizeChoice;
import dev.sparksvm.spark.IterationPhases;

/**
 * What the descent leaves.
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
    IterationPhases phases) {}
