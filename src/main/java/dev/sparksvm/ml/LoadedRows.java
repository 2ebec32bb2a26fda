package dev.sparksvm.ml;

import dev.sparksvm.spark.FrameBlocks;

/**
 * The cached rows of one load, with what the summaries report about it.
 *
 * @param blocks the cached training (and validation) rows and their moments
 * @param loadSeconds how long reading, checking and caching took
 * @param precision {@code float} or {@code double}
 */
record LoadedRows(FrameBlocks blocks, double loadSeconds, String precision) {

  /** What every summary of a model trained on these rows says about them. */
  LinearClassificationSummary.Rows facts() {
    return new LinearClassificationSummary.Rows(
        blocks.train().count(),
        blocks.validation() == null ? 0 : blocks.validation().count(),
        blocks.cachedBytes(),
        blocks.bytesPerRow(),
        blocks.train().partitionSizes().length,
        precision,
        loadSeconds);
  }
}
