package dev.sparksvm.io;

import java.io.IOException;

/**
 * Writing an output failed while a run was under way, in a directory that passed the checks before
 * it (a full disk, a folder removed or made read-only, a lost file system): a failed run, not the
 * user's mistake in the command, so the command line exits 1 with this one-line message. Whatever
 * the write left half done has been removed.
 */
public final class WriteFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WriteFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  /** {@code what} failed because of {@code cause}: "cannot write X: its first line". */
  static WriteFailedException of(String what, IOException cause) {
    return new WriteFailedException(what + ": " + firstLine(cause.getMessage()), cause);
  }

  /** The first line of {@code message} (Hadoop's messages may run over several). */
  static String firstLine(String message) {
    String m = String.valueOf(message);
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
