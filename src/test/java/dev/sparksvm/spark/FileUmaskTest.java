package dev.sparksvm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hadoop's umask for new files is the user's, never letting others write. */
class FileUmaskTest {
  @TempDir Path tmp;

  /**
   * The umask Hadoop gets is this process's, found here independently: the mode of a folder made
   * without asking for one (0777 less the umask).
   */
  @Test
  void hadoopGetsThisProcesssUmaskWithOthersWriteAlwaysMasked() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("probe"));
    String rwx = PosixFilePermissions.toString(Files.getPosixFilePermissions(dir));
    int mode = 0;
    for (int i = 0; i < 9; i++) {
      mode = mode << 1 | (rwx.charAt(i) == '-' ? 0 : 1);
    }
    int umask = ~mode & 0777;
    SparkConf conf = FileUmask.apply(new SparkConf(false));
    assertEquals(
        String.format(Locale.ROOT, "%04o", umask | 0002), conf.get(FileUmask.SETTING, "unset"));
    SparkConf explicit = FileUmask.apply(new SparkConf(false).set(FileUmask.SETTING, "0027"));
    assertEquals("0027", explicit.get(FileUmask.SETTING));
  }
}
