package dev.sparksvm.optim;

/** The loss or the weights became NaN or infinite: the step size is too large for this problem. */
public final class DivergedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DivergedException(long step, double loss, double rate) {
    super("loss is " + loss + " at iteration " + step + " with learning rate " + rate
        + ": the step size is too large, try a smaller --lr (e.g. " + rate / 10 + ")");
  }
}
