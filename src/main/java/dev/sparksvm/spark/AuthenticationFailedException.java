package dev.sparksvm.spark;

/**
 * A cluster refused to let the application in: no secret, or not the cluster's. The command line
 * prints its message as one line, exit code 1 (a run that could not be made, as a failed one).
 */
public final class AuthenticationFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  AuthenticationFailedException(String message) {
    super(message);
  }
}
