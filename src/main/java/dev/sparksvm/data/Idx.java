package dev.sparksvm.data;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * The IDX layout of the MNIST family: an images file ({@code *-images-idx3-ubyte}, magic {@code
 * 0x00000803}, then big-endian ints count, rows, cols, then count x rows x cols unsigned bytes,
 * row-major grayscale) and a labels file beside it ({@code *-labels-idx1-ubyte}, magic {@code
 * 0x00000801}, then the count, then one unsigned byte per image). Either may be gzipped ({@code
 * .gz}). The checks here take the first bytes and the (uncompressed) length of a file and name the
 * file in every message.
 */
public final class Idx {
  private Idx() {}

  /** Magic number of an images file: unsigned bytes, three dimensions. */
  public static final int IMAGES_MAGIC = 0x00000803;

  /** Magic number of a labels file: unsigned bytes, one dimension. */
  public static final int LABELS_MAGIC = 0x00000801;

  /** Bytes before the first image: magic, count, rows, cols. */
  public static final int IMAGES_HEADER = 16;

  /** Bytes before the first label: magic, count. */
  public static final int LABELS_HEADER = 8;

  /** The class names, one per line, beside the files; "0".."9" when it is absent. */
  public static final String NAMES_FILE = "class_names.txt";

  /** Classes when no names file says otherwise (digits). */
  public static final int DEFAULT_CLASSES = 10;

  /** What an images file's header says. */
  public record ImagesHeader(long count, int rows, int cols) {
    /** The image shape: rows x cols, one plane. */
    public ImageShape shape() {
      return new ImageShape(rows, cols, 1);
    }

    /** Where the pixels and the labels (in the labels file) lie. */
    public RecordLayout layout() {
      return new RecordLayout(
          IMAGES_HEADER, rows * cols, RecordLayout.SEPARATE_LABELS, 0, rows * cols, LABELS_HEADER);
    }
  }

  /**
   * Checks an images file: its first bytes ({@code head}, up to 16) and its uncompressed length.
   *
   * @throws InvalidDataException naming {@code file}
   */
  public static ImagesHeader images(String file, byte[] head, long length) {
    int magic = magic(file, head, length, IMAGES_HEADER);
    if (magic != IMAGES_MAGIC) {
      throw new InvalidDataException(
          file
              + ": bad magic number "
              + hex(magic)
              + ", expected "
              + hex(IMAGES_MAGIC)
              + " (IDX images: unsigned bytes, 3 dimensions)"
              + (magic == LABELS_MAGIC ? "; this is a labels file" : ""));
    }
    ByteBuffer b = ByteBuffer.wrap(head);
    int count = b.getInt(4);
    int rows = b.getInt(8);
    int cols = b.getInt(12);
    if (count < 0 || rows < 1 || cols < 1 || (long) rows * cols > 1 << 24) {
      throw new InvalidDataException(
          file + ": implausible IDX header: " + count + " images of " + rows + " x " + cols);
    }
    ImagesHeader header = new ImagesHeader(count, rows, cols);
    checkLength(
        file,
        length,
        header.layout().fileBytes(count),
        count + " images of " + rows + "x" + cols,
        rows * cols,
        IMAGES_HEADER,
        "image");
    return header;
  }

  /**
   * Checks a labels file ({@code head}: its first bytes, up to 8) and returns its label count.
   *
   * @throws InvalidDataException naming {@code file}
   */
  public static long labels(String file, byte[] head, long length) {
    int magic = magic(file, head, length, LABELS_HEADER);
    if (magic != LABELS_MAGIC) {
      throw new InvalidDataException(
          file
              + ": bad magic number "
              + hex(magic)
              + ", expected "
              + hex(LABELS_MAGIC)
              + " (IDX labels: unsigned bytes, 1 dimension)"
              + (magic == IMAGES_MAGIC ? "; this is an images file" : ""));
    }
    int count = ByteBuffer.wrap(head).getInt(4);
    if (count < 0) {
      throw new InvalidDataException(file + ": implausible IDX header: " + count + " labels");
    }
    checkLength(
        file, length, LABELS_HEADER + (long) count, count + " labels", 1, LABELS_HEADER, "label");
    return count;
  }

  /**
   * The length an IDX file's header promises (header included), from its first bytes ({@code head}:
   * up to 16), or -1 when they do not make a plausible images or labels header (the checks of
   * {@link #images} and {@link #labels} then say what is wrong). A reader of a gzipped file stops
   * after this many bytes and one more: however far the file would decompress, what it holds beyond
   * its promise is already a reason to refuse it.
   */
  public static long promisedBytes(byte[] head) {
    if (head.length < LABELS_HEADER) {
      return -1;
    }
    ByteBuffer b = ByteBuffer.wrap(head);
    int magic = b.getInt(0);
    int count = b.getInt(4);
    if (count < 0) {
      return -1;
    }
    if (magic == LABELS_MAGIC) {
      return LABELS_HEADER + (long) count;
    }
    if (magic != IMAGES_MAGIC || head.length < IMAGES_HEADER) {
      return -1;
    }
    int rows = b.getInt(8);
    int cols = b.getInt(12);
    if (rows < 1 || cols < 1 || (long) rows * cols > 1 << 24) {
      return -1;
    }
    return new ImagesHeader(count, rows, cols).layout().fileBytes(count);
  }

  /**
   * The name of the labels file that goes with images file {@code imagesName}, without {@code .gz}:
   * {@code train-images-idx3-ubyte.gz} gives {@code train-labels-idx1-ubyte}.
   */
  public static String labelsFileFor(String imagesName) {
    String base =
        imagesName.endsWith(".gz") ? imagesName.substring(0, imagesName.length() - 3) : imagesName;
    return base.replace("images", "labels").replace("idx3-ubyte", "idx1-ubyte");
  }

  /** The name of the images file that goes with labels file {@code labelsName}, without .gz. */
  public static String imagesFileFor(String labelsName) {
    String base =
        labelsName.endsWith(".gz") ? labelsName.substring(0, labelsName.length() - 3) : labelsName;
    return base.replace("labels", "images").replace("idx1-ubyte", "idx3-ubyte");
  }

  private static int magic(String file, byte[] head, long length, int headerBytes) {
    if (length == 0) {
      throw new InvalidDataException(file + ": file is empty");
    }
    if (length < headerBytes || head.length < headerBytes) {
      throw new InvalidDataException(
          file
              + ": "
              + length
              + " bytes are too short for an IDX header"
              + " ("
              + headerBytes
              + " bytes)");
    }
    return ByteBuffer.wrap(head).getInt(0);
  }

  private static void checkLength(
      String file,
      long length,
      long expected,
      String what,
      int itemBytes,
      int headerBytes,
      String item) {
    if (length > expected) {
      throw new InvalidDataException(
          file
              + ": "
              + length
              + " bytes, but the header promises "
              + what
              + " ("
              + expected
              + " bytes): "
              + (length - expected)
              + " trailing bytes");
    }
    if (length < expected) {
      throw new InvalidDataException(
          file
              + ": "
              + length
              + " bytes, but the header promises "
              + what
              + " ("
              + expected
              + " bytes): "
              + item
              + " "
              + (length - headerBytes) / itemBytes
              + " is cut short");
    }
  }

  private static String hex(int magic) {
    return String.format(Locale.ROOT, "0x%08X", magic);
  }
}
