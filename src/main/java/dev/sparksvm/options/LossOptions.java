package dev.sparksvm.options;

import static dev.sparksvm.options.UsageException.require;

import dev.sparksvm.core.L2Regularizer;
import dev.sparksvm.core.Loss;
import java.util.Objects;

/**
 * The objective's data loss and regularization.
 *
 * @param loss the data loss ({@code --loss})
 * @param reg L2 strength: R(W) = reg * sum(W^2) ({@code --reg})
 * @param delta the SVM's margin ({@code --delta}; softmax ignores it)
 */
public record LossOptions(LossKind loss, double reg, double delta) {
  /** CS231n's margin, {@code --delta}'s default. */
  public static final double DEFAULT_DELTA = 1.0;

  public LossOptions {
    Objects.requireNonNull(loss, "loss");
    require(reg >= 0 && Double.isFinite(reg), "--reg", "a finite number >= 0", reg);
    require(delta > 0 && Double.isFinite(delta), "--delta", "a finite number > 0", delta);
  }

  /** The SVM with {@code train}'s defaults: no regularization, margin 1. */
  public static LossOptions defaults() {
    return defaults(LossKind.SVM);
  }

  /** {@code loss} with {@code train}'s default regularization for it and margin 1. */
  public static LossOptions defaults(LossKind loss) {
    return new LossOptions(loss, loss.defaultReg(), DEFAULT_DELTA);
  }

  /** The same options with the data loss {@code value} (the regularization is kept). */
  public LossOptions withLoss(LossKind value) {
    return new LossOptions(value, reg, delta);
  }

  /** The same options with L2 strength {@code value}. */
  public LossOptions withReg(double value) {
    return new LossOptions(loss, value, delta);
  }

  /** The same options with margin {@code value}. */
  public LossOptions withDelta(double value) {
    return new LossOptions(loss, reg, value);
  }

  /** The loss function. */
  public Loss function() {
    return loss.function(delta);
  }

  public L2Regularizer regularizer() {
    return new L2Regularizer(reg);
  }
}
