package dev.sparksvm.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Test fixture: synthetic images of any shape and class count, written in any of the layouts
 * sparksvm reads. Each class has a mean picture of its own (a random pattern of bright and dark
 * cells, the same for every seed, so training and test files agree) and each image adds heavy
 * noise, so a linear classifier learns the classes well but not perfectly.
 */
public final class SyntheticImages {
  private SyntheticImages() {}

  /**
   * Images and labels, one image's pixels after another (planes in CIFAR order).
   *
   * @param shape the image shape
   * @param classes number of classes; labels are 0..classes-1
   * @param pixels {@code count * shape.pixels()} bytes
   * @param labels one byte per image
   */
  public record Images(ImageShape shape, int classes, byte[] pixels, byte[] labels) {
    public int count() {
      return labels.length;
    }

    /** Label of image {@code i}. */
    public int label(int i) {
      return labels[i] & 0xFF;
    }
  }

  /** {@code count} images with labels drawn uniformly, reproducibly from {@code seed}. */
  public static Images of(int count, ImageShape shape, int classes, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int p = shape.pixels();
    byte[] pixels = new byte[count * p];
    byte[] labels = new byte[count];
    double[][] means = new double[classes][];
    for (int c = 0; c < classes; c++) {
      means[c] = mean(shape, c);
    }
    for (int i = 0; i < count; i++) {
      int label = random.nextInt(classes);
      labels[i] = (byte) label;
      for (int j = 0; j < p; j++) {
        double v = means[label][j] + 40 * random.nextGaussian();
        pixels[i * p + j] = (byte) Math.round(Math.max(0, Math.min(255, v)));
      }
    }
    return new Images(shape, classes, pixels, labels);
  }

  /** The noiseless picture of class {@code c}: 4 x 4 cells per plane, each bright or dark. */
  static double[] mean(ImageShape shape, int c) {
    return SyntheticClasses.mean(shape, c, 60);
  }

  /** CIFAR-10 records: label, then the pixels. */
  public static byte[] cifar10(Images images) {
    return records(images, 1, (i, out) -> out.write(images.label(i)));
  }

  /** CIFAR-100 records: coarse label (fine / 5), fine label, then the pixels. */
  public static byte[] cifar100(Images images) {
    return records(
        images,
        2,
        (i, out) -> {
          out.write(images.label(i) / 5);
          out.write(images.label(i));
        });
  }

  /** An IDX images file: magic 0x803, count, rows, cols, pixels. */
  public static byte[] idxImages(Images images) {
    ByteBuffer b = ByteBuffer.allocate(16 + images.pixels().length);
    b.putInt(Idx.IMAGES_MAGIC)
        .putInt(images.count())
        .putInt(images.shape().height())
        .putInt(images.shape().width())
        .put(images.pixels());
    return b.array();
  }

  /** An IDX labels file: magic 0x801, count, labels. */
  public static byte[] idxLabels(Images images) {
    return ByteBuffer.allocate(8 + images.count())
        .putInt(Idx.LABELS_MAGIC)
        .putInt(images.count())
        .put(images.labels())
        .array();
  }

  /** Writes {@code bytes} to {@code file}, gzipped when its name ends in {@code .gz}. */
  public static Path write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (OutputStream out =
        file.toString().endsWith(".gz")
            ? new GZIPOutputStream(Files.newOutputStream(file))
            : Files.newOutputStream(file)) {
      out.write(bytes);
    }
    return file;
  }

  /**
   * Writes {@code PREFIX-images-idx3-ubyte} and {@code PREFIX-labels-idx1-ubyte} (each {@code .gz}
   * when {@code gzip}) of 28 x 28 grayscale digits into {@code dir}.
   */
  public static Images idx(Path dir, String prefix, int count, int classes, boolean gzip, long seed)
      throws IOException {
    Images images = of(count, new ImageShape(28, 28, 1), classes, seed);
    String gz = gzip ? ".gz" : "";
    write(dir.resolve(prefix + "-images-idx3-ubyte" + gz), idxImages(images));
    write(dir.resolve(prefix + "-labels-idx1-ubyte" + gz), idxLabels(images));
    return images;
  }

  /** Writes a CIFAR-100 file ({@code train.bin} or {@code test.bin}) of 32 x 32 x 3 images. */
  public static Images cifar100(Path file, int count, long seed) throws IOException {
    Images images = of(count, Cifar10.SHAPE, 100, seed);
    write(file, cifar100(images));
    return images;
  }

  private interface Prefix {
    void write(int image, ByteArrayOutputStream out);
  }

  private static byte[] records(Images images, int prefixBytes, Prefix prefix) {
    int p = images.shape().pixels();
    ByteArrayOutputStream out = new ByteArrayOutputStream(images.count() * (p + prefixBytes));
    for (int i = 0; i < images.count(); i++) {
      prefix.write(i, out);
      out.write(images.pixels(), i * p, p);
    }
    return out.toByteArray();
  }
}
