package dev.sparksvm.data;

import dev.sparksvm.core.Seeds;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A synthetic image set of any size, as the files of one of the layouts sparksvm reads, planned
 * file by file: each file is a pure function of (seed, file index), so every file can be written on
 * its own (one Spark task each, retried or not) and the same seed gives the same bytes.
 *
 * <p>Image i of class c is {@link SyntheticClasses}'s picture of c (contrast {@value #CONTRAST}),
 * plus a brightness shift of the whole image (standard deviation {@value #BRIGHTNESS}) and
 * independent noise per pixel (standard deviation {@value #NOISE}), rounded and clamped to 0..255.
 * Labels are uniform over 0..C-1. A linear classifier learns it well; an untrained one scores 1 /
 * C.
 *
 * <p>The noise is drawn from a fixed table of 65,536 standard normal values indexed by 16 random
 * bits, four pixels per {@code nextLong()}: a million images are three billion pixels, and {@code
 * nextGaussian()} per pixel would make generating them cost more than reading them.
 *
 * @param format the layout: CIFAR-10 records ({@code data_batch_N.bin}), CIFAR-100 records (one
 *     {@code train.bin}; coarse label = fine / 5) or IDX pairs of 28 x 28 grayscale images
 * @param images number of images N
 * @param classes C: 10 for CIFAR-10's names, 2..256 with a names file; 100 for CIFAR-100
 * @param perFile records per file, at most {@value #MAX_PER_FILE}; the last file holds the rest
 * @param seed the seed of every draw
 */
public record SyntheticSet(DataFormat format, long images, int classes, int perFile, long seed)
    implements Serializable {
  /** Records per file at most, as in CIFAR-10's batches. */
  public static final int MAX_PER_FILE = 10_000;

  /** Level of a class's cells above or below 128. */
  public static final int CONTRAST = 40;

  /** Standard deviation of an image's brightness shift. */
  public static final int BRIGHTNESS = 20;

  /** Standard deviation of each pixel's noise. */
  public static final int NOISE = 50;

  private static final int[] UNIT_NORMAL_256THS = normalTable();

  public SyntheticSet {
    if (images < 1 || perFile < 1 || perFile > MAX_PER_FILE) {
      throw new IllegalArgumentException(
          "a synthetic set needs images >= 1 and 1 <= perFile <= "
              + MAX_PER_FILE
              + ", got "
              + images
              + " and "
              + perFile);
    }
    if (classes < 2
        || classes > ImageBlock.MAX_CLASSES
        || (format == DataFormat.CIFAR100 && classes != 100)) {
      throw new IllegalArgumentException(format + " cannot hold " + classes + " classes");
    }
    if (format == DataFormat.CIFAR100 && images > perFile) {
      throw new IllegalArgumentException(
          "cifar100 has one training file: at most " + perFile + " images, got " + images);
    }
  }

  /** The image shape: 32 x 32 x 3 for the CIFAR layouts, 28 x 28 x 1 for IDX. */
  public ImageShape shape() {
    return format == DataFormat.IDX ? new ImageShape(28, 28, 1) : Cifar10.SHAPE;
  }

  /** Number of files (of IDX pairs: one pair each). */
  public int files() {
    return (int) ((images + perFile - 1) / perFile);
  }

  /** Records in file {@code file} (0-based). */
  public int records(int file) {
    return (int) Math.min(perFile, images - (long) file * perFile);
  }

  /**
   * The names of file {@code file}'s parts, as the format names them: {@code data_batch_N.bin} (N
   * from 1); {@code train.bin}; {@code train-NNNNN-images-idx3-ubyte} and its labels file
   * (unnumbered when there is one pair).
   */
  public List<String> names(int file) {
    return switch (format) {
      case CIFAR10 -> List.of("data_batch_" + (file + 1) + ".bin");
      case CIFAR100 -> List.of(Cifar100.TRAIN_FILE);
      case IDX -> {
        String prefix = files() == 1 ? "train" : String.format(Locale.ROOT, "train-%05d", file + 1);
        yield List.of(prefix + "-images-idx3-ubyte", prefix + "-labels-idx1-ubyte");
      }
    };
  }

  /** The file of class names beside the data ({@code null}: none, the format numbers them). */
  public String namesFile() {
    return switch (format) {
      case CIFAR10 -> Cifar10.NAMES_FILE;
      case CIFAR100 -> null;
      case IDX -> Idx.NAMES_FILE;
    };
  }

  /** Bytes of all files, as written. */
  public long bytes() {
    long total = 0;
    for (int f = 0; f < files(); f++) {
      long n = records(f);
      total +=
          switch (format) {
            case CIFAR10 -> n * Cifar10.RECORD_BYTES;
            case CIFAR100 -> n * Cifar100.RECORD_BYTES;
            case IDX -> Idx.IMAGES_HEADER + n * shape().pixels() + Idx.LABELS_HEADER + n;
          };
    }
    return total;
  }

  /**
   * Writes part {@code part} (an index into {@link #names}) of file {@code file} to {@code out}.
   */
  public void write(int file, int part, OutputStream out) throws IOException {
    if (file < 0 || file >= files() || part < 0 || part >= names(file).size()) {
      throw new IllegalArgumentException("no part " + part + " of file " + file);
    }
    int n = records(file);
    // Labels and pixels come from streams of their own, so an IDX labels file is written without
    // drawing a single pixel, and its images file draws the same labels again.
    SplittableRandom labels = new SplittableRandom(Seeds.derive(seed, file, 0));
    if (format == DataFormat.IDX && part == 1) {
      DataOutputStream header = new DataOutputStream(out);
      header.writeInt(Idx.LABELS_MAGIC);
      header.writeInt(n);
      for (int i = 0; i < n; i++) {
        out.write(labels.nextInt(classes));
      }
      return;
    }
    ImageShape shape = shape();
    if (format == DataFormat.IDX) {
      DataOutputStream header = new DataOutputStream(out);
      header.writeInt(Idx.IMAGES_MAGIC);
      header.writeInt(n);
      header.writeInt(shape.height());
      header.writeInt(shape.width());
    }
    int prefix =
        switch (format) {
          case CIFAR10 -> 1;
          case CIFAR100 -> 2;
          case IDX -> 0;
        };
    int[][] means = new int[classes][];
    SplittableRandom pixels = new SplittableRandom(Seeds.derive(seed, file, 1));
    byte[] record = new byte[prefix + shape.pixels()];
    for (int i = 0; i < n; i++) {
      int label = labels.nextInt(classes);
      if (means[label] == null) {
        means[label] = roundedMean(shape, label);
      }
      if (prefix == 1) {
        record[0] = (byte) label;
      } else if (prefix == 2) {
        record[0] = (byte) (label / 5);
        record[1] = (byte) label;
      }
      fillPixels(means[label], pixels, record, prefix);
      out.write(record);
    }
  }

  /** One image: its class's mean, a brightness shift and per-pixel noise, clamped to 0..255. */
  private static void fillPixels(int[] mean, SplittableRandom random, byte[] out, int offset) {
    int shift = BRIGHTNESS * UNIT_NORMAL_256THS[random.nextInt(1 << 16)];
    long bits = 0;
    for (int j = 0; j < mean.length; j++) {
      if ((j & 3) == 0) {
        bits = random.nextLong();
      }
      int noise = NOISE * UNIT_NORMAL_256THS[(int) (bits & 0xFFFF)];
      bits >>>= 16;
      // 256ths of a grey level: one rounding per pixel.
      int v = (mean[j] + shift + noise + 128) >> 8;
      out[offset + j] = (byte) (v < 0 ? 0 : Math.min(v, 255));
    }
  }

  /** Class {@code c}'s mean picture in 256ths of a grey level. */
  private static int[] roundedMean(ImageShape shape, int c) {
    double[] mean = SyntheticClasses.mean(shape, c, CONTRAST);
    int[] out = new int[mean.length];
    for (int j = 0; j < mean.length; j++) {
      out[j] = (int) Math.round(256 * mean[j]);
    }
    return out;
  }

  /** 65,536 draws of a standard normal, in 256ths, from a fixed seed: the same table everywhere. */
  private static int[] normalTable() {
    SplittableRandom random = new SplittableRandom(0x5EED_7AB1EL);
    int[] table = new int[1 << 16];
    for (int i = 0; i < table.length; i++) {
      table[i] = (int) Math.round(256 * random.nextGaussian());
    }
    return table;
  }

  /** The class names written beside the files: numbered, one per line. */
  public String namesText() {
    return String.join("\n", ClassNames.numbered(classes)) + "\n";
  }
}
