package dev.sparksvm.options;

import dev.sparksvm.core.Loss;
import dev.sparksvm.core.MulticlassHinge;
import dev.sparksvm.core.Softmax;
import java.util.List;
import java.util.Locale;

/**
 * The data losses {@code --loss} names, each with the factory of its {@link Loss} and the defaults
 * chosen for it: {@code train}'s learning rate and regularization (chosen with {@code tune}; the
 * SVM's rate doubled when the steps were cut to 300 for time to accuracy: README, "How the defaults
 * were chosen"), {@code tune}'s grid of learning rates, and CS231n's regularization ({@code
 * gradcheck}'s default).
 */
public enum LossKind {
  /** The multiclass SVM (Weston-Watkins hinge, margin {@code --delta}). */
  SVM(6e-7, 0, 2.5e4),
  /** Softmax (cross-entropy); {@code --delta} does not apply. */
  SOFTMAX(3e-6, 30, 5e3);

  private final double learningRate;
  private final double reg;
  private final double cs231nReg;

  LossKind(double learningRate, double reg, double cs231nReg) {
    this.learningRate = learningRate;
    this.reg = reg;
    this.cs231nReg = cs231nReg;
  }

  /** The loss function; {@code delta} is the SVM's margin (softmax has none). */
  public Loss function(double delta) {
    return this == SVM ? new MulticlassHinge(delta) : new Softmax();
  }

  /** Whether {@code --delta} shapes this loss (only the SVM's margin does). */
  public boolean usesMargin() {
    return this == SVM;
  }

  /**
   * Whether the loss is piecewise linear in the scores, with kinks a finite difference can cross
   * (the hinge): a gradient check flags those coordinates.
   */
  public boolean piecewiseLinear() {
    return this == SVM;
  }

  /** {@code train}'s step size when no {@code --lr} is given. */
  public double defaultLearningRate() {
    return learningRate;
  }

  /**
   * {@code train}'s and {@code tune}'s L2 strength when no {@code --reg} is given: at 300-800 steps
   * from a small W, strengths up to ~1e3 change validation accuracy by less than its noise, and
   * CS231n's 2.5e4 costs 2-4 points.
   */
  public double defaultReg() {
    return reg;
  }

  /** {@code tune}'s learning rates when no {@code --lr} list is given. */
  public List<Double> tuneLearningRates() {
    // Three half-decades around the default step size.
    return this == SVM ? List.of(1e-7, 3e-7, 1e-6, 3e-6) : List.of(1e-6, 3e-6, 1e-5, 3e-5);
  }

  /**
   * CS231n's regularization (2.5e4 for the SVM, 5e3 for softmax): {@code gradcheck}'s default,
   * large enough that the regularizer's share of the gradient is checked too.
   */
  public double cs231nReg() {
    return cs231nReg;
  }

  /**
   * The name on the command line, in metrics and in model files: {@code svm} or {@code softmax}.
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The {@link #label()}: what picocli lists as the choices and what a user reads. */
  @Override
  public String toString() {
    return label();
  }

  /** The loss of the given {@link #label()} (any case), or null. */
  public static LossKind named(String label) {
    for (LossKind k : values()) {
      if (k.label().equalsIgnoreCase(label)) {
        return k;
      }
    }
    return null;
  }

  /** The choices as a user reads them in a message: "svm or softmax". */
  public static String choices() {
    return "svm or softmax";
  }
}
