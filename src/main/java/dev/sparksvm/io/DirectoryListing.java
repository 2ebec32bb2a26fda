package dev.sparksvm.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** What a directory holds, as a run's output checks see it: sparksvm's hidden files left out. */
final class DirectoryListing {
  private DirectoryListing() {}

  static FileStatus statusOrNull(FileSystem fs, Path path) throws IOException {
    try {
      return fs.getFileStatus(path);
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  static List<String> visibleEntries(FileSystem fs, Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    for (FileStatus s : fs.listStatus(dir)) {
      String name = s.getPath().getName();
      if (!name.startsWith(OutputDirectory.HIDDEN_PREFIX)) {
        names.add(name);
      }
    }
    names.sort(null);
    return names;
  }

  /**
   * Refuses {@code dir} when it holds anything but sparksvm's hidden files: an earlier run's
   * outputs, which only {@code --overwrite} may replace.
   *
   * @param label names the directory in the message ({@code --out DIR})
   */
  static void requireNothingVisible(FileSystem fs, Path dir, String label) throws IOException {
    List<String> held = visibleEntries(fs, dir);
    if (!held.isEmpty()) {
      throw new OutputException(
          label
              + ": already holds "
              + describe(held)
              + ": choose another directory, or pass --overwrite to replace them when this run "
              + "finishes");
    }
  }

  static String describe(List<String> names) {
    List<String> shown = names.subList(0, Math.min(4, names.size()));
    return names.size()
        + (names.size() == 1 ? " file (" : " files (")
        + String.join(", ", shown)
        + (names.size() > shown.size() ? ", ..." : "")
        + ")";
  }
}
