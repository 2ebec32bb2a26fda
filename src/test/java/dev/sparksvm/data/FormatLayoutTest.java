package dev.sparksvm.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** File names, record layouts, IDX headers and class-name files, without Spark. */
class FormatLayoutTest {

  @Test
  void fileNamesTellTheFormatAndTheRole() {
    assertEquals(DataFormat.CIFAR10, DataFormat.ofFileName("data_batch_3.bin"));
    assertEquals(DataFormat.CIFAR10, DataFormat.ofFileName("test_batch.bin"));
    assertEquals(DataFormat.CIFAR100, DataFormat.ofFileName("train.bin"));
    assertEquals(DataFormat.IDX, DataFormat.ofFileName("t10k-labels-idx1-ubyte.gz"));
    assertEquals(DataFormat.IDX, DataFormat.ofFileName("train-images.idx3-ubyte"));
    assertNull(DataFormat.ofFileName("batches.meta.txt"));
    assertTrue(DataFormat.IDX.isDataFile("train-images-idx3-ubyte.gz", false));
    assertFalse(DataFormat.IDX.isDataFile("train-labels-idx1-ubyte.gz", false));
    assertTrue(DataFormat.IDX.isDataFile("t10k-images-idx3-ubyte", true));
    assertTrue(DataFormat.CIFAR100.isDataFile("test.bin", true));
    assertEquals(DataFormat.IDX, DataFormat.named("IDX"));
    assertNull(DataFormat.named("mnist"));
    assertEquals("train-labels-idx1-ubyte", Idx.labelsFileFor("train-images-idx3-ubyte.gz"));
    assertEquals("t10k-images-idx3-ubyte", Idx.imagesFileFor("t10k-labels-idx1-ubyte"));
  }

  @Test
  void layoutsPlaceLabelsAndPixels() {
    assertEquals(9219, Cifar10.LAYOUT.labelOffsetOf(3));
    RecordLayout fine = Cifar100.Labels.FINE.layout();
    assertEquals(3 * 3074 + 1, fine.labelOffsetOf(3));
    assertEquals(2, fine.pixelOffset());
    assertEquals(3 * 3074, Cifar100.Labels.COARSE.layout().labelOffsetOf(3));
    RecordLayout idx = new Idx.ImagesHeader(5, 28, 28).layout();
    assertTrue(idx.separateLabels());
    assertEquals(16 + 2 * 784, idx.recordOffset(2));
    assertEquals(8 + 2, idx.labelOffsetOf(2));
    assertEquals(16 + 5 * 784, idx.fileBytes(5));
    assertEquals(8 + 5, idx.labelFileBytes(5));
    assertThrows(IllegalArgumentException.class, () -> RecordLayout.interleaved(10, 3, 2, 5));
  }

  @Test
  void idxHeadersAreChecked() {
    Idx.ImagesHeader h =
        Idx.images("f", new byte[] {0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4}, 16 + 24);
    assertEquals(new Idx.ImagesHeader(2, 3, 4), h);
    assertEquals(new ImageShape(3, 4, 1), h.shape());
    assertEquals(7, Idx.labels("l", new byte[] {0, 0, 8, 1, 0, 0, 0, 7}, 15));
    InvalidDataException labelsAsImages =
        assertThrows(
            InvalidDataException.class,
            () -> Idx.images("l", new byte[] {0, 0, 8, 1, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0, 0}, 16));
    assertTrue(labelsAsImages.getMessage().endsWith("; this is a labels file"));
    assertEquals(
        "s: 5 bytes are too short for an IDX header (8 bytes)",
        assertThrows(InvalidDataException.class, () -> Idx.labels("s", new byte[5], 5))
            .getMessage());
    assertEquals(
        "l: 16 bytes, but the header promises 7 labels (15 bytes): 1 trailing bytes",
        assertThrows(
                InvalidDataException.class,
                () -> Idx.labels("l", new byte[] {0, 0, 8, 1, 0, 0, 0, 7}, 16))
            .getMessage());
  }

  /** What a header promises, which bounds how far a gzipped file is ever read. */
  @Test
  void idxHeadersPromiseTheirFilesLength() {
    assertEquals(
        16 + 2 * 3 * 4,
        Idx.promisedBytes(new byte[] {0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4}));
    assertEquals(8 + 7, Idx.promisedBytes(new byte[] {0, 0, 8, 1, 0, 0, 0, 7}));
    // The largest claim a header can make is still a number, not an overflow.
    assertEquals(
        16 + (long) Integer.MAX_VALUE * (1 << 24),
        Idx.promisedBytes(new byte[] {0, 0, 8, 3, 127, -1, -1, -1, 0, 0, 16, 0, 0, 0, 16, 0}));
    assertEquals(-1, Idx.promisedBytes(new byte[] {0, 0, 8, 3, 0, 0, 0, 2}), "cut short");
    assertEquals(-1, Idx.promisedBytes(new byte[] {0, 0, 8, 1, -1, 0, 0, 0}), "negative count");
    assertEquals(-1, Idx.promisedBytes(new byte[] {0, 0, 8, 2, 0, 0, 0, 7}), "bad magic");
    assertEquals(
        -1,
        Idx.promisedBytes(new byte[] {0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 16, 1, 0, 0, 16, 0}),
        "an image of more than 2^24 pixels");
  }

  @Test
  void classNameFilesGiveOneNamePerLine() {
    assertEquals(List.of("cat", "dog"), ClassNames.parse("n", "cat\n\n dog \n", 0));
    assertEquals(
        "n: 2 class names, the data has 10 classes",
        assertThrows(InvalidDataException.class, () -> ClassNames.parse("n", "a\nb\n", 10))
            .getMessage());
    assertThrows(InvalidDataException.class, () -> ClassNames.parse("n", "only\n", 0));
    assertEquals(List.of("0", "1", "2"), ClassNames.numbered(3));
  }

  @Test
  void aBuilderFillsABlockInOrder() {
    ImageBlock.Builder b = new ImageBlock.Builder(2, 3);
    b.add(new byte[] {9, 1, 2, 3}, 1, 7);
    assertThrows(IllegalStateException.class, b::build);
    b.add(new byte[] {4, 5, (byte) 200}, 0, 255);
    ImageBlock block = b.build();
    assertEquals(2, block.size());
    assertEquals(255, block.label(1));
    assertEquals(200, block.pixel(1, 2));
    assertEquals(1, block.pixel(0, 0));
  }
}
