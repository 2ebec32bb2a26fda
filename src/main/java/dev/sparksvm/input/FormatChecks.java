package dev.sparksvm.input;

import dev.sparksvm.data.Cifar10;
import dev.sparksvm.data.Cifar100;
import dev.sparksvm.data.ClassNames;
import dev.sparksvm.data.Idx;
import dev.sparksvm.data.ImageSchema;
import dev.sparksvm.data.ImageShape;
import dev.sparksvm.data.InvalidDataException;
import dev.sparksvm.data.RecordLayout;
import dev.sparksvm.data.RecordSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The driver's checks of each format's files, before any job: lengths that are whole records, IDX
 * headers (magic, counts, sizes, no trailing bytes) and their images/labels pairs, and the class
 * names beside the files. Every message names the file.
 */
final class FormatChecks {
  private FormatChecks() {}

  /**
   * What the checks found: the schema, the layout and the files as record sources, for {@link
   * DataFinder.Found}'s format.
   */
  record Checked(ImageSchema schema, RecordLayout layout, List<RecordSource> sources) {}

  /**
   * Checks the files found.
   *
   * @param labels CIFAR-100's label set, or null for its default (fine); only for CIFAR-100
   */
  static Checked check(DataFinder.Found found, Cifar100.Labels labels, FileSystem fs)
      throws IOException {
    return switch (found.format()) {
      // The layout holds one label byte, so the names file beside the records may say how many
      // classes there are (a generated set of 2..256 classes); without it, CIFAR-10's ten.
      case CIFAR10 ->
          fixedLength(
              found, Cifar10.LAYOUT, "CIFAR-10", fs, Cifar10.NAMES_FILE, 0, Cifar10.CLASS_NAMES);
      case CIFAR100 -> {
        Cifar100.Labels set = labels != null ? labels : Cifar100.Labels.FINE;
        yield fixedLength(
            found,
            set.layout(),
            "CIFAR-100",
            fs,
            set.namesFile(),
            set.classes(),
            ClassNames.numbered(set.classes()));
      }
      case IDX -> idx(found, fs);
    };
  }

  private static Checked fixedLength(
      DataFinder.Found found,
      RecordLayout layout,
      String name,
      FileSystem fs,
      String namesFile,
      int classes,
      List<String> defaultNames)
      throws IOException {
    List<RecordSource> sources = new ArrayList<>();
    for (FileStatus f : found.files()) {
      long length = f.getLen();
      if (length == 0) {
        String special = SpecialFiles.describe(f.getPath());
        throw new InvalidDataException(
            f.getPath() + ": " + (special != null ? special : "file is empty"));
      }
      if (RecordSource.compressed(f.getPath().getName())) {
        throw new InvalidDataException(
            f.getPath()
                + ": gzipped "
                + found.format()
                + " files are "
                + "not read; decompress it first");
      }
      int record = layout.recordBytes();
      if (length % record != 0) {
        throw new InvalidDataException(
            f.getPath()
                + ": length "
                + length
                + " is not a multiple of "
                + "the "
                + record
                + "-byte "
                + name
                + " record (record "
                + length / record
                + " is cut short)");
      }
      sources.add(new RecordSource(f.getPath().toString(), null, length / record));
    }
    Path dir = found.files().get(0).getPath().getParent();
    List<String> names = names(fs, new Path(dir, namesFile), classes, defaultNames);
    return new Checked(new ImageSchema(Cifar10.SHAPE, names), layout, sources);
  }

