package dev.sparksvm.data;

import dev.sparksvm.core.Seeds;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.SplittableRandom;

/**
 * A deterministic stand-in for CIFAR-10 in the official binary layout, for a machine that has no
 * real data: each class is a smooth colour pattern of its own plus heavy per-image noise and a
 * random brightness shift, so a linear classifier learns it well but not perfectly. The files are
 * real {@code data_batch_N.bin} files, read through exactly the same path as the real set.
 */
public final class SyntheticCifar10 {
  private SyntheticCifar10() {}

  /** Number of batch files written, as in the real set. */
  public static final int FILES = 5;

  /**
   * Writes {@code data_batch_1..5.bin} (and {@code batches.meta.txt}) into {@code dir} unless they
   * are already there with the expected sizes. Each file is written to a temporary name, then
   * renamed.
   *
   * @param perFile records per file
   * @return {@code dir}
   */
  public static Path ensure(Path dir, int perFile, long seed) throws IOException {
    Files.createDirectories(dir);
    for (int f = 1; f <= FILES; f++) {
      Path file = dir.resolve("data_batch_" + f + ".bin");
      if (Files.exists(file) && Files.size(file) == (long) perFile * Cifar10.RECORD_BYTES) {
        continue;
      }
      Path tmp = Files.createTempFile(dir, ".data_batch_" + f, ".tmp");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        out.write(records(perFile, Seeds.derive(seed, f)));
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    Path meta = dir.resolve("batches.meta.txt");
    if (!Files.exists(meta)) {
      Files.writeString(
          meta, String.join("\n", Cifar10.CLASS_NAMES) + "\n", StandardCharsets.UTF_8);
    }
    return dir;
  }

  /**
   * {@code count} records with labels drawn uniformly at random, reproducibly from {@code seed}.
   */
  public static byte[] records(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] out = new byte[count * Cifar10.RECORD_BYTES];
    for (int r = 0; r < count; r++) {
      int label = random.nextInt(Cifar10.CLASSES);
      int base = r * Cifar10.RECORD_BYTES;
      out[base] = (byte) label;
      double brightness = 30 * random.nextGaussian();
      for (int channel = 0; channel < 3; channel++) {
        for (int y = 0; y < Cifar10.SIDE; y++) {
          for (int x = 0; x < Cifar10.SIDE; x++) {
            double v = prototype(label, channel, x, y) + brightness + 45 * random.nextGaussian();
            int pixel = (int) Math.round(Math.max(0, Math.min(255, v)));
            out[base + 1 + channel * 1024 + y * Cifar10.SIDE + x] = (byte) pixel;
          }
        }
      }
    }
    return out;
  }

  /** The noiseless picture of a class: a coloured plane wave whose angle and phase depend on it. */
  private static double prototype(int label, int channel, int x, int y) {
    double angle = Math.PI * label / Cifar10.CLASSES;
    double wave = Math.cos(0.25 * (x * Math.cos(angle) + y * Math.sin(angle)) + channel * label);
    return 128 + 40 * wave + 20 * Math.sin(label + 2.1 * channel);
  }
}
