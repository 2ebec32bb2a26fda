package dev.sparksvm.ml;

import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Preprocessing;

/** One model's outcome of a fit: its W (in the preprocessed space) and what the fit did. */
record TrainedModel(
    Weights weights, Preprocessing preprocessing, LinearClassificationSummary summary) {}
