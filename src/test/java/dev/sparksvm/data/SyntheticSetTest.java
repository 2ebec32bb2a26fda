package dev.sparksvm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generator alone, without Spark: file plan, layouts, determinism, and pictures that carry the
 * class.
 */
class SyntheticSetTest {

  private static byte[] bytes(SyntheticSet set, int file, int part) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    set.write(file, part, out);
    return out.toByteArray();
  }

  @Test
  void filesAreNamedAndSizedAsTheFormatsAre() throws IOException {
    SyntheticSet cifar = new SyntheticSet(DataFormat.CIFAR10, 25_000, 10, 10_000, 1);
    assertEquals(3, cifar.files());
    assertEquals(
        List.of(10_000, 10_000, 5_000),
        List.of(cifar.records(0), cifar.records(1), cifar.records(2)));
    assertEquals(List.of("data_batch_3.bin"), cifar.names(2));
    assertEquals(25_000L * Cifar10.RECORD_BYTES, cifar.bytes());
    assertEquals(Cifar10.NAMES_FILE, cifar.namesFile());

    SyntheticSet idx = new SyntheticSet(DataFormat.IDX, 250, 12, 100, 1);
    assertEquals(
        List.of("train-00003-images-idx3-ubyte", "train-00003-labels-idx1-ubyte"), idx.names(2));
    assertEquals(
        new Idx.ImagesHeader(50, 28, 28),
        Idx.images("i", bytes(idx, 2, 0), bytes(idx, 2, 0).length));
    assertEquals(50, Idx.labels("l", bytes(idx, 2, 1), bytes(idx, 2, 1).length));
    assertEquals(
        List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
        new SyntheticSet(DataFormat.IDX, 5, 10, 100, 1).names(0),
        "one pair: MNIST's names");
    long written = 0;
    for (int f = 0; f < idx.files(); f++) {
      written += bytes(idx, f, 0).length + bytes(idx, f, 1).length;
    }
    assertEquals(idx.bytes(), written);

    SyntheticSet c100 = new SyntheticSet(DataFormat.CIFAR100, 40, 100, 100, 1);
    byte[] records = bytes(c100, 0, 0);
    assertEquals(40 * Cifar100.RECORD_BYTES, records.length);
    for (int r = 0; r < 40; r++) {
      int at = r * Cifar100.RECORD_BYTES;
      assertEquals(records[at + 1] / 5, records[at], "coarse label = fine / 5");
    }
  }

  @Test
  void aFileDependsOnTheSeedAndItsIndexAlone() throws IOException {
    SyntheticSet set = new SyntheticSet(DataFormat.CIFAR10, 300, 10, 100, 5);
    byte[] file1 = bytes(set, 1, 0);
    assertArrayEquals(file1, bytes(new SyntheticSet(DataFormat.CIFAR10, 300, 10, 100, 5), 1, 0));
    assertArrayEquals(
        file1,
        bytes(new SyntheticSet(DataFormat.CIFAR10, 1000, 10, 100, 5), 1, 0),
        "a larger set of the same seed has the same file 1");
    assertFalse(Arrays.equals(file1, bytes(set, 2, 0)));
    assertFalse(
        Arrays.equals(file1, bytes(new SyntheticSet(DataFormat.CIFAR10, 300, 10, 100, 6), 1, 0)));
    // An IDX labels file holds the labels its images file was drawn with.
    SyntheticSet idx = new SyntheticSet(DataFormat.IDX, 300, 10, 100, 5);
    byte[] labels = bytes(idx, 1, 1);
    byte[] cifarLabels = new byte[100];
    for (int r = 0; r < 100; r++) {
      cifarLabels[r] = file1[r * Cifar10.RECORD_BYTES];
    }
    assertArrayEquals(
        cifarLabels,
        Arrays.copyOfRange(labels, Idx.LABELS_HEADER, labels.length),
        "labels are drawn from (seed, file) alone, whatever the layout");
  }

  @Test
  void eachPictureIsNearestToItsOwnClassAndEveryClassAppears() throws IOException {
    int n = 2000;
    int classes = 20;
    SyntheticSet set = new SyntheticSet(DataFormat.CIFAR10, n, classes, n, 3);
    byte[] records = bytes(set, 0, 0);
    double[][] means = new double[classes][];
    for (int c = 0; c < classes; c++) {
      means[c] = SyntheticClasses.mean(Cifar10.SHAPE, c, SyntheticSet.CONTRAST);
    }
    int[] seen = new int[classes];
    int nearest = 0;
    double pixelMean = 0;
    for (int r = 0; r < n; r++) {
      int at = r * Cifar10.RECORD_BYTES;
      int label = records[at];
      seen[label]++;
      int best = -1;
      double bestDistance = Double.MAX_VALUE;
      for (int c = 0; c < classes; c++) {
        double d = 0;
        for (int j = 0; j < Cifar10.PIXELS; j++) {
          double v = (records[at + 1 + j] & 0xFF) - means[c][j];
          d += v * v;
        }
        if (d < bestDistance) {
          bestDistance = d;
          best = c;
        }
      }
      nearest += best == label ? 1 : 0;
      for (int j = 0; j < Cifar10.PIXELS; j++) {
        pixelMean += (records[at + 1 + j] & 0xFF) / (double) (n * Cifar10.PIXELS);
      }
    }
    assertTrue(Arrays.stream(seen).allMatch(s -> s > 50), Arrays.toString(seen));
    assertTrue(nearest > 0.95 * n, nearest + " of " + n + " nearest to their own class's picture");
    assertEquals(128, pixelMean, 3, "mid-grey on average");
  }

  @Test
  void setsNoReaderCouldReadAreRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> new SyntheticSet(DataFormat.CIFAR10, 0, 10, 100, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> new SyntheticSet(DataFormat.CIFAR10, 10, 10, 10_001, 1));
    assertThrows(
        IllegalArgumentException.class, () -> new SyntheticSet(DataFormat.IDX, 10, 257, 100, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> new SyntheticSet(DataFormat.CIFAR100, 10, 10, 100, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> new SyntheticSet(DataFormat.CIFAR100, 101, 100, 100, 1));
  }
}
