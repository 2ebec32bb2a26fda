package dev.sparksvm.spark;

import dev.sparksvm.data.Cifar10;
import dev.sparksvm.data.SyntheticCifar10;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small CIFAR-10 files in the official layout, written by the tests themselves. */
public final class CifarFixtures {
  private CifarFixtures() {}

  /** Five {@code data_batch_N.bin} files of {@code perFile} synthetic records in {@code dir}. */
  public static Path batches(Path dir, int perFile) throws IOException {
    return SyntheticCifar10.ensure(dir, perFile, 1234);
  }

  /**
   * One file of {@code count} records; record {@code badRecord} (if >= 0) gets label {@code
   * badLabel}.
   */
  public static Path file(Path file, int count, int badRecord, int badLabel) throws IOException {
    byte[] bytes = SyntheticCifar10.records(count, 99);
    if (badRecord >= 0) {
      bytes[badRecord * Cifar10.RECORD_BYTES] = (byte) badLabel;
    }
    Files.createDirectories(file.getParent());
    return Files.write(file, bytes);
  }

  /** The real training set beside the project, or null when it is absent (tests then skip). */
  public static Path realData() {
    Path dir = Path.of("..", "shared", "data", "cifar-10-batches-bin").toAbsolutePath().normalize();
    return Files.isRegularFile(dir.resolve("data_batch_1.bin")) ? dir : null;
  }
}
