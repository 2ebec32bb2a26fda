package dev.sparksvm.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A directory that another program writes into and that outlives the run (Spark's event log), on
 * any Hadoop file system: checked before Spark starts, so that a typo is one line naming its option
 * instead of a stack trace from deep inside Spark's start-up.
 */
public final class WritableDirectory {
  private WritableDirectory() {}

  /**
   * Creates {@code dir} if it is missing and checks that a file can be created in it (by writing
   * and deleting an empty probe file: permissions alone do not tell, e.g. on HDFS or a read-only
   * mount).
   *
   * @param option the option that named {@code dir}, for the error message
   * @return the directory's fully qualified path (so a relative path means the same to every
   *     reader)
   * @throws IllegalArgumentException (an {@code OutputException}) naming {@code option}
   */
  public static Path create(String option, String dir, Configuration conf) {
    Path path = new Path(dir);
    try {
      FileSystem fs = path.getFileSystem(conf);
      FileStatus status = statusOrNull(fs, path);
      if (status != null && !status.isDirectory()) {
        throw new OutputException(option + " " + dir + ": exists and is not a directory");
      }
      if (status == null && !mkdirs(fs, path)) {
        throw new OutputException(option + " " + dir + ": cannot be created");
      }
      Path qualified = fs.makeQualified(path);
      Path probe = new Path(qualified, ".sparksvm-probe-" + UUID.randomUUID());
      try (OutputStream out = fs.create(probe, false)) {
        out.flush();
      } catch (IOException e) {
        throw new OutputException(option + " " + dir + ": cannot write in it: " + oneLine(e));
      }
      fs.delete(probe, false);
      return qualified;
    } catch (IOException e) {
      throw new OutputException(option + " " + dir + ": cannot be used: " + oneLine(e));
    }
  }

  /** Local file systems answer "a parent is a file" with an exception, others with false. */
  private static boolean mkdirs(FileSystem fs, Path path) {
    try {
      return fs.mkdirs(path);
    } catch (IOException e) {
      return false;
    }
  }

  private static FileStatus statusOrNull(FileSystem fs, Path path) throws IOException {
    try {
      return fs.getFileStatus(path);
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  private static String oneLine(IOException e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
