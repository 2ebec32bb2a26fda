package dev.sparksvm.io;

import java.io.IOException;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FsStatus;
import org.apache.hadoop.fs.Path;

/**
 * The free space of a file system, where it reports one (local disks and HDFS do; object stores
 * report none), checked before bytes are written so that a full disk is one line up front rather
 * than a half-written file.
 */
public final class FreeSpace {
  private FreeSpace() {}

  /**
   * Bytes free where {@code path} lies, or {@link Long#MAX_VALUE} when the file system does not
   * say.
   */
  public static long of(FileSystem fs, Path path) {
    try {
      FsStatus status = fs.getStatus(path);
      long remaining = status.getRemaining();
      return remaining <= 0 && status.getCapacity() <= 0 ? Long.MAX_VALUE : remaining;
    } catch (IOException | UnsupportedOperationException e) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * Refuses {@code needed} bytes that {@code path}'s file system reports it cannot hold.
   *
   * @param label how the user named the place (e.g. {@code --out runs/x})
   * @param what what the bytes are, for the message
   * @throws OutputException (exit code 2) naming both sizes
   */
  public static void require(FileSystem fs, Path path, long needed, String label, String what) {
    long free = of(fs, path);
    if (free < needed) {
      throw new OutputException(
          label
              + ": "
              + what
              + " needs "
              + bytes(needed)
              + ", and only "
              + bytes(free)
              + " are free there");
    }
  }

  /** A byte count as people read it: {@code 12,345 bytes}, {@code 3.4 MB}, {@code 15.4 GB}. */
  static String bytes(long n) {
    if (n < 100_000) {
      return String.format(Locale.ROOT, "%,d bytes", n);
    }
    if (n < 1_000_000_000L) {
      return String.format(Locale.ROOT, "%.1f MB", n / 1e6);
    }
    return String.format(Locale.ROOT, "%.1f GB", n / 1e9);
  }
}
