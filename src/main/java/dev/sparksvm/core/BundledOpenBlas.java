package dev.sparksvm.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * OpenBLAS from the Maven artifact {@code org.bytedeco:openblas:0.3.31-1.5.13:linux-x86_64} (no
 * system install): its shared library and the three it needs, copied once from the class path to a
 * cache directory. A copy is written to a fresh temporary directory beside the cache, each file
 * checked against its SHA-256 below, and the directory renamed into place in one atomic move, so a
 * reader sees all four checked files or none, whichever of several JVMs (driver, executors) gets
 * there first. A directory found in place is checked again, file by file, before use, unless the
 * record of an earlier full check ({@link CheckedCopyStamp}) shows its files untouched since.
 */
public final class BundledOpenBlas {
  /** The artifact's version, as the provenance records it. */
  public static final String VERSION = "OpenBLAS 0.3.31 (org.bytedeco:openblas:0.3.31-1.5.13)";

  /** What runs when netlib's JNI BLAS loaded this library, as logs and metrics.json name it. */
  public static final String NAME = "OpenBLAS 0.3.31 (JNIBLAS)";

  /** Overrides the cache directory (default: {@code $XDG_CACHE_HOME} or {@code ~/.cache}). */
  public static final String CACHE_PROPERTY = "sparksvm.blas.cache";

  private static final String RESOURCES = "org/bytedeco/openblas/linux-x86_64/";

  /** The library netlib loads, first; then what it links to ({@code RUNPATH $ORIGIN/}). */
  static final List<LibraryFile> FILES =
      List.of(
          new LibraryFile(
              "libopenblas.so.0",
              37_539_016L,
              "e3a80f7696735e6bcd374fbe6c91e42f83dc8bfb09c5b92a5f73d67c76b55ec1"),
          new LibraryFile(
              "libgfortran.so.5",
              2_989_432L,
              "3ec471016fbfea6ccda4736fbbf2d0098e6386d2c34fb7ae9b15d91fa1b38874"),
          new LibraryFile(
              "libquadmath.so.0",
              289_592L,
              "67d3147512460e56dc805582ed5d32b66a7a199247ba5a27b7cb3054d2b2fef2"),
          new LibraryFile(
              "libgcc_s.so.1",
              125_488L,
              "a93ec41b336a895a7f0d7b789d66f6fc816de1a5ad0da37e8cfc428d7e9f8dd4"));

  /** The files' names, in {@link #FILES}' order. */
  static final List<String> NAMES = FILES.stream().map(LibraryFile::name).toList();

  /** One file of the library: its name in the jar and in the cache, its size and SHA-256. */
  record LibraryFile(String name, long size, String sha256) {}

  private BundledOpenBlas() {}

  /** True on the one platform the artifact's classifier covers. */
  public static boolean supported() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "");
    return os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
  }

  /** The cache directory this JVM uses. */
  public static Path cacheRoot() {
    String given = System.getProperty(CACHE_PROPERTY);
    if (given != null && !given.isBlank()) {
      return Path.of(given);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("sparksvm");
  }

  /**
   * The library extracted into {@link #cacheRoot()}, or, when that cannot be written (a container's
   * read-only home), into {@code java.io.tmpdir}: the first failure is kept with the second's.
   */
  public static Path extract() throws IOException {
    try {
      return extract(cacheRoot());
    } catch (IOException e) {
      try {
        return extract(
            Path.of(
                System.getProperty("java.io.tmpdir"),
                "sparksvm-" + System.getProperty("user.name")));
      } catch (IOException second) {
        second.addSuppressed(e);
        throw second;
      }
    }
  }

  /**
   * The path of {@code libopenblas.so.0} in {@code root}, extracted there first when missing.
   *
   * @throws IOException when the jar is not on the class path, a file does not match its checksum,
   *     or the directory cannot be written
   */
  public static Path extract(Path root) throws IOException {
    Path dir = root.resolve("openblas-" + FILES.get(0).sha256().substring(0, 16));
    if (Files.isDirectory(dir)) {
      verify(dir);
      return dir.resolve(FILES.get(0).name());
    }
    Files.createDirectories(root);
    Path temp = Files.createTempDirectory(root, ".openblas-");
    try {
      for (LibraryFile f : FILES) {
        copy(f, temp.resolve(f.name()));
      }
      CheckedCopyStamp.write(temp, NAMES);
      try {
        Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
        // Another JVM moved its copy into place first (rename(2) of a directory onto a non-empty
        // one fails): use that one.
        verify(dir);
      } catch (IOException e) {
        if (!Files.isDirectory(dir)) {
          throw e;
        }
        verify(dir); // ENOTEMPTY surfaces as a plain IOException: the same race
      }
    } finally {
      deleteTree(temp);
    }
    return dir.resolve(FILES.get(0).name());
  }

  private static void copy(LibraryFile f, Path to) throws IOException {
    ClassLoader loader = BundledOpenBlas.class.getClassLoader();
    try (InputStream raw = loader.getResourceAsStream(RESOURCES + f.name())) {
      if (raw == null) {
        throw new IOException(
            RESOURCES + f.name() + " is not on the class path (org.bytedeco:openblas jar missing)");
      }
      MessageDigest sha = sha256();
      try (InputStream in = new DigestInputStream(raw, sha);
          OutputStream out = Files.newOutputStream(to)) {
        in.transferTo(out);
      }
      check(f, HexFormat.of().formatHex(sha.digest()), Files.size(to), "in the jar");
      // Whatever the umask, writable by its owner alone: what lets the record of this check be
      // believed later (CheckedCopyStamp).
      Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  /**
   * Checks each file of {@code dir} against its size and SHA-256, unless the record of an earlier
   * full check still matches every file ({@link CheckedCopyStamp}: the same inodes, sizes and
   * change times in a directory only this user can write).
   */
  static void verify(Path dir) throws IOException {
    if (CheckedCopyStamp.holds(dir, NAMES)) {
      return;
    }
    for (LibraryFile f : FILES) {
      Path p = dir.resolve(f.name());
      MessageDigest sha = sha256();
      try (InputStream in = new DigestInputStream(Files.newInputStream(p), sha)) {
        in.transferTo(OutputStream.nullOutputStream());
      }
      check(f, HexFormat.of().formatHex(sha.digest()), Files.size(p), "at " + p);
    }
    CheckedCopyStamp.write(dir, NAMES);
  }

  private static void check(LibraryFile f, String sha, long size, String where) throws IOException {
    if (size != f.size() || !sha.equals(f.sha256())) {
      throw new IOException(
          f.name()
              + " "
              + where
              + " has "
              + size
              + " bytes and SHA-256 "
              + sha
              + ", expected "
              + f.size()
              + " and "
              + f.sha256());
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
