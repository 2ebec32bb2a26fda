package dev.sparksvm.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sparksvm.core.Batch;
import dev.sparksvm.core.FloatBatch;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageBlockTest {
  private static final int D = Cifar10.FEATURES;

  /** Three images; image i has pixel j = (i * 97 + j * 31) mod 256, so values above 127 occur. */
  private static ImageBlock block() {
    byte[] pixels = new byte[3 * Cifar10.PIXELS];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < Cifar10.PIXELS; j++) {
        pixels[i * Cifar10.PIXELS + j] = (byte) ((i * 97 + j * 31) % 256);
      }
    }
    return new ImageBlock(pixels, new byte[] {4, 9, 0}, Cifar10.PIXELS);
  }

  private static int pixel(int i, int j) {
    return (i * 97 + j * 31) % 256;
  }

  private static double[] mean() {
    double[] mean = new double[Cifar10.PIXELS];
    for (int j = 0; j < mean.length; j++) {
      mean[j] = 100 + 0.25 * (j % 7);
    }
    return mean;
  }

  @Test
  void fillSubtractsTheMeanAndAppendsTheBias() {
    ImageBlock block = block();
    double[] mean = mean();
    Batch batch = new Batch(4, D);
    int[] indices = {1, 2, 0, 2, 1};
    block.centred(mean).fill(batch, indices, 1, 4); // images 2, 0, 2
    assertEquals(3, batch.rows());
    int[] expectedImages = {2, 0, 2};
    for (int r = 0; r < 3; r++) {
      int image = expectedImages[r];
      for (int j = 0; j < Cifar10.PIXELS; j++) {
        assertEquals(pixel(image, j) - mean[j], batch.x()[r * D + j], 0.0);
      }
      assertEquals(1.0, batch.x()[r * D + Cifar10.PIXELS], 0.0, "bias feature of row " + r);
      assertEquals(block.label(image), batch.labels()[r]);
    }
    assertEquals(0, batch.labels()[0]);
    assertEquals(4, batch.labels()[1]);
    // Unsigned pixels: (1 * 97 + 5 * 31) mod 256 = 252, not -4.
    assertEquals(252, block.pixel(1, 5));
  }

  @Test
  void floatFillIsTheDoubleFillRoundedOnce() {
    ImageBlock block = block();
    double[] mean = new double[Cifar10.PIXELS];
    for (int j = 0; j < mean.length; j++) {
      mean[j] = 127.3 + j / 3.0 % 1; // not representable in float: the rounding shows
    }
    int[] indices = {2, 0, 1};
    Batch doubles = new Batch(3, D);
    FloatBatch floats = new FloatBatch(4, D);
    block.centred(mean).fill(doubles, indices, 0, 3);
    block.centred(mean).fill(floats, indices, 0, 3);
    assertEquals(3, floats.rows());
    for (int i = 0; i < 3 * D; i++) {
      assertEquals((float) doubles.x()[i], floats.x()[i], 0.0f, "value " + i);
    }
    assertEquals(
        List.of(0, 4, 9), List.of(floats.labels()[0], floats.labels()[1], floats.labels()[2]));
    assertThrows(
        IllegalArgumentException.class,
        () -> block.centred(mean).fill(new FloatBatch(2, D), indices, 0, 3));
  }

  @Test
  void withoutIndicesFillCopiesConsecutiveImages() {
    ImageBlock block = block();
    double[] mean = new double[Cifar10.PIXELS];
    Batch batch = new Batch(2, D);
    block.centred(mean).fill(batch, null, 1, 3);
    assertEquals(2, batch.rows());
    assertEquals(pixel(1, 100), batch.x()[100], 0.0);
    assertEquals(pixel(2, 100), batch.x()[D + 100], 0.0);
    assertEquals(9, batch.labels()[0]);
    assertEquals(0, batch.labels()[1]);
  }

  @Test
  void fillRejectsMoreRowsThanTheBatchHolds() {
    Batch batch = new Batch(2, D);
    assertThrows(
        IllegalArgumentException.class,
        () -> block().centred(mean()).fill(batch, new int[] {0, 1, 2}, 0, 3));
    assertThrows(IllegalArgumentException.class, () -> block().centred(new double[7]));
  }

  @Test
  void pixelSumsAreUnsignedAndAccumulate() {
    ImageBlock block = block();
    long[] sums = new long[Cifar10.PIXELS];
    block.addPixelSums(sums);
    block.addPixelSums(sums);
    for (int j = 0; j < Cifar10.PIXELS; j++) {
      assertEquals(2L * (pixel(0, j) + pixel(1, j) + pixel(2, j)), sums[j], "pixel " + j);
    }
  }

  @Test
  void shapeIsChecked() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new ImageBlock(new byte[Cifar10.PIXELS + 1], new byte[1], Cifar10.PIXELS));
    ImageBlock block = block();
    assertEquals(3, block.size());
    assertEquals(3L * Cifar10.RECORD_BYTES, block.payloadBytes());
  }

  @Test
  void labelsAreUnsignedSoUpTo256ClassesFit() {
    ImageBlock block = new ImageBlock(new byte[2], new byte[] {(byte) 200, (byte) 255}, 1);
    assertEquals(200, block.label(0));
    assertEquals(255, block.label(1));
  }

  @Test
  void pixelSumsGiveTheMeanAndRefuseAnEmptySet() {
    PixelSums sums = new PixelSums(Cifar10.PIXELS).add(block());
    PixelSums other = new PixelSums(Cifar10.PIXELS).merge(sums);
    assertEquals(3, other.images());
    double[] mean = other.mean();
    for (int j = 0; j < Cifar10.PIXELS; j += 101) {
      assertEquals((pixel(0, j) + pixel(1, j) + pixel(2, j)) / 3.0, mean[j], 1e-12, "pixel " + j);
    }
    assertThrows(IllegalStateException.class, () -> new PixelSums(Cifar10.PIXELS).mean());
    assertThrows(IllegalArgumentException.class, () -> new PixelSums(5).merge(sums));
  }
}
