package dev.sparksvm.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.data.HostileFiles;
import dev.sparksvm.data.InvalidDataException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gzipped IDX files that lie about their size are refused on the driver, in one message naming the
 * file, and a gzipped file is never decompressed past what its header promises. (HostileFilesTest
 * checks the same in a JVM whose heap could not hold what the headers claim.)
 */
class HostileInputTest {
  @TempDir Path tmp;

  @Test
  void aGzippedHeaderThatClaimsMoreImagesThanTheFileHoldsIsCutShort() throws IOException {
    Path dir = HostileFiles.claimsMoreThanItHolds(tmp, 1_300_000, 10);
    InvalidDataException e = refused(dir);
    assertEquals(
        "file:"
            + dir.resolve("train-images-idx3-ubyte.gz")
            + ": 7856 bytes, but the header promises 1300000 images of 28x28 (1019200016 bytes):"
            + " image 10 is cut short",
        e.getMessage());
  }

  /**
   * 1 GiB of zeros after the promised images: refused after reading one byte past the promise. A
   * reader that went on to the end would instead find the 1 GiB and call it trailing bytes.
   */
  @Test
  void aDecompressionBombIsRefusedAtTheEndOfItsPromise() throws IOException {
    Path dir = HostileFiles.decompressionBomb(tmp, 10, 1024);
    assertTrue(
        Files.size(dir.resolve("train-images-idx3-ubyte.gz")) < 4 << 20, "a bomb: small on disk");
    InvalidDataException e = refused(dir);
    assertEquals(
        "file:"
            + dir.resolve("train-images-idx3-ubyte.gz")
            + ": decompresses to more than the 7856 bytes its header promises; refused without"
            + " reading further (a damaged file, or a decompression bomb)",
        e.getMessage());
  }

  @Test
  void aLabelsFileIsBoundByItsHeaderToo() throws IOException {
    HostileFiles.decompressionBomb(tmp, 10, 0);
    ByteArrayOutputStream labels = new ByteArrayOutputStream();
    labels.write(HostileFiles.gzip(HostileFiles.labels(10, 10)));
    labels.write(HostileFiles.gzip(new byte[1 << 20]));
    Path file = Files.write(tmp.resolve("train-labels-idx1-ubyte.gz"), labels.toByteArray());
    assertEquals(
        "file:"
            + file
            + ": decompresses to more than the 18 bytes its header promises; refused without"
            + " reading further (a damaged file, or a decompression bomb)",
        refused(tmp).getMessage());
  }

  @Test
  void anHonestGzippedPairIsRead() throws IOException {
    Path dir = HostileFiles.decompressionBomb(tmp.resolve("honest"), 10, 0);
    ImageFiles files =
        ImageFiles.resolve(dir.toString(), ImageFiles.Request.training(), new Configuration());
    assertEquals(10, files.totalRecords());
  }

  private static InvalidDataException refused(Path dir) {
    return assertThrows(
        InvalidDataException.class,
        () ->
            ImageFiles.resolve(dir.toString(), ImageFiles.Request.training(), new Configuration()));
  }
}
