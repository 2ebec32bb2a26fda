package dev.sparksvm.spark;

import dev.sparksvm.core.BatchKernel;
import dev.sparksvm.core.StackedWeights;
import dev.sparksvm.data.FeatureBlock;
import dev.sparksvm.data.Preprocessing;
import org.apache.spark.broadcast.Broadcast;

/**
 * One partition's share of an accuracy pass: how many of its block's rows each of K stacked models
 * labels correctly. A named task for {@link BlockJob}, so that a validation pass, which runs every
 * few steps, costs no closure cleaning and no reduce stage.
 */
final class CorrectCountTask extends BlockTask<long[]> {
  private static final long serialVersionUID = 1L;
  private final Broadcast<StackedWeights> weights;
  private final Broadcast<Preprocessing> preprocessing;

  CorrectCountTask(Broadcast<StackedWeights> weights, Broadcast<Preprocessing> preprocessing) {
    this.weights = weights;
    this.preprocessing = preprocessing;
  }

  @Override
  protected long[] run(int partition, FeatureBlock block) {
    return BatchKernel.current().countCorrect(block.rows(preprocessing.value()), weights.value());
  }
}
