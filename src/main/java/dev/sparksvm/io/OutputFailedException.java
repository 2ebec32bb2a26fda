package dev.sparksvm.io;

/**
 * Writing an output failed while a run was under way (a full disk, a lost file system): not the
 * user's mistake in the command, so the command line exits 1, with this one-line message. Whatever
 * the write left half done has been removed.
 */
public final class OutputFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public OutputFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The first line of {@code message} (Hadoop's messages may run over several). */
  static String firstLine(String message) {
    String m = String.valueOf(message);
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
