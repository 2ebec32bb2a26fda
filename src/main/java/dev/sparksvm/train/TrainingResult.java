package dev.sparksvm.train;

import dev.sparksvm.core.Weights;
import java.util.Map;

/**
 * The figures of a finished training run.
 *
 * @param weights the W kept
 * @param metrics what {@code metrics.json} holds
 */
public record TrainingResult(Weights weights, Map<String, Object> metrics) {}
