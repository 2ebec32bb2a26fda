package dev.sparksvm.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

/**
 * A record, kept beside a directory of files that passed a full SHA-256 check, of what each file
 * was when checked: its inode, device, size, modification and change times. While every one of them
 * is the same, the files are the ones that were checked, and a JVM can skip hashing them again (41
 * MB of OpenBLAS: 200-450 ms at every start under the launcher's C1-only JIT, whose SHA-256 has no
 * intrinsic).
 *
 * <p>Why the record can be trusted: it is only written and only believed when the directory, the
 * files and the record itself belong to this process's user and nobody else may write them. Any
 * write to a file moves its change time, which no one but the kernel sets ({@code touch} and {@code
 * utimes(2)} set the modification time, and move the change time too); replacing a file changes its
 * inode. Someone who can rewrite the record can rewrite the files, and then could have replaced the
 * library before any check. Anything unexpected (no POSIX attributes, another owner, a group- or
 * world-writable file, a symbolic link, a different line) means "not checked".
 */
final class CheckedCopyStamp {
  /** The record's name inside the checked directory. */
  static final String NAME = ".checked";

  private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};

  private CheckedCopyStamp() {}

  /** True when {@code dir} holds a record that matches every file of {@code names} as it is now. */
  static boolean holds(Path dir, List<String> names) {
    try {
      Path stamp = dir.resolve(NAME);
      if (!ownedAndPrivate(dir, true) || !ownedAndPrivate(stamp, false)) {
        return false;
      }
      String expected = describe(dir, names);
      return expected != null && expected.equals(Files.readString(stamp, StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException | LinkageError e) {
      return false; // no record, or no way to read one: check in full
    }
  }

  /**
   * Writes the record for {@code names} in {@code dir}, just checked in full, when the directory
   * and its files are this user's alone; otherwise writes nothing (they will be checked in full
   * again). Never fails: the record only saves time.
   */
  static void write(Path dir, List<String> names) {
    try {
      if (!ownedAndPrivate(dir, true)) {
        return;
      }
      String record = describe(dir, names);
      if (record == null) {
        return;
      }
      // Written aside and renamed over, so a reader sees a whole record or none.
      Path temp = Files.createTempFile(dir, NAME, ".tmp");
      try {
        Files.writeString(temp, record, StandardCharsets.UTF_8);
        Files.move(
            temp,
            dir.resolve(NAME),
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException | RuntimeException | LinkageError e) {
      // Without a record the next start hashes the files again, as it would have.
    }
  }

  /** One line per file, or null when a file is not a private regular file of this user's. */
  private static String describe(Path dir, List<String> names) throws IOException {
    StringBuilder out = new StringBuilder();
    for (String name : names) {
      Path p = dir.resolve(name);
      if (!ownedAndPrivate(p, false)) {
        return null;
      }
      Map<String, Object> a =
          Files.readAttributes(p, "unix:ino,dev,size,lastModifiedTime,ctime", NO_FOLLOW);
      out.append(name)
          .append(' ')
          .append(a.get("ino"))
          .append(' ')
          .append(a.get("dev"))
          .append(' ')
          .append(a.get("size"))
          .append(' ')
          .append(nanos((FileTime) a.get("lastModifiedTime")))
          .append(' ')
          .append(nanos((FileTime) a.get("ctime")))
          .append('\n');
    }
    return out.toString();
  }

  /**
   * True when {@code p} is a directory (or a regular file), not a link, owned by this process's
   * user, and writable by no group or other user.
   */
  private static boolean ownedAndPrivate(Path p, boolean directory) throws IOException {
    Map<String, Object> a =
        Files.readAttributes(p, "unix:uid,mode,isDirectory,isRegularFile", NO_FOLLOW);
    boolean kind = (Boolean) a.get(directory ? "isDirectory" : "isRegularFile");
    int mode = (Integer) a.get("mode");
    return kind && ((Integer) a.get("uid")) == processUid() && (mode & 0022) == 0;
  }

  private static long processUid() {
    return new com.sun.security.auth.module.UnixSystem().getUid();
  }

  private static String nanos(FileTime t) {
    java.time.Instant i = t.toInstant();
    return i.getEpochSecond() + "." + String.format("%09d", i.getNano());
  }
}
