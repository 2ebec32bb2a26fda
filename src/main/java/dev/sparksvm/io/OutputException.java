package dev.sparksvm.io;

/** An output directory that cannot be used: the user's to fix (one line, exit code 2). */
public final class OutputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public OutputException(String message) {
    super(message);
  }
}
