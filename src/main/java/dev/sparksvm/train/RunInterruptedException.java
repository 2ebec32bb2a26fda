package dev.sparksvm.train;

/**
 * A training run stopped by a signal after writing a checkpoint: the command line says how to
 * resume and exits with 130 (128 + SIGINT, what shells expect of an interrupted program).
 */
public final class RunInterruptedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  RunInterruptedException(String message) {
    super(message);
  }
}
