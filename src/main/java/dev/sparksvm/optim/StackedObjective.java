package dev.sparksvm.optim;

import dev.sparksvm.core.L2Regularizer;
import dev.sparksvm.core.StackedWeights;

/**
 * An objective that evaluates K models side by side in one pass over the data, as {@link
 * StackedDescent} trains them ({@code tune}).
 */
public interface StackedObjective extends Objective {

  /**
   * Loss and gradient of K stacked models on the batch of {@code step}, model k regularized by
   * {@code regs[k]} instead of this objective's own regularizer. A model whose loss is not finite
   * gets a NaN loss; the others are unaffected. Model k's result is the same as {@link
   * #evaluate(dev.sparksvm.core.Weights, long)} of that model alone with its regularizer.
   */
  Evaluation[] evaluate(StackedWeights w, L2Regularizer[] regs, long step);
}
