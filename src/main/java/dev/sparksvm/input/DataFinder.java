package dev.sparksvm.input;

import dev.sparksvm.data.Cifar10;
import dev.sparksvm.data.Cifar100;
import dev.sparksvm.data.DataFormat;
import dev.sparksvm.data.Idx;
import dev.sparksvm.data.InvalidDataException;
import dev.sparksvm.data.RecordSource;
import java.io.BufferedInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Finds the data files a path means and decides their format: {@code --format} when given (and then
 * refuses files whose names belong to another format), else from the file names (a directory's
 * training or test files, a file's own name), else from the contents (the IDX magic number, or a
 * length that is a whole number of only one format's records).
 */
final class DataFinder {
  private DataFinder() {}

  /**
   * The files found, their format, and why that format.
   *
   * @param files the files, sorted by path (for IDX: images files, labels files, or both)
   * @param format the format
   * @param reason how the format was chosen
   */
  record Found(List<FileStatus> files, DataFormat format, String reason) {}

  /**
   * The files {@code path} means.
   *
   * @param given the format {@code --format} names, or null to detect it
   * @param sets which files of a directory to look for, in order: {@code true} its test files,
   *     {@code false} its training files
   */
  static Found find(String path, DataFormat given, boolean[] sets, FileSystem fs)
      throws IOException {
    Path p = new Path(path);
    if (isGlob(path)) {
      FileStatus[] matched = fs.globStatus(p);
      if (matched == null || matched.length == 0) {
        throw new InvalidDataException(path + ": no files match this pattern");
      }
      List<FileStatus> files = sorted(Arrays.asList(matched));
      files.removeIf(FileStatus::isDirectory);
      if (files.isEmpty()) {
        throw new InvalidDataException(path + ": matches only directories, no data files");
      }
      return byName(path, files, given, fs);
    }
    FileStatus status;
    try {
      status = fs.getFileStatus(p);
    } catch (FileNotFoundException e) {
      String why = SpecialFiles.whyMissing(p);
      throw new InvalidDataException(
          path + ": " + (why != null ? why : "no such file or directory"));
    }
    if (!status.isDirectory()) {
      return byName(path, List.of(status), given, fs);
    }
    return inDirectory(
        path, sorted(Arrays.asList(fs.listStatus(status.getPath()))), given, sets.clone());
  }

  /** A directory: the training or test files of the format given, or of the one format it holds. */
  private static Found inDirectory(
      String path, List<FileStatus> listing, DataFormat given, boolean[] order) {
    for (boolean test : order) {
      Map<DataFormat, List<FileStatus>> matching = new LinkedHashMap<>();
      for (DataFormat f : DataFormat.values()) {
        List<FileStatus> files =
            listing.stream()
                .filter(s -> s.isFile() && f.isDataFile(s.getPath().getName(), test))
                .toList();
        if (!files.isEmpty()) {
          matching.put(f, files);
        }
      }
      if (given != null) {
        if (matching.containsKey(given)) {
          return new Found(matching.get(given), given, "--format " + given);
        }
        continue;
      }
      if (matching.size() == 1) {
        DataFormat f = matching.keySet().iterator().next();
        return new Found(
            matching.get(f), f, "detected: the directory holds " + f.filesDescription(test));
      }
      if (matching.size() > 1) {
        throw new InvalidDataException(
            path
                + ": directory holds files of several formats ("
                + matching.keySet().stream()
                    .map(f -> f + ": " + f.filesDescription(test))
                    .collect(Collectors.joining(", "))
                + "); use --format or a narrower path");
      }
    }
    List<DataFormat> formats = given != null ? List.of(given) : List.of(DataFormat.values());
    List<String> wanted = new ArrayList<>();
    for (DataFormat f : formats) {
      for (boolean test : order) {
        wanted.add(f.filesDescription(test));
      }
    }
    String none = path + ": directory holds no " + String.join(" or ", wanted) + " files";
    if (given != null) {
      for (DataFormat other : DataFormat.values()) {
        for (boolean test : order) {
          if (other != given
              && listing.stream()
                  .anyMatch(s -> s.isFile() && other.isDataFile(s.getPath().getName(), test))) {
            throw new InvalidDataException(
                path
                    + ": --format "
                    + given
                    + " does not match the "
                    + "files: the directory holds "
                    + other
                    + " files ("
                    + other.filesDescription(test)
                    + "), no "
                    + String.join(" or ", wanted)
                    + " files");
          }
        }
      }
    }
    throw new InvalidDataException(none);
  }

  /**
   * Files named by the user: their format from {@code --format}, their names, or their contents.
   */
  private static Found byName(String path, List<FileStatus> files, DataFormat given, FileSystem fs)
      throws IOException {
    Map<DataFormat, String> seen = new LinkedHashMap<>();
    List<FileStatus> unnamed = new ArrayList<>();
    for (FileStatus s : files) {
      DataFormat named = DataFormat.ofFileName(s.getPath().getName());
      if (named == null) {
        unnamed.add(s);
      } else if (given != null && named != given) {
        throw new InvalidDataException(
            s.getPath()
                + ": --format "
                + given
                + " does not match this "
                + "file: its name is that of a "
                + named
                + " file");
      } else {
        seen.putIfAbsent(named, s.getPath().getName());
      }
    }
    if (given != null) {
      return new Found(files, given, "--format " + given);
    }
    String reason =
        seen.isEmpty() ? "" : "detected: the name of " + seen.values().iterator().next();
    for (FileStatus s : unnamed) {
      DataFormat sniffed = sniff(s, fs);
      seen.putIfAbsent(sniffed, s.getPath().getName());
      reason = "detected: the contents of " + s.getPath().getName();
    }
    if (seen.size() > 1) {
      throw new InvalidDataException(
          path
              + ": matches files of several formats ("
              + seen.entrySet().stream()
                  .map(e -> e.getValue() + " is " + e.getKey())
                  .collect(Collectors.joining(", "))
              + "); use a narrower path");
    }
    return new Found(files, seen.keySet().iterator().next(), reason);
  }

  /** The format a file's first bytes or length say, or an error naming the file. */
  private static DataFormat sniff(FileStatus s, FileSystem fs) throws IOException {
    long length = s.getLen();
    if (length == 0) {
      String special = SpecialFiles.describe(s.getPath());
      throw new InvalidDataException(
          s.getPath() + ": " + (special != null ? special : "file is empty"));
    }
    byte[] head = new byte[4];
    int n;
    try (InputStream in = open(fs, s.getPath())) {
      n = in.readNBytes(head, 0, 4);
    }
    int magic = n == 4 ? ByteBuffer.wrap(head).getInt() : 0;
    if (magic == Idx.IMAGES_MAGIC || magic == Idx.LABELS_MAGIC) {
      return DataFormat.IDX;
    }
    boolean cifar10 = length % Cifar10.RECORD_BYTES == 0;
    boolean cifar100 = length % Cifar100.RECORD_BYTES == 0;
    if (cifar10 != cifar100) {
      return cifar10 ? DataFormat.CIFAR10 : DataFormat.CIFAR100;
    }
    throw new InvalidDataException(
        s.getPath()
            + ": cannot tell the data format from the file's "
            + "name or contents; use --format "
            + DataFormat.choices());
  }

  /** A stream of the file's bytes, decompressed when it is named {@code .gz}. */
  static InputStream open(FileSystem fs, Path path) throws IOException {
    InputStream in = fs.open(path);
    return RecordSource.compressed(path.getName())
        ? new GZIPInputStream(new BufferedInputStream(in, 1 << 16), 1 << 16)
        : in;
  }

  private static List<FileStatus> sorted(List<FileStatus> files) {
    List<FileStatus> out = new ArrayList<>(files);
    out.sort(Comparator.comparing(s -> s.getPath().toString()));
    return out;
  }

  private static boolean isGlob(String path) {
    return path.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
  }
}
