package dev.sparksvm.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalInt;
import org.apache.spark.SparkConf;

/**
 * The permissions of the files a command writes: the user's umask, never world-writable.
 *
 * <p>Hadoop's file systems (the local one included: {@code RawLocalFileSystem} sets each new file's
 * permission explicitly) mask new files and folders with {@code fs.permissions.umask-mode} (default
 * 022), not with the process's umask: under {@code umask 077} a model would still be created 0644.
 * So the process's umask (from {@code /proc/self/status}, Linux) becomes that setting, with the
 * others' write bit always masked; an explicit {@code spark.hadoop.fs.permissions.umask-mode} wins.
 * The driver's setting travels to the executors with the rest of {@code spark.hadoop.*}, so files
 * they write (generate's) get the user's umask too.
 */
final class FileUmask {
  /** The Hadoop setting, as SparkConf carries it to every Hadoop configuration Spark makes. */
  static final String SETTING = "spark.hadoop.fs.permissions.umask-mode";

  /** Others may never write: masked whatever the umask. */
  private static final int OTHERS_WRITE = 0002;

  private static final Path STATUS = Path.of("/proc/self/status");

  private FileUmask() {}

  /** Sets {@link #SETTING} from this process's umask, unless it is set or the umask unknown. */
  static SparkConf apply(SparkConf conf) {
    if (!conf.contains(SETTING)) {
      processUmask()
          .ifPresent(u -> conf.set(SETTING, String.format(Locale.ROOT, "%04o", u | OTHERS_WRITE)));
    }
    return conf;
  }

  /** The umask of this process (Linux 4.7 and later show it in /proc/self/status). */
  static OptionalInt processUmask() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("Umask:")) {
          return OptionalInt.of(Integer.parseInt(line.substring(6).strip(), 8) & 0777);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux, or an old kernel: Hadoop's own default (022) stays
    }
    return OptionalInt.empty();
  }
}
