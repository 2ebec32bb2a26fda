package dev.sparksvm.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * The two steps of an atomic write, creating the temporary file and renaming it over the target, on
 * the local file system without Hadoop's child processes. Without Hadoop's native library (not
 * bundled) its local file system starts {@code chmod} to give a new file its permission and {@code
 * readlink} when {@code FileContext} renames with overwrite: 17-19 ms a file on this project's
 * machines against 0.7 ms here, for every checkpoint (one an epoch) and every output (figures in
 * docs/PERFORMANCE.md, "Checkpoints without child processes"). The results are the same: the
 * permission Hadoop would give (0666 less the configured umask, which the launcher takes from the
 * user's), no checksum side file (the writers turn those off), and an atomic {@code rename(2)} that
 * replaces the target.
 */
final class LocalFiles {
  private LocalFiles() {}

  /**
   * True when {@code fs} is Hadoop's own local file system, which this class can go around; not a
   * subclass, which may change what a write does (as the tests' full disk does).
   */
  static boolean handles(FileSystem fs) {
    return fs.getClass() == LocalFileSystem.class || fs.getClass() == RawLocalFileSystem.class;
  }

  /**
   * Writes {@code bytes} into the new file {@code tmp} with the permission {@code fs} would give
   * it, then renames it over {@code target}. Both are paths of {@code fs}, which {@link #handles}.
   */
  static void write(FileSystem fs, Path tmp, Path target, ByteArrayOutputStream bytes)
      throws IOException {
    java.nio.file.Path t = file(fs, tmp);
    try (OutputStream out =
        Files.newOutputStream(t, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      bytes.writeTo(out);
    }
    PosixFileAttributeView posix =
        Files.getFileAttributeView(t, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (posix != null) {
      // The file system's own configuration, as its create would read it (a cached instance keeps
      // the one it was made with).
      posix.setPermissions(permissions(fs.getConf()));
    }
    Files.move(
        t, file(fs, target), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Renames the regular file {@code from} over {@code to} on the local file system and returns
   * true; false, having done nothing, when {@code fs} is another file system or {@code from} is not
   * a regular file (a folder keeps Hadoop's rename, whose rules for a folder in the way differ).
   */
  static boolean replaceFile(FileSystem fs, Path from, Path to) throws IOException {
    if (!handles(fs)) {
      return false;
    }
    java.nio.file.Path source = file(fs, from);
    if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try {
      Files.move(
          source,
          file(fs, to),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      return false; // another device: Hadoop's rename copies
    }
    return true;
  }

  /** The permission Hadoop's {@code FileSystem.create} gives a new file under {@code conf}. */
  static Set<PosixFilePermission> permissions(Configuration conf) {
    // rwxrwxrwx-style: a file's default (0666) under a umask has no sticky bit to print.
    return PosixFilePermissions.fromString(
        FsPermission.getFileDefault().applyUMask(FsPermission.getUMask(conf)).toString());
  }

  private static java.nio.file.Path file(FileSystem fs, Path p) {
    return fs instanceof LocalFileSystem local
        ? local.pathToFile(p).toPath()
        : ((RawLocalFileSystem) fs).pathToFile(p).toPath();
  }
}
