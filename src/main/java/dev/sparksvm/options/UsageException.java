package dev.sparksvm.options;

/**
 * A bad option value or combination, found by our own checks: the command line prints its message
 * as one line and exits with code 2. Only this and {@link dev.sparksvm.data.InvalidDataException}
 * count as the user's mistake; any other exception is an internal error.
 */
public final class UsageException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }

  /** Throws {@code "--NAME must be WHAT, got VALUE"} unless {@code ok}. */
  public static void require(boolean ok, String option, String what, Object value) {
    if (!ok) {
      throw new UsageException(option + " must be " + what + ", got " + value);
    }
  }
}
