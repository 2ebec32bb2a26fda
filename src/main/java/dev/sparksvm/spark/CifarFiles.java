package dev.sparksvm.spark;

import dev.sparksvm.data.Cifar10;
import dev.sparksvm.data.InvalidDataException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The CIFAR-10 batch files behind a user's path, found through the Hadoop FileSystem API (so plain
 * paths, {@code file:} and {@code hdfs://} all work) and checked before any Spark job runs: a
 * directory means the files matching a pattern in it, a glob means its matches, anything else is one
 * file. Every file must be a non-empty whole number of 3073-byte records.
 *
 * @param paths fully qualified file paths, sorted
 * @param records records in each file
 */
public record CifarFiles(List<String> paths, long[] records) implements Serializable {

  /**
   * Resolves and validates {@code path}.
   *
   * @param patternsInDirectory file-name globs tried in order when {@code path} is a directory; the
   *     first that matches anything wins
   * @throws InvalidDataException naming the path or file when nothing usable is found
   */
  public static CifarFiles resolve(String path, Configuration conf, String... patternsInDirectory) {
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(conf);
      FileStatus[] found;
      if (isGlob(path)) {
        found = fs.globStatus(p);
        if (found == null || found.length == 0) {
          throw new InvalidDataException(path + ": no files match this pattern");
        }
      } else {
        FileStatus status;
        try {
          status = fs.getFileStatus(p);
        } catch (FileNotFoundException e) {
          throw new InvalidDataException(path + ": no such file or directory");
        }
        if (status.isDirectory()) {
          found = null;
          for (String pattern : patternsInDirectory) {
            found = fs.globStatus(new Path(status.getPath(), pattern));
            if (found != null && found.length > 0) {
              break;
            }
          }
          if (found == null || found.length == 0) {
            throw new InvalidDataException(path + ": directory holds no "
                + String.join(" or ", patternsInDirectory) + " files");
          }
        } else {
          found = new FileStatus[] {status};
        }
      }
      List<FileStatus> files = new ArrayList<>(Arrays.asList(found));
      files.removeIf(FileStatus::isDirectory);
      if (files.isEmpty()) {
        throw new InvalidDataException(path + ": matches only directories, no data files");
      }
      files.sort(Comparator.comparing(s -> s.getPath().toString()));
      List<String> paths = new ArrayList<>();
      long[] records = new long[files.size()];
      for (int i = 0; i < files.size(); i++) {
        FileStatus f = files.get(i);
        long length = f.getLen();
        if (length == 0) {
          throw new InvalidDataException(f.getPath() + ": file is empty");
        }
        if (length % Cifar10.RECORD_BYTES != 0) {
          throw new InvalidDataException(f.getPath() + ": length " + length
              + " is not a multiple of the " + Cifar10.RECORD_BYTES + "-byte CIFAR-10 record (record "
              + length / Cifar10.RECORD_BYTES + " is cut short)");
        }
        paths.add(f.getPath().toString());
        records[i] = length / Cifar10.RECORD_BYTES;
      }
      return new CifarFiles(List.copyOf(paths), records);
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": " + e.getMessage(), e);
    }
  }

  /** Total number of records. */
  public long totalRecords() {
    long total = 0;
    for (long r : records) {
      total += r;
    }
    return total;
  }

  /** Global index of the first record of each file (files in {@link #paths} order). */
  public long[] firstIndex() {
    long[] first = new long[records.length];
    for (int i = 1; i < records.length; i++) {
      first[i] = first[i - 1] + records[i - 1];
    }
    return first;
  }

  private static boolean isGlob(String path) {
    return path.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
  }
}
