package dev.sparksvm.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Test fixture: data files written to hurt their reader, as someone with write access to shared
 * storage could leave them. Each one's header claims far more than a small heap can hold, so a
 * reader that allocated what the header says would fail with an OutOfMemoryError instead of
 * refusing the file in one line.
 */
public final class HostileFiles {
  private HostileFiles() {}

  /** Images of 28 x 28 (784 bytes each), as MNIST's. */
  public static final int SIDE = 28;

  /**
   * A gzipped IDX pair in {@code dir} ({@code train-images-idx3-ubyte.gz} and its labels) whose
   * images header claims {@code claimed} images while the file holds only {@code held}.
   */
  public static Path claimsMoreThanItHolds(Path dir, int claimed, int held) throws IOException {
    write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(images(claimed, held)));
    write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(labels(claimed, held)));
    return dir;
  }

  /**
   * A gzipped IDX pair in {@code dir} whose images file holds the {@code held} images its header
   * promises and then decompresses to about {@code extraMiB} MiB more (zeros, as concatenated gzip
   * members of 1 MiB each: a decompression bomb of roughly a thousandth of that size on disk).
   */
  public static Path decompressionBomb(Path dir, int held, int extraMiB) throws IOException {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.write(gzip(images(held, held)));
    byte[] member = gzip(new byte[1 << 20]);
    for (int i = 0; i < extraMiB; i++) {
      file.write(member);
    }
    write(dir.resolve("train-images-idx3-ubyte.gz"), file.toByteArray());
    write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(labels(held, held)));
    return dir;
  }

  /** An IDX images file's bytes: a header of {@code claimed} images, then {@code held} images. */
  public static byte[] images(int claimed, int held) {
    ByteBuffer b = ByteBuffer.allocate(Idx.IMAGES_HEADER + held * SIDE * SIDE);
    b.putInt(Idx.IMAGES_MAGIC).putInt(claimed).putInt(SIDE).putInt(SIDE);
    for (int i = 0; i < held * SIDE * SIDE; i++) {
      b.put((byte) (i * 31));
    }
    return b.array();
  }

  /** An IDX labels file's bytes: a header of {@code claimed} labels, then {@code held} labels. */
  public static byte[] labels(int claimed, int held) {
    ByteBuffer b = ByteBuffer.allocate(Idx.LABELS_HEADER + held);
    b.putInt(Idx.LABELS_MAGIC).putInt(claimed);
    for (int i = 0; i < held; i++) {
      b.put((byte) (i % 10));
    }
    return b.array();
  }

  /**
   * A {@code model.bin} in {@code dir} whose header claims {@code classes} x {@code features}
   * (written as sparksvm writes one, magic {@code SPSVMv03}) followed by 4 KB of the model's start.
   */
  public static Path hugeModel(Path dir, int classes, int features) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(4096 + 16);
    b.put("SPSVMv03".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    b.putInt(classes).putInt(features);
    write(dir.resolve("model.bin"), b.array());
    return dir;
  }

  /**
   * A checkpoint of step 10 in {@code dir} (magic {@code SPSVMck2}) whose W claims {@code classes}
   * x {@code features}, followed by 4 KB.
   */
  public static Path hugeCheckpoint(Path dir, int classes, int features) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(4096 + 40);
    b.put("SPSVMck2".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    b.putLong(10).putDouble(1.0).putDouble(1e-3).putInt(classes).putInt(features);
    write(dir.resolve("checkpoint-000000000010.bin"), b.array());
    return dir;
  }

  /** One gzip member holding {@code bytes}. */
  public static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  private static void write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
  }
}
