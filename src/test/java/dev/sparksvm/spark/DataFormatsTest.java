package dev.sparksvm.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.data.Cifar10;
import dev.sparksvm.data.Cifar100;
import dev.sparksvm.data.ClassNames;
import dev.sparksvm.data.DataFormat;
import dev.sparksvm.data.ImageBlock;
import dev.sparksvm.data.ImageShape;
import dev.sparksvm.data.InvalidDataException;
import dev.sparksvm.data.SyntheticImages;
import dev.sparksvm.data.SyntheticImages.Images;
import dev.sparksvm.input.ImageFiles;
import dev.sparksvm.input.RecordSelection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CIFAR-100 and IDX files (plain and gzipped): schema, counts, labels and partition contents. */
class DataFormatsTest {
  private final JavaSparkContext sc = LocalSpark.get();
  private final Configuration conf = sc.hadoopConfiguration();

  private ImageFiles resolve(String path, DataFormat format, Cifar100.Labels labels) {
    return ImageFiles.resolve(
        path, new ImageFiles.Request(format, labels, ImageFiles.Which.TRAINING), conf);
  }

  private ImageFiles resolve(String path) {
    return resolve(path, null, null);
  }

  @Test
  void cifar100HasFineAndCoarseLabelsAndTheirNames(@TempDir Path dir) throws Exception {
    Images images = SyntheticImages.cifar100(dir.resolve("train.bin"), 250, 3);
    List<String> fine = new ArrayList<>();
    for (int c = 0; c < 100; c++) {
      fine.add("fine" + c);
    }
    Files.write(dir.resolve("fine_label_names.txt"), fine);
    ImageFiles files = resolve(dir.toString());
    assertEquals(DataFormat.CIFAR100, files.format());
    assertEquals("detected: the directory holds train.bin", files.detection());
    assertEquals(100, files.schema().classes());
    assertEquals(fine, files.schema().classNames());
    assertEquals(Cifar10.SHAPE, files.schema().shape());
    assertContents(files, images, null, 3);

    // No coarse_label_names.txt: the 20 classes are numbered.
    ImageFiles coarse = resolve(dir.toString(), null, Cifar100.Labels.COARSE);
    assertEquals(ClassNames.numbered(20), coarse.schema().classNames());
    byte[] coarseLabels = new byte[images.count()];
    for (int i = 0; i < images.count(); i++) {
      coarseLabels[i] = (byte) (images.label(i) / 5);
    }
    assertContents(coarse, images, coarseLabels, 2);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void idxImagesAndLabelsPlainOrGzipped(boolean gzip, @TempDir Path dir) throws Exception {
    Images train = SyntheticImages.idx(dir, "train", 230, 10, gzip, 5);
    SyntheticImages.idx(dir, "t10k", 40, 10, gzip, 6);
    ImageFiles files = resolve(dir.toString());
    assertEquals(DataFormat.IDX, files.format());
    assertEquals("detected: the directory holds train-*-idx3-ubyte[.gz]", files.detection());
    assertEquals(new ImageShape(28, 28, 1), files.schema().shape());
    assertEquals(785, files.schema().features());
    assertEquals(ClassNames.numbered(10), files.schema().classNames());
    assertEquals(1, files.sources().size());
    assertEquals(230, files.totalRecords());
    assertEquals(16 + 230 * 784 + 8 + 230, files.dataBytes());
    String gz = gzip ? ".gz" : "";
    assertTrue(
        files.paths().get(1).endsWith("train-labels-idx1-ubyte" + gz), files.paths().toString());
    assertContents(files, train, null, 3);

    ImageFiles test =
        ImageFiles.resolve(
            dir.toString(),
            new ImageFiles.Request(null, null, ImageFiles.Which.TEST_ELSE_TRAINING),
            conf);
    assertEquals(40, test.totalRecords());
    // The images file alone, or a glob of the pair, means the same data.
    ImageFiles one = resolve(dir.resolve("train-images-idx3-ubyte" + gz).toString());
    assertEquals(files.sources(), one.sources());
    ImageFiles pair = resolve(dir + "/train-*");
    assertEquals(files.sources(), pair.sources());
  }

  @Test
  void idxClassNamesBesideTheFilesSetTheClassCount(@TempDir Path dir) throws Exception {
    Images train = SyntheticImages.idx(dir, "train", 120, 12, true, 8);
    List<String> names = new ArrayList<>();
    for (int c = 0; c < 12; c++) {
      names.add("letter " + (char) ('a' + c));
    }
    Files.write(dir.resolve("class_names.txt"), names);
    ImageFiles files = resolve(dir.toString());
    assertEquals(names, files.schema().classNames());
    assertContents(files, train, null, 2);
  }

  @Test
  void cifar10ClassNamesBesideTheFilesSetTheClassCount(@TempDir Path dir) throws Exception {
    Images train = SyntheticImages.of(90, Cifar10.SHAPE, 12, 4);
    SyntheticImages.write(dir.resolve("data_batch_1.bin"), SyntheticImages.cifar10(train));
    assertEquals(
        Cifar10.CLASS_NAMES,
        resolve(dir.toString()).schema().classNames(),
        "no batches.meta.txt: CIFAR-10's ten");
    Files.write(dir.resolve(Cifar10.NAMES_FILE), ClassNames.numbered(12));
    ImageFiles files = resolve(dir.toString());
    assertEquals(12, files.schema().classes());
    assertContents(files, train, null, 2);
  }

  @Test
  void idxAcrossSeveralFilePairsIsNumberedInPathOrder(@TempDir Path dir) throws Exception {
    Images a = SyntheticImages.idx(dir, "train-a", 50, 10, false, 1);
    Images b = SyntheticImages.idx(dir, "train-b", 70, 10, true, 2);
    ImageFiles files = resolve(dir.toString());
    assertEquals(2, files.sources().size());
    byte[] pixels = new byte[(50 + 70) * 784];
    System.arraycopy(a.pixels(), 0, pixels, 0, a.pixels().length);
    System.arraycopy(b.pixels(), 0, pixels, a.pixels().length, b.pixels().length);
    byte[] labels = new byte[120];
    System.arraycopy(a.labels(), 0, labels, 0, 50);
    System.arraycopy(b.labels(), 0, labels, 50, 70);
    assertContents(files, new Images(a.shape(), 10, pixels, labels), null, 3);
  }

  /**
   * Loads {@code files} into {@code partitions} partitions, twice (all records, and all but some)
   * and checks every partition against {@code images}: partition p holds its contiguous range minus
   * the dropped records, in order, with {@code labels} (null: the images' own).
   */
  private void assertContents(ImageFiles files, Images images, byte[] labels, int partitions) {
    byte[] expectedLabels = labels != null ? labels : images.labels();
    int n = images.count();
    long[] dropped = {1, 2, n / 2, n / 2 + 1, n - 1};
    for (RecordSelection selection :
        List.of(RecordSelection.all(), RecordSelection.allBut(dropped))) {
      ImageData data = ImageLoader.load(sc, files, selection, partitions, "formats");
      try {
        assertEquals(files.schema(), data.schema());
        List<ImageBlock> blocks = data.blocks().collect();
        int p = images.shape().pixels();
        long[] sums = new long[p];
        long kept = 0;
        for (int part = 0; part < partitions; part++) {
          ImageBlock block = blocks.get(part);
          assertEquals(p, block.imageBytes());
          int at = 0;
          for (long i = (long) part * n / partitions; i < (part + 1L) * n / partitions; i++) {
            if (!selection.keeps(i)) {
              continue;
            }
            assertEquals(expectedLabels[(int) i] & 0xFF, block.label(at), "label of image " + i);
            for (int j = 0; j < p; j++) {
              int pixel = images.pixels()[(int) i * p + j] & 0xFF;
              sums[j] += pixel;
              if (pixel != block.pixel(at, j)) {
                assertEquals(pixel, block.pixel(at, j), "image " + i + " pixel " + j);
              }
            }
            at++;
          }
          assertEquals(at, block.size(), "partition " + part);
          assertEquals(at, data.partitionSizes()[part]);
          kept += at;
        }
        double[] mean = new double[p];
        for (int j = 0; j < p; j++) {
          mean[j] = sums[j] / (double) kept;
        }
        assertArrayEquals(mean, data.pixelMean(), 1e-12);
      } finally {
        data.unpersist();
      }
    }
  }

  @Test
  void theFormatIsDetectedOrRefusedWhenItDoesNotMatch(@TempDir Path dir) throws Exception {
    Path cifar = CifarFixtures.batches(dir.resolve("c10"), 5);
    InvalidDataException wrongDirectory =
        assertThrows(
            InvalidDataException.class, () -> resolve(cifar.toString(), DataFormat.IDX, null));
    assertEquals(
        cifar
            + ": --format idx does not match the files: the directory holds cifar10 "
            + "files (data_batch_*.bin), no train-*-idx3-ubyte[.gz] files",
        wrongDirectory.getMessage());
    InvalidDataException wrongFile =
        assertThrows(
            InvalidDataException.class,
            () -> resolve(cifar.resolve("data_batch_1.bin").toString(), DataFormat.CIFAR100, null));
    assertTrue(
        wrongFile
            .getMessage()
            .endsWith(
                "data_batch_1.bin: --format cifar100 does not match "
                    + "this file: its name is that of a cifar10 file"),
        wrongFile.getMessage());
    InvalidDataException labels =
        assertThrows(
            InvalidDataException.class,
            () -> resolve(cifar.toString(), null, Cifar100.Labels.COARSE));
    assertEquals(
        cifar
            + ": --labels coarse applies to cifar100 data only, and this is cifar10 "
            + "(detected: the directory holds data_batch_*.bin)",
        labels.getMessage());

    SyntheticImages.idx(cifar, "train", 10, 10, false, 1);
    InvalidDataException both =
        assertThrows(InvalidDataException.class, () -> resolve(cifar.toString()));
    assertEquals(
        cifar
            + ": directory holds files of several formats (cifar10: data_batch_*.bin, "
            + "idx: train-*-idx3-ubyte[.gz]); use --format or a narrower path",
        both.getMessage());
    assertEquals(DataFormat.IDX, resolve(cifar.toString(), DataFormat.IDX, null).format());

    Path odd = Files.write(dir.resolve("odd.dat"), new byte[3073 * 3074]);
    InvalidDataException unknown =
        assertThrows(InvalidDataException.class, () -> resolve(odd.toString()));
    assertEquals(
        odd.toUri().toString().replace("file:///", "file:/")
            + ": cannot tell the data "
            + "format from the file's name or contents; use --format cifar10, cifar100 or idx",
        unknown.getMessage());
    assertEquals(DataFormat.CIFAR100, resolve(odd.toString(), DataFormat.CIFAR100, null).format());
  }

  @Test
  void brokenFilesAreNamedInOneLine(@TempDir Path dir) throws Exception {
    Path c100 = Files.createDirectories(dir.resolve("c100"));
    Files.write(c100.resolve("train.bin"), new byte[0]);
    assertMessage(c100, "train.bin: file is empty");
    Files.write(c100.resolve("train.bin"), new byte[2 * Cifar100.RECORD_BYTES + 1]);
    assertMessage(
        c100,
        "train.bin: length 6149 is not a multiple of the 3074-byte CIFAR-100 record "
            + "(record 2 is cut short)");

    Path idx = Files.createDirectories(dir.resolve("idx"));
    Images images = SyntheticImages.idx(idx, "train", 20, 10, false, 1);
    Path imagesFile = idx.resolve("train-images-idx3-ubyte");
    Path labelsFile = idx.resolve("train-labels-idx1-ubyte");
    byte[] good = Files.readAllBytes(imagesFile);
    Files.write(imagesFile, Arrays.copyOf(good, good.length + 1));
    assertMessage(
        idx,
        "train-images-idx3-ubyte: 15697 bytes, but the header promises 20 images of "
            + "28x28 (15696 bytes): 1 trailing bytes");
    Files.write(imagesFile, Arrays.copyOf(good, good.length - 1));
    assertMessage(
        idx,
        "train-images-idx3-ubyte: 15695 bytes, but the header promises 20 images of "
            + "28x28 (15696 bytes): image 19 is cut short");
    byte[] badMagic = good.clone();
    badMagic[3] = 4;
    Files.write(imagesFile, badMagic);
    assertMessage(
        idx,
        "train-images-idx3-ubyte: bad magic number 0x00000804, expected 0x00000803 "
            + "(IDX images: unsigned bytes, 3 dimensions)");
    Files.write(imagesFile, new byte[0]);
    assertMessage(idx, "train-images-idx3-ubyte: file is empty");
    Files.write(imagesFile, good);
    Images fewer =
        new Images(images.shape(), 10, images.pixels(), Arrays.copyOf(images.labels(), 19));
    Files.write(labelsFile, SyntheticImages.idxLabels(fewer));
    assertMessage(
        idx,
        "train-images-idx3-ubyte: 20 images, but its labels file "
            + "train-labels-idx1-ubyte has 19 labels");
    Files.delete(labelsFile);
    assertMessage(
        idx,
        "train-images-idx3-ubyte: no IDX labels file beside it "
            + "(train-labels-idx1-ubyte[.gz])");
    Path gz = SyntheticImages.write(idx.resolve("train-labels-idx1-ubyte.gz"), new byte[0]);
    assertMessage(idx, "train-labels-idx1-ubyte.gz: file is empty");
    Files.delete(gz);
    InvalidDataException none =
        assertThrows(InvalidDataException.class, () -> resolve(idx + "/nothing*"));
    assertEquals(idx + "/nothing*: no files match this pattern", none.getMessage());
  }

  @Test
  void aLabelOutOfRangeInTheSecondFileIsNamedWithItsOffset(@TempDir Path dir) throws Exception {
    SyntheticImages.idx(dir, "train-a", 30, 10, false, 1);
    Images b = SyntheticImages.idx(dir, "train-b", 30, 10, true, 2);
    byte[] labels = b.labels().clone();
    labels[7] = 10;
    SyntheticImages.write(
        dir.resolve("train-b-labels-idx1-ubyte.gz"),
        SyntheticImages.idxLabels(new Images(b.shape(), 10, b.pixels(), labels)));
    ImageFiles files = resolve(dir.toString());
    Exception e =
        assertThrows(
            Exception.class, () -> ImageLoader.load(sc, files, RecordSelection.all(), 2, "bad"));
    Throwable cause = ImageLoaderTest.causeOfType(e, InvalidDataException.class);
    assertNotNull(cause, "no InvalidDataException in " + e);
    assertTrue(
        cause
            .getMessage()
            .endsWith(
                "train-b-labels-idx1-ubyte.gz: record 7 (byte offset 15) "
                    + "has label 10, expected 0..9"),
        cause.getMessage());

    Path c100 = Files.createDirectories(dir.resolve("c100"));
    Images c = SyntheticImages.cifar100(c100.resolve("train.bin"), 10, 1);
    byte[] records = SyntheticImages.cifar100(c);
    records[4 * Cifar100.RECORD_BYTES + 1] = 100; // fine label of record 4
    Files.write(c100.resolve("train.bin"), records);
    Exception fine =
        assertThrows(
            Exception.class,
            () -> ImageLoader.load(sc, resolve(c100.toString()), RecordSelection.all(), 2, "bad"));
    assertTrue(
        ImageLoaderTest.causeOfType(fine, InvalidDataException.class)
            .getMessage()
            .endsWith("train.bin: record 4 (byte offset 12297) has label 100, expected 0..99"));
  }

  private void assertMessage(Path path, String ending) {
    InvalidDataException e =
        assertThrows(InvalidDataException.class, () -> resolve(path.toString()));
    assertTrue(
        e.getMessage().endsWith(ending),
        "expected '" + ending + "' at the end of: " + e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }
}
