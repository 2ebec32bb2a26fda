package dev.sparksvm.input;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Paths;
import org.apache.hadoop.fs.Path;

/**
 * What a local path is when it is not a regular file, in words: Hadoop's local file system reports
 * a named pipe or a device as an empty file (length 0) and a loop of symbolic links as a missing
 * one, which would send the user looking for the wrong mistake.
 */
final class SpecialFiles {
  /** The file type bits of {@code unix:mode} (POSIX {@code S_IFMT}), and the types among them. */
  private static final int TYPE = 0xF000;

  private static final int FIFO = 0x1000;
  private static final int CHARACTER_DEVICE = 0x2000;
  private static final int BLOCK_DEVICE = 0x6000;
  private static final int SOCKET = 0xC000;

  private SpecialFiles() {}

  /**
   * What {@code path} is when it is on the local file system and not a regular file or directory
   * ("is a named pipe (FIFO), not a data file"), or null.
   */
  static String describe(Path path) {
    java.nio.file.Path local = local(path);
    if (local == null) {
      return null;
    }
    try {
      int mode = (Integer) Files.getAttribute(local, "unix:mode");
      return switch (mode & TYPE) {
        case FIFO -> "is a named pipe (FIFO), not a data file";
        case CHARACTER_DEVICE -> "is a character device (such as /dev/zero), not a data file";
        case BLOCK_DEVICE -> "is a block device, not a data file";
        case SOCKET -> "is a socket, not a data file";
        default -> null;
      };
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Why a local {@code path} that Hadoop cannot find is missing, when it is a symbolic link: a loop
   * of links, or a link to nothing; else null.
   */
  static String whyMissing(Path path) {
    java.nio.file.Path local = local(path);
    if (local == null || !Files.isSymbolicLink(local)) {
      return null;
    }
    try {
      java.nio.file.Path target = local.toRealPath();
      return Files.exists(target) ? null : "is a symbolic link to " + target + ", which is gone";
    } catch (FileSystemException e) {
      String reason = String.valueOf(e.getReason());
      if (reason.toLowerCase(java.util.Locale.ROOT).contains("levels of symbolic links")) {
        return "is a loop of symbolic links";
      }
      try {
        return "is a symbolic link to " + Files.readSymbolicLink(local) + ", which does not exist";
      } catch (IOException again) {
        return null;
      }
    } catch (IOException e) {
      return null;
    }
  }

  private static java.nio.file.Path local(Path path) {
    URI u = path.toUri();
    if (u.getScheme() != null && !u.getScheme().equals("file")) {
      return null;
    }
    try {
      java.nio.file.Path p = Paths.get(u.getPath());
      return Files.exists(p, LinkOption.NOFOLLOW_LINKS) ? p : null;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
