package dev.sparksvm.options;

import static dev.sparksvm.options.UsageException.require;

import dev.sparksvm.core.L2Regularizer;
import dev.sparksvm.core.Loss;
import dev.sparksvm.core.MulticlassHinge;
import dev.sparksvm.core.Softmax;
import java.util.Map;

/**
 * The objective's data loss and regularization.
 *
 * @param loss {@code svm} (multiclass hinge) or {@code softmax} (cross-entropy)
 * @param reg L2 strength: R(W) = reg * sum(W^2)
 * @param delta the SVM's margin
 */
public record LossOptions(String loss, double reg, double delta) {
  /** The defaults of {@link #defaultReg}, as the help text says them. */
  public static final String DEFAULTS_TEXT = "0 for svm, 30 for softmax";

  /**
   * The regularization {@code train} uses when no --reg is given, chosen with {@code tune}
   * (README): at 800 steps from a small W, L2 strengths up to ~1e3 change validation accuracy by
   * less than its noise, and CS231n's 2.5e4 costs 2-4 points.
   */
  private static final Map<String, Double> TRAIN_REG = Map.of("svm", 0.0, "softmax", 30.0);

  public LossOptions {
    require(TRAIN_REG.containsKey(loss), "--loss", "svm or softmax", "'" + loss + "'");
    require(reg >= 0 && Double.isFinite(reg), "--reg", "a finite number >= 0", reg);
    require(delta > 0 && Double.isFinite(delta), "--delta", "a finite number > 0", delta);
  }

  /**
   * CS231n's regularization for {@code loss} (2.5e4 for the SVM, 5e3 for softmax): {@code
   * gradcheck}'s default, large enough that the regularizer's share of the gradient is checked too.
   */
  public static double cs231nReg(String loss) {
    return "softmax".equals(loss) ? 5e3 : 2.5e4;
  }

  /** {@code train}'s default regularization for {@code loss}. */
  public static double defaultReg(String loss) {
    return TRAIN_REG.getOrDefault(loss, 0.0);
  }

  /** The loss function. */
  public Loss function() {
    return "svm".equals(loss) ? new MulticlassHinge(delta) : new Softmax();
  }

  public L2Regularizer regularizer() {
    return new L2Regularizer(reg);
  }
}
