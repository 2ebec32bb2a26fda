package dev.sparksvm.options;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Where a command writes ({@code --out}, {@code --overwrite}).
 *
 * @param dir the output directory (any Hadoop file system), or null when none was given: the
 *     command's default ({@link #dirOrDefault}), or no output for {@code bench} and {@code
 *     evaluate}
 * @param overwrite let {@code dir} hold earlier files, replaced when the command finishes
 */
public record OutputOptions(String dir, boolean overwrite) {
  public OutputOptions {
    if (dir != null && dir.isBlank()) {
      throw new UsageException("--out must name a directory, got '" + dir + "'");
    }
    if (dir != null && dir.indexOf('\uFFFD') >= 0) {
      // The JVM decodes the command line in the locale's charset and turns bytes it cannot decode
      // into U+FFFD: the directory written would not be the one typed.
      throw new UsageException(
          "--out '"
              + dir
              + "' holds bytes that are not text in the system's encoding (shown as \uFFFD):"
              + " the directory written would have another name than the one typed");
    }
  }

  /** No directory given, nothing overwritten. */
  public static OutputOptions defaults() {
    return new OutputOptions(null, false);
  }

  /** {@code dir}, which must be empty or new. */
  public static OutputOptions of(String dir) {
    return new OutputOptions(dir, false);
  }

  public OutputOptions withDir(String value) {
    return new OutputOptions(value, overwrite);
  }

  public OutputOptions withOverwrite(boolean value) {
    return new OutputOptions(dir, value);
  }

  /** Whether a directory was given. */
  public boolean given() {
    return dir != null;
  }

  /** These options, with {@code runs/COMMAND-TIMESTAMP} as the directory unless one is given. */
  public OutputOptions orDefault(String command) {
    return withDir(dirOrDefault(command));
  }

  /** The directory given, else {@code runs/COMMAND-TIMESTAMP}. */
  public String dirOrDefault(String command) {
    return dir != null
        ? dir
        : "runs/"
            + command
            + "-"
            + LocalDateTime.now(ZoneId.systemDefault())
                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
  }
}
