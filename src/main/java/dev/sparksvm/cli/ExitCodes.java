package dev.sparksvm.cli;

/** The exit codes of every command (the list is in {@code Main}'s javadoc). */
final class ExitCodes {
  private ExitCodes() {}

  /** A run that failed, or an internal error. */
  static final int FAILED = 1;

  /** The user's mistake. */
  static final int USAGE = 2;

  /** Stopped by a signal after writing a checkpoint (128 + SIGINT, as shells expect). */
  static final int INTERRUPTED = 130;
}
