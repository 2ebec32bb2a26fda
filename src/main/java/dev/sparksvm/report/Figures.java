package dev.sparksvm.report;

import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's pictures are for reading its results, never a condition of keeping them: a chart that
 * cannot be drawn (a bug in a chart, a JVM without a graphics stack, a heap too small for it) is
 * one warning, and the run's results (its CSV, its model, its metrics) are written all the same.
 */
public final class Figures {
  private static final Logger LOG = LoggerFactory.getLogger(Figures.class);

  private Figures() {}

  /**
   * The PNG {@code draw} makes, or empty (and a warning naming {@code name} and why) when drawing
   * it fails.
   */
  public static Optional<byte[]> tryDraw(String name, Supplier<byte[]> draw) {
    try {
      return Optional.of(draw.get());
    } catch (RuntimeException | LinkageError | java.awt.AWTError | OutOfMemoryError e) {
      LOG.warn(
          "{} not drawn ({}); the run's other outputs are written as usual", name, e.toString());
      return Optional.empty();
    }
  }
}
