package dev.sparksvm.input;

import dev.sparksvm.data.ImageShape;
import dev.sparksvm.data.InvalidDataException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A folder tree of PNG or JPEG images, one subfolder per class, as torchvision's {@code
 * ImageFolder} and Keras read it: the classes are the subfolders in name order (class k is the k-th
 * name), the images every {@code .png}, {@code .jpg} or {@code .jpeg} file in them, in name order.
 * Hidden files ({@code .} or {@code _} first) are skipped; anything else is refused. Nothing is
 * resized: every image must have the shape of the first, which {@link #scan} checks from each
 * file's header before Spark starts.
 *
 * <p>An image decodes into the binary formats' layout: one plane per channel (red, green, blue; or
 * one grey plane), each row-major, a byte a pixel, so that a CIFAR-10 image reads the same from a
 * PNG as from its binary record.
 *
 * @param root the folder
 * @param classes the class names (subfolders), in label order
 * @param images every image with its label, in order
 * @param shape every image's shape
 */
public record ImageFolder(String root, List<String> classes, List<Image> images, ImageShape shape)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One image file and its class. */
  public record Image(String path, int label) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  public ImageFolder {
    classes = List.copyOf(classes);
    images = List.copyOf(images);
  }

  /** Finds and checks the images under {@code root} on any Hadoop file system. */
  public static ImageFolder scan(String root, Configuration conf) {
    try {
      Path dir = new Path(root);
      FileSystem fs = dir.getFileSystem(conf);
      if (!fs.exists(dir) || !fs.getFileStatus(dir).isDirectory()) {
        throw new InvalidDataException(
            root
                + ": no such directory (--format images reads a folder"
                + " with one subfolder of PNG or JPEG files per class)");
      }
      List<String> classes = new ArrayList<>();
      List<Image> images = new ArrayList<>();
      for (FileStatus sub : sorted(fs.listStatus(dir))) {
        if (hidden(sub.getPath())) {
          continue;
        }
        if (!sub.isDirectory()) {
          throw new InvalidDataException(
              sub.getPath()
                  + ": not a class folder (--format images wants one subfolder per"
                  + " class, the images inside)");
        }
        for (FileStatus file : sorted(fs.listStatus(sub.getPath()))) {
          if (hidden(file.getPath())) {
            continue;
          }
          if (file.isDirectory() || !imageName(file.getPath().getName())) {
            throw new InvalidDataException(file.getPath() + ": not a .png, .jpg or .jpeg file");
          }
          images.add(new Image(file.getPath().toString(), classes.size()));
        }
        classes.add(sub.getPath().getName());
      }
      if (classes.isEmpty() || images.isEmpty()) {
        throw new InvalidDataException(
            root
                + ": no images (--format images wants one subfolder of PNG or JPEG files per"
                + " class)");
      }
      ImageShape shape = null;
      for (Image image : images) {
        ImageShape s = header(image.path(), conf);
        if (shape == null) {
          shape = s;
        } else if (!s.equals(shape)) {
          throw new InvalidDataException(
              image.path()
                  + ": a "
                  + s
                  + " image, but the first is "
                  + shape
                  + " (images are not resized: make them all one shape)");
        }
      }
      return new ImageFolder(root, classes, images, shape);
    } catch (IOException e) {
      throw new UncheckedIOException(root + ": " + e.getMessage(), e);
    }
  }

  /** The shape in {@code path}'s header: its size and whether it is grey (1) or colour (3). */
  static ImageShape header(String path, Configuration conf) throws IOException {
    Path p = new Path(path);
    try (InputStream in = p.getFileSystem(conf).open(p);
        ImageInputStream stream = ImageIO.createImageInputStream(in)) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
      if (!readers.hasNext()) {
        throw new InvalidDataException(path + ": not a PNG or JPEG image");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(stream, true, true);
        int channels = grey(reader.getRawImageType(0).getColorModel().getNumColorComponents());
        return new ImageShape(reader.getHeight(0), reader.getWidth(0), channels);
      } catch (IOException | RuntimeException e) {
        throw new InvalidDataException(path + ": not a readable image: " + e.getMessage());
      } finally {
        reader.dispose();
      }
    }
  }

  /**
   * The pixels of the image in {@code in} as planes of bytes (see the type's javadoc), refused
   * naming {@code path} unless it has {@code shape}.
   */
  public static byte[] decode(InputStream in, String path, ImageShape shape) throws IOException {
    BufferedImage image = ImageIO.read(in);
    if (image == null) {
      throw new InvalidDataException(path + ": not a PNG or JPEG image");
    }
    int channels = grey(image.getColorModel().getNumColorComponents());
    ImageShape found = new ImageShape(image.getHeight(), image.getWidth(), channels);
    if (!found.equals(shape)) {
      throw new InvalidDataException(
          path
              + ": a "
              + found
              + " image, but the first is "
              + shape
              + " (images are not resized: make them all one shape)");
    }
    int plane = shape.height() * shape.width();
    byte[] pixels = new byte[shape.pixels()];
    if (channels == 1) {
      // The raster's own sample: getRGB would convert grey through the sRGB colour space.
      for (int y = 0; y < shape.height(); y++) {
        for (int x = 0; x < shape.width(); x++) {
          pixels[y * shape.width() + x] = (byte) image.getRaster().getSample(x, y, 0);
        }
      }
      return pixels;
    }
    for (int y = 0; y < shape.height(); y++) {
      for (int x = 0; x < shape.width(); x++) {
        int rgb = image.getRGB(x, y);
        int at = y * shape.width() + x;
        pixels[at] = (byte) (rgb >>> 16);
        pixels[plane + at] = (byte) (rgb >>> 8);
        pixels[2 * plane + at] = (byte) rgb;
      }
    }
    return pixels;
  }

  /** Reads and decodes {@code image} of this folder. */
  public byte[] read(Image image, Configuration conf) {
    Path p = new Path(image.path());
    try (InputStream in = p.getFileSystem(conf).open(p)) {
      return decode(in, image.path(), shape);
    } catch (IOException e) {
      throw new UncheckedIOException(image.path() + ": " + e.getMessage(), e);
    }
  }

  private static int grey(int colourComponents) {
    return colourComponents == 1 ? 1 : 3;
  }

  private static boolean imageName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
  }

  private static boolean hidden(Path p) {
    return p.getName().startsWith(".") || p.getName().startsWith("_");
  }

  private static List<FileStatus> sorted(FileStatus[] found) {
    List<FileStatus> list = new ArrayList<>(Arrays.asList(found));
    list.sort(Comparator.comparing(s -> s.getPath().getName()));
    return list;
  }
}
