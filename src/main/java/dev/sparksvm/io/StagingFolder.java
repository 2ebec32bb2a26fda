package dev.sparksvm.io;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * The hidden folder inside an {@link OutputDirectory} where a run's outputs wait, each complete,
 * until the run commits them: the names written or adopted there, and their move into the
 * directory. One folder per run, named with a random UUID, so a folder a killed run left behind is
 * told apart from this one ({@link #isStale}).
 */
final class StagingFolder {
  private static final String PREFIX = ".sparksvm-staging-";
  private final Path path;
  private final Configuration conf;
  private final String label;
  private final Set<String> names = new LinkedHashSet<>();

  /**
   * A new folder's name inside {@code dir} (not yet created).
   *
   * @param label names the directory in error messages ({@code --out DIR})
   */
  StagingFolder(Path dir, Configuration conf, String label) {
    this.path = new Path(dir, PREFIX + UUID.randomUUID());
    this.conf = conf;
    this.label = label;
  }

  /** The folder. */
  Path path() {
    return path;
  }

  /** Whether {@code name}, an entry of the directory, is the staging folder of another run. */
  boolean isStale(String name) {
    return name.startsWith(PREFIX) && !name.equals(path.getName()); // left by a run that was killed
  }

  /** Whether {@code name} waits here for the commit. */
  boolean holds(String name) {
    return names.contains(name);
  }

  /** Writes {@code name} into the folder, atomically. */
  Path write(String name, StreamWriter writer) {
    Path target = AtomicFile.write(path, name, conf, label, writer);
    names.add(name);
    return target;
  }

  /**
   * Marks {@code name}, written into the folder by someone else, as waiting for the commit.
   *
   * @throws IllegalStateException when no such file or folder is there
   */
  void adopt(String name) {
    try {
      FileSystem fs = path.getFileSystem(conf);
      Path staged = new Path(path, name);
      if (!fs.exists(staged)) {
        throw new IllegalStateException(new Path(path, name) + " was not written");
      }
    } catch (IOException e) {
      throw WriteFailedException.of("cannot read " + path, e);
    }
    names.add(name);
  }

  /**
   * Renames every waiting name into {@code dir}, replacing what is there, and adds each to {@code
   * moved} as it goes; the folder then holds nothing waiting.
   */
  void moveInto(Path dir, Set<String> moved) throws IOException {
    FileContext fc = FileContext.getFileContext(dir.toUri(), conf);
    FileSystem fs = dir.getFileSystem(conf);
    for (String name : names) {
      Path from = new Path(path, name);
      Path to = new Path(dir, name);
      if (!LocalFiles.replaceFile(fs, from, to)) {
        fc.rename(from, to, Options.Rename.OVERWRITE);
      }
      moved.add(name);
    }
    names.clear();
  }

  /** Deletes the folder and forgets what waited in it. */
  void drop(FileSystem fs) throws IOException {
    fs.delete(path, true);
    names.clear();
  }
}
