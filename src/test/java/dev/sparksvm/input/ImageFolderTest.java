package dev.sparksvm.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.data.Cifar10;
import dev.sparksvm.data.ImageBlock;
import dev.sparksvm.data.ImageShape;
import dev.sparksvm.data.InvalidDataException;
import dev.sparksvm.data.SyntheticCifar10;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --format images} without Spark: CIFAR-10 records read by the binary reader, written as PNG
 * files by this test (one subfolder per class name), read back through {@link ImageFolder} with the
 * same pixels and labels; and what a folder of images is refused for.
 */
class ImageFolderTest {
  private static final Configuration CONF = new Configuration();
  @TempDir Path tmp;

  /** The record's planes (R, G, B, each row-major) as an RGB picture, written by ImageIO. */
  private static void writePng(ImageBlock block, int i, Path file) throws IOException {
    int side = Cifar10.SIDE;
    int plane = side * side;
    BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        int at = y * side + x;
        int r = block.pixel(i, at);
        int g = block.pixel(i, plane + at);
        int b = block.pixel(i, 2 * plane + at);
        image.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    Files.createDirectories(file.getParent());
    assertTrue(ImageIO.write(image, "png", file.toFile()));
  }

  private static void writeGrey(Path file, int width, int height) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.getRaster().setSample(x, y, 0, (7 * x + 13 * y) % 256);
      }
    }
    Files.createDirectories(file.getParent());
    assertTrue(ImageIO.write(image, "png", file.toFile()));
  }

  @Test
  void aCifarImageAsPngHasThePixelsAndLabelOfItsBinaryRecord() throws IOException {
    Path binary = SyntheticCifar10.ensure(tmp.resolve("bin"), 6, 3);
    ImageFiles files = ImageFiles.resolve(binary.toString(), ImageFiles.Request.training(), CONF);
    long n = files.totalRecords();
    ImageBlock block =
        RangeReader.read(
            files, RecordRange.of(0, 1, n, RecordSelection.all()), RecordSelection.all(), CONF);
    Path tree = tmp.resolve("png");
    for (String name : Cifar10.CLASS_NAMES) {
      // Every class's folder, as an export of the whole set has: class k is the k-th name.
      Files.createDirectories(tree.resolve(name));
    }
    for (int i = 0; i < block.size(); i++) {
      String name = Cifar10.CLASS_NAMES.get(block.label(i));
      writePng(block, i, tree.resolve(name).resolve(String.format("img%03d.png", i)));
    }
    ImageFolder folder = ImageFolder.scan(tree.toString(), CONF);
    assertEquals(Cifar10.SHAPE, folder.shape());
    assertEquals(Cifar10.CLASS_NAMES, folder.classes(), "CIFAR-10's names are in name order");
    assertEquals(block.size(), folder.images().size());
    for (ImageFolder.Image image : folder.images()) {
      String file = Path.of(image.path().replaceFirst("^file:", "")).getFileName().toString();
      int i = Integer.parseInt(file.substring(3, 6));
      assertEquals(block.label(i), image.label(), file);
      assertEquals(
          Cifar10.CLASS_NAMES.get(block.label(i)), folder.classes().get(image.label()), file);
      byte[] pixels = folder.read(image, CONF);
      byte[] expected = new byte[Cifar10.PIXELS];
      for (int j = 0; j < expected.length; j++) {
        expected[j] = (byte) block.pixel(i, j);
      }
      assertArrayEquals(expected, pixels, file);
    }
  }

  @Test
  void greyImagesAreOnePlaneOfTheirOwnSamples() throws IOException {
    Path tree = tmp.resolve("grey");
    writeGrey(tree.resolve("a/one.png"), 5, 3);
    writeGrey(tree.resolve("b/two.png"), 5, 3);
    ImageFolder folder = ImageFolder.scan(tree.toString(), CONF);
    assertEquals(new ImageShape(3, 5, 1), folder.shape());
    assertEquals(List.of("a", "b"), folder.classes());
    byte[] pixels = folder.read(folder.images().get(1), CONF);
    assertEquals(1, folder.images().get(1).label());
    for (int y = 0; y < 3; y++) {
      for (int x = 0; x < 5; x++) {
        assertEquals((7 * x + 13 * y) % 256, pixels[y * 5 + x] & 0xff);
      }
    }
  }

  @Test
  void oddFilesAndShapesAreRefusedNamingTheFirst() throws IOException {
    Path tree = tmp.resolve("odd");
    writeGrey(tree.resolve("a/1.png"), 4, 4);
    writeGrey(tree.resolve("b/2.png"), 4, 4);
    writeGrey(tree.resolve("b/3.png"), 4, 5);
    writeGrey(tree.resolve("b/4.png"), 6, 6);
    String message = refusal(tree);
    assertTrue(
        message.endsWith(
            "3.png: a 5x4x1 image, but the first is 4x4x1 (images are not"
                + " resized: make them all one shape)"),
        message);

    Path notes = tmp.resolve("notes");
    writeGrey(notes.resolve("a/1.png"), 4, 4);
    Files.writeString(notes.resolve("a/readme.txt"), "hello");
    assertTrue(refusal(notes).endsWith("readme.txt: not a .png, .jpg or .jpeg file"));

    Path fake = tmp.resolve("fake");
    Files.createDirectories(fake.resolve("a"));
    Files.writeString(fake.resolve("a/1.png"), "not a picture");
    assertTrue(refusal(fake).endsWith("1.png: not a PNG or JPEG image"), refusal(fake));

    Path loose = tmp.resolve("loose");
    writeGrey(loose.resolve("1.png"), 4, 4);
    assertTrue(refusal(loose).contains("1.png: not a class folder"));

    Path empty = tmp.resolve("empty");
    Files.createDirectories(empty.resolve("a"));
    assertTrue(refusal(empty).contains("empty: no images"));
    assertTrue(refusal(tmp.resolve("absent")).contains("absent: no such directory"));
  }

  private static String refusal(Path tree) {
    return assertThrows(InvalidDataException.class, () -> ImageFolder.scan(tree.toString(), CONF))
        .getMessage();
  }
}