  private static Checked idx(DataFinder.Found found, FileSystem fs) throws IOException {
    // Images files by their name without .gz: an uncompressed copy beside a .gz one is read, once.
    TreeMap<String, Path> images = new TreeMap<>();
    for (FileStatus f : found.files()) {
      Path p = f.getPath();
      String name = p.getName();
      if (name.matches(".*idx1-ubyte(\\.gz)?")) {
        p =
            existing(
                fs,
                new Path(p.getParent(), Idx.imagesFileFor(name)),
                name.endsWith(".gz"),
                () ->
                    f.getPath()
                        + ": an IDX labels file without its images file ("
                        + Idx.imagesFileFor(name)
                        + "[.gz]) beside it");
      }
      String key = new Path(p.getParent(), strip(p.getName())).toString();
      Path known = images.get(key);
      if (known == null || RecordSource.compressed(known.getName())) {
        images.put(key, p);
      }
    }
    List<RecordSource> sources = new ArrayList<>();
    Idx.ImagesHeader first = null;
    String firstFile = null;
    for (Path p : images.values()) {
      String name = p.getName();
      String labelsName = Idx.labelsFileFor(name);
      if (labelsName.equals(strip(name))) {
        throw new InvalidDataException(
            p
                + ": cannot tell the name of its labels file; IDX images files are named"
                + " *-images-idx3-ubyte[.gz], their labels *-labels-idx1-ubyte[.gz]");
      }
      Path labels =
          existing(
              fs,
              new Path(p.getParent(), labelsName),
              name.endsWith(".gz"),
              () -> p + ": no IDX labels file beside it (" + labelsName + "[.gz])");
      byte[] imagesHead = head(fs, p, Idx.IMAGES_HEADER);
      Idx.ImagesHeader header = Idx.images(p.toString(), imagesHead, length(fs, p, imagesHead));
      byte[] labelsHead = head(fs, labels, Idx.LABELS_HEADER);
      long count = Idx.labels(labels.toString(), labelsHead, length(fs, labels, labelsHead));
      if (count != header.count()) {
        throw new InvalidDataException(
            p
                + ": "
                + header.count()
                + " images, but its labels file "
                + labels.getName()
                + " has "
                + count
                + " labels");
      }
      if (first == null) {
        first = header;
        firstFile = p.getName();
      } else if (header.rows() != first.rows() || header.cols() != first.cols()) {
        throw new InvalidDataException(
            p
                + ": images of "
                + header.rows()
                + "x"
                + header.cols()
                + ", but "
                + firstFile
                + " has "
                + first.rows()
                + "x"
                + first.cols());
      }
      sources.add(new RecordSource(p.toString(), labels.toString(), count));
    }
    ImageShape shape = first.shape();
    Path dir = images.firstEntry().getValue().getParent();
    List<String> names =
        names(fs, new Path(dir, Idx.NAMES_FILE), 0, ClassNames.numbered(Idx.DEFAULT_CLASSES));
    return new Checked(new ImageSchema(shape, names), first.layout(), sources);
  }

  /** The class names in {@code file} if it exists (with {@code classes} of them, 0: any). */
  private static List<String> names(FileSystem fs, Path file, int classes, List<String> otherwise)
      throws IOException {
    if (!fs.exists(file)) {
      return otherwise;
    }
    try (InputStream in = fs.open(file)) {
      return ClassNames.parse(
          file.toString(), new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8), classes);
    }
  }

  /** {@code path}, or its {@code .gz} twin (tried first when {@code gzFirst}), or an error. */
  private static Path existing(
      FileSystem fs, Path path, boolean gzFirst, java.util.function.Supplier<String> missing)
      throws IOException {
    Path gz = new Path(path.getParent(), path.getName() + ".gz");
    for (Path p : gzFirst ? List.of(gz, path) : List.of(path, gz)) {
      if (fs.exists(p)) {
        FileStatus status = fs.getFileStatus(p);
        if (status.isFile()) {
          return status.getPath();
        }
      }
    }
    throw new InvalidDataException(missing.get());
  }

  /** The first {@code bytes} bytes (fewer if the file is shorter), decompressed. */
  private static byte[] head(FileSystem fs, Path path, int bytes) throws IOException {
    if (fs.getFileStatus(path).getLen() == 0) {
      return new byte[0]; // the header check names the empty file
    }
    try (InputStream in = DataFinder.open(fs, path)) {
      return in.readNBytes(bytes);
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw new InvalidDataException(path + ": not a readable gzip file (" + e.getMessage() + ")");
    }
  }

  /**
   * The length of the file's (decompressed) bytes. A gzipped file is read through, but never past
   * what its header ({@code head}) promises: one byte more refuses it, so a file that would
   * decompress to far more than it says (a decompression bomb) costs no more than its promise.
   */
  private static long length(FileSystem fs, Path path, byte[] head) throws IOException {
    long stored = fs.getFileStatus(path).getLen();
    if (!RecordSource.compressed(path.getName()) || stored == 0) {
      return stored;
    }
    long promised = Idx.promisedBytes(head);
    // Without a plausible header the checks refuse the file for it; its length hardly matters.
    long limit = promised >= 0 ? promised + 1 : Idx.IMAGES_HEADER + 1;
    try (InputStream in = DataFinder.open(fs, path)) {
      long n = 0;
      byte[] buffer = new byte[1 << 16];
      while (n < limit) {
        int r = in.read(buffer, 0, (int) Math.min(buffer.length, limit - n));
        if (r < 0) {
          break;
        }
        n += r;
      }
      if (promised >= 0 && n > promised) {
        throw new InvalidDataException(
            path
                + ": decompresses to more than the "
                + promised
                + " bytes its header promises; refused without reading further (a damaged file,"
                + " or a decompression bomb)");
      }
      return n;
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw new InvalidDataException(path + ": not a readable gzip file (" + e.getMessage() + ")");
    }
  }

  private static String strip(String name) {
    return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
  }
}
