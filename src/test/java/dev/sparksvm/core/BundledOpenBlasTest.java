package dev.sparksvm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OpenBLAS out of its Maven jar: checked, atomic, shared by JVMs that race; and it runs. */
class BundledOpenBlasTest {

  @Test
  void extractsTheFourLibrariesOnceAndReusesTheCheckedCopy(@TempDir Path root) throws Exception {
    Path lib = BundledOpenBlas.extract(root);
    assertEquals("libopenblas.so.0", lib.getFileName().toString());
    for (BundledOpenBlas.LibraryFile f : BundledOpenBlas.FILES) {
      assertEquals(f.size(), Files.size(lib.resolveSibling(f.name())), f.name());
    }
    long modified = Files.getLastModifiedTime(lib).toMillis();
    assertEquals(lib, BundledOpenBlas.extract(root));
    assertEquals(modified, Files.getLastModifiedTime(lib).toMillis(), "extracted again");
    assertEquals(List.of(lib.getParent()), children(root), "temporary directories left behind");
  }

  @Test
  void aDamagedCopyIsRefusedNotLoaded(@TempDir Path root) throws Exception {
    Path lib = BundledOpenBlas.extract(root);
    Path fortran = lib.resolveSibling("libgfortran.so.5");
    byte[] bytes = Files.readAllBytes(fortran);
    bytes[bytes.length / 2] ^= 1;
    Files.write(fortran, bytes);
    IOException e = assertThrows(IOException.class, () -> BundledOpenBlas.extract(root));
    assertTrue(e.getMessage().contains("libgfortran.so.5"), e.getMessage());
    assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
  }

  @Test
  void theRecordOfAFullCheckHoldsOnlyWhileTheFilesAreTheSame(@TempDir Path root) throws Exception {
    Path dir = BundledOpenBlas.extract(root).getParent();
    List<String> names = BundledOpenBlas.NAMES;
    assertTrue(CheckedCopyStamp.holds(dir, names), "a fresh copy is recorded as checked");

    // The same size and modification time, one bit changed: the change time gives it away.
    Path fortran = dir.resolve("libgfortran.so.5");
    FileTime modified = Files.getLastModifiedTime(fortran);
    byte[] bytes = Files.readAllBytes(fortran);
    bytes[bytes.length / 3] ^= 4;
    Files.write(fortran, bytes);
    Files.setLastModifiedTime(fortran, modified);
    assertFalse(CheckedCopyStamp.holds(dir, names), "a rewritten file still counted as checked");
    IOException e = assertThrows(IOException.class, () -> BundledOpenBlas.extract(root));
    assertTrue(e.getMessage().contains("libgfortran.so.5"), e.getMessage());
  }

  @Test
  void aFileOthersMayWriteIsCheckedInFullEveryTime(@TempDir Path root) throws Exception {
    Path dir = BundledOpenBlas.extract(root).getParent();
    List<String> names = BundledOpenBlas.NAMES;
    Path lib = dir.resolve("libopenblas.so.0");
    Files.setPosixFilePermissions(lib, PosixFilePermissions.fromString("rw-rw-r--"));
    BundledOpenBlas.verify(dir); // the full check passes: the bytes are right
    assertFalse(CheckedCopyStamp.holds(dir, names), "a group-writable library was trusted");
    Files.setPosixFilePermissions(lib, PosixFilePermissions.fromString("rw-r--r--"));
    BundledOpenBlas.verify(dir);
    assertTrue(CheckedCopyStamp.holds(dir, names), "a full check of private files is recorded");
  }

  @Test
  void anUnwritableCacheFallsBackToTheTemporaryDirectory(@TempDir Path root) throws Exception {
    // A cache under a plain file cannot be created, even by root (a read-only home can, by root).
    Path readOnly = Files.createFile(root.resolve("a-file"));
    String before = System.getProperty(BundledOpenBlas.CACHE_PROPERTY);
    System.setProperty(BundledOpenBlas.CACHE_PROPERTY, readOnly.resolve("cache").toString());
    try {
      Path lib = BundledOpenBlas.extract();
      assertTrue(lib.startsWith(Path.of(System.getProperty("java.io.tmpdir"))), lib.toString());
      BundledOpenBlas.verify(lib.getParent());
    } finally {
      if (before == null) {
        System.clearProperty(BundledOpenBlas.CACHE_PROPERTY);
      } else {
        System.setProperty(BundledOpenBlas.CACHE_PROPERTY, before);
      }
    }
  }

  @Test
  void jvmsThatRaceShareOneDirectory(@TempDir Path root) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Path>> all = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        all.add(pool.submit(() -> BundledOpenBlas.extract(root)));
      }
      Path first = all.get(0).get();
      for (Future<Path> f : all) {
        assertEquals(first, f.get());
      }
      BundledOpenBlas.verify(first.getParent());
      assertEquals(List.of(first.getParent()), children(root));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theTestJvmRunsOpenBlasByDefault() {
    assumeTrue(BundledOpenBlas.supported(), "the bundled OpenBLAS is for linux x86_64");
    assumeTrue(BlasChoice.currentOrAuto() != BlasChoice.JAVA, "the Java BLAS was chosen");
    assertEquals(BundledOpenBlas.NAME, LinearBatch.blasName());
    // And it computes: a 2 x 3 by 3 x 2 product against the hand-worked answer.
    double[] c = new double[4];
    LinearBatch.blasInstance()
        .dgemm(
            "N",
            "N",
            2,
            2,
            3,
            1.0,
            new double[] {1, 2, 3, 4, 5, 6},
            2,
            new double[] {1, 0, 1, 0, 1, 1},
            3,
            0.0,
            c,
            2);
    assertEquals(List.of(6.0, 8.0, 8.0, 10.0), List.of(c[0], c[1], c[2], c[3]));
  }

  @Test
  void choicesAreParsedAndABadOneIsNamed() {
    assertEquals(BlasChoice.JAVA, BlasChoice.parse(" Java", "x"));
    assertEquals(BlasChoice.NATIVE, BlasChoice.parse("native", "x"));
    assertEquals(BlasChoice.AUTO, BlasChoice.parse("AUTO", "x"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> BlasChoice.parse("mkl", "-Dsparksvm.blas"));
    assertEquals(
        "-Dsparksvm.blas=mkl is not a BLAS choice (one of: java, native, auto)", e.getMessage());
  }

  private static List<Path> children(Path root) throws IOException {
    try (Stream<Path> s = Files.list(root)) {
      return s.toList();
    }
  }
}
