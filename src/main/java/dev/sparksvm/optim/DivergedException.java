package dev.sparksvm.optim;

/** The loss or the weights became NaN or infinite: the step size is too large for this problem. */
public final class DivergedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DivergedException(long step, double loss, double rate) {
    super(
        "loss is "
            + loss
            + " at iteration "
            + (step + 1)
            + " with learning rate "
            + rate
            + ": the step size is too large; try --lr auto, or run sweep to see which step sizes"
            + " lower the loss");
  }
}
