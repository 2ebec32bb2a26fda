package dev.sparksvm.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * A run's output directory on any Hadoop file system, which never mixes two runs and never shows
 * half a run:
 *
 * <ul>
 *   <li>{@link #prepare} checks it before Spark starts: a path that is a file, cannot be created,
 *       or already holds files (unless {@code overwrite}) is refused with one line naming {@code
 *       --out};
 *   <li>outputs are written to a hidden staging folder inside it, each file to a temporary name and
 *       renamed when complete; {@link #commit} moves them into place together, and with {@code
 *       overwrite} only then removes what an earlier run left there;
 *   <li>{@link #abort} (a failed run) removes the staging folder, and the directory itself when
 *       this run created it and nothing else was put there, so a failure leaves no empty folder
 *       behind;
 *   <li>{@link #writeNow} writes a file straight into the directory (a checkpoint must survive the
 *       run that writes it).
 * </ul>
 */
public final class OutputDirectory implements AutoCloseable {
  private static final String STAGING_PREFIX = ".sparksvm-staging-";
  private final Path dir;
  private final Configuration conf;
  private final boolean overwrite;
  private final boolean created;
  private final Path staging;

  /** Names this object has put in the directory (committed or written now). */
  private final Set<String> ours = new LinkedHashSet<>();

  private final Set<String> staged = new LinkedHashSet<>();
  private boolean closed;

  private OutputDirectory(Path dir, Configuration conf, boolean overwrite, boolean created) {
    this.dir = dir;
    this.conf = conf;
    this.overwrite = overwrite;
    this.created = created;
    this.staging = new Path(dir, STAGING_PREFIX + UUID.randomUUID());
  }

  /**
   * Checks and claims {@code dir}: it must be a directory that can be created and written, and
   * empty unless {@code overwrite}.
   *
   * @throws IllegalArgumentException (an {@code OutputException}) naming {@code --out}
   */
  public static OutputDirectory prepare(String dir, boolean overwrite, Configuration conf) {
    Path path = new Path(dir);
    try {
      FileSystem fs = path.getFileSystem(conf);
      boolean created = false;
      FileStatus status = statusOrNull(fs, path);
      if (status != null && !status.isDirectory()) {
        throw new OutputException("--out " + dir + ": exists and is not a directory");
      }
      if (status != null && !overwrite) {
        List<String> held = visibleEntries(fs, path);
        if (!held.isEmpty()) {
          throw new OutputException(
              "--out "
                  + dir
                  + ": already holds "
                  + describe(held)
                  + ": choose another directory, or pass --overwrite to replace them when this run "
                  + "finishes");
        }
      }
      if (status == null) {
        if (!fs.mkdirs(path)) {
          throw new OutputException("--out " + dir + ": cannot be created");
        }
        created = true;
      }
      OutputDirectory out =
          new OutputDirectory(fs.getFileStatus(path).getPath(), conf, overwrite, created);
      if (!fs.mkdirs(out.staging)) {
        throw new OutputException("--out " + dir + ": cannot write in it");
      }
      return out;
    } catch (IOException e) {
      throw new OutputException("--out " + dir + ": cannot be written: " + oneLine(e));
    }
  }

  /** The directory. */
  public Path path() {
    return dir;
  }

  /**
   * Writes {@code name} into the staging folder; it appears in the directory at {@link #commit}.
   */
  public Path write(String name, StreamWriter writer) {
    Path target = writeAtomically(staging, name, conf, writer);
    staged.add(name);
    return target;
  }

  /**
   * The hidden folder inside the directory where files wait for {@link #commit}, for writers in
   * other processes (Spark tasks): they write with {@link #writeAtomically} into it, and the driver
   * then {@link #adopt}s each name.
   */
  public Path stagingFolder() {
    return staging;
  }

  /**
   * Marks {@code name}, written into {@link #stagingFolder} by another process, as staged: {@link
   * #commit} moves it into the directory with the files written here.
   *
   * @throws IllegalStateException when no such file is there
   */
  public void adopt(String name) {
    try {
      FileSystem fs = staging.getFileSystem(conf);
      Path staged = new Path(staging, name);
      if (!fs.exists(staged) || !fs.getFileStatus(staged).isFile()) {
        throw new IllegalStateException(new Path(staging, name) + " was not written");
      }
    } catch (IOException e) {
      throw new WriteFailedException("cannot read " + staging, e);
    }
    staged.add(name);
  }

  /** Writes a UTF-8 text file, as {@link #write}. */
  public Path writeText(String name, String text) {
    return write(name, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Writes {@code name} straight into the directory, atomically (temporary name, then rename). */
  public Path writeNow(String name, StreamWriter writer) {
    Path target = writeAtomically(dir, name, conf, writer);
    ours.add(name);
    return target;
  }

  /** Deletes {@code name} from the directory if it is there. */
  public void delete(String name) {
    try {
      dir.getFileSystem(conf).delete(new Path(dir, name), false);
      ours.remove(name);
    } catch (IOException e) {
      throw new WriteFailedException("cannot delete " + new Path(dir, name), e);
    }
  }

  /**
   * Moves the staged files into the directory; with {@code overwrite}, first removes every entry
   * this run did not write. The directory can be written to again afterwards.
   */
  public void commit() {
    try {
      FileSystem fs = dir.getFileSystem(conf);
      for (FileStatus s : fs.listStatus(dir)) {
        String name = s.getPath().getName();
        boolean staleStaging =
            name.startsWith(STAGING_PREFIX)
                && !s.getPath()
                    .getName()
                    .equals(staging.getName()); // left by a run that was killed
        boolean earlierRun =
            overwrite
                && !name.startsWith(STAGING_PREFIX)
                && !ours.contains(name)
                && !staged.contains(name);
        if (staleStaging || earlierRun) {
          fs.delete(s.getPath(), true);
        }
      }
      FileContext fc = FileContext.getFileContext(dir.toUri(), conf);
      for (String name : staged) {
        fc.rename(new Path(staging, name), new Path(dir, name), Options.Rename.OVERWRITE);
        ours.add(name);
      }
      staged.clear();
    } catch (IOException e) {
      throw new WriteFailedException("cannot move the outputs into " + dir, e);
    }
  }

  /**
   * Drops what is staged; removes the directory when this run created it and left nothing in it
   * (checkpoints written with {@link #writeNow} stay).
   */
  public void abort() {
    try {
      FileSystem fs = dir.getFileSystem(conf);
      fs.delete(staging, true);
      staged.clear();
      if (created && fs.exists(dir) && fs.listStatus(dir).length == 0) {
        fs.delete(dir, false);
      }
    } catch (IOException e) {
      throw new WriteFailedException("cannot clean up " + dir, e);
    }
  }

  /**
   * Commits what is staged if nothing failed ({@code ok}), else aborts; then drops the staging
   * folder.
   */
  public void finish(boolean ok) {
    if (closed) {
      return;
    }
    closed = true;
    if (ok) {
      commit();
      try {
        dir.getFileSystem(conf).delete(staging, true);
      } catch (IOException e) {
        throw new WriteFailedException("cannot remove " + staging, e);
      }
    } else {
      abort();
    }
  }

  /** A run that ends without {@link #finish}ing is a failed one. */
  @Override
  public void close() {
    finish(false);
  }

  /**
   * Writes {@code folder/name} through {@code folder}'s Hadoop file system: to a temporary name
   * first, renamed over {@code name} when complete, so a reader never sees half a file and a
   * retried writer (a Spark task run again) simply replaces it. No {@code .crc} side files.
   */
  public static Path writeAtomically(
      Path folder, String name, Configuration conf, StreamWriter writer) {
    Path target = new Path(folder, name);
    Path tmp = new Path(folder, "." + name + "." + UUID.randomUUID() + ".tmp");
    try {
      FileSystem fs = folder.getFileSystem(conf);
      // Outputs are read by people and scripts: no .crc side files on the local disk.
      fs.setWriteChecksum(false);
      try (OutputStream out = fs.create(tmp, false)) {
        writer.writeTo(out);
      } catch (IOException | RuntimeException e) {
        fs.delete(tmp, false);
        throw e;
      }
      FileContext.getFileContext(folder.toUri(), conf)
          .rename(tmp, target, Options.Rename.OVERWRITE);
      return target;
    } catch (IOException e) {
      throw new WriteFailedException("cannot write " + target, e);
    }
  }

  private static FileStatus statusOrNull(FileSystem fs, Path path) throws IOException {
    try {
      return fs.getFileStatus(path);
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  private static List<String> visibleEntries(FileSystem fs, Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    for (FileStatus s : fs.listStatus(dir)) {
      String name = s.getPath().getName();
      if (!name.startsWith(STAGING_PREFIX)) {
        names.add(name);
      }
    }
    names.sort(null);
    return names;
  }

  private static String describe(List<String> names) {
    List<String> shown = names.subList(0, Math.min(4, names.size()));
    return names.size()
        + (names.size() == 1 ? " file (" : " files (")
        + String.join(", ", shown)
        + (names.size() > shown.size() ? ", ..." : "")
        + ")";
  }

  private static String oneLine(IOException e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /** Produces a file's bytes. */
  @FunctionalInterface
  public interface StreamWriter {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writing into a directory that {@link #prepare} accepted failed (a full disk, a folder removed
   * or made read-only while the run went on): a failed run (exit code 1), not the user's mistake.
   */
  public static final class WriteFailedException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    WriteFailedException(String what, IOException cause) {
      super(what + ": " + oneLine(cause), cause);
    }
  }

  /** An output directory that cannot be used: the user's to fix (one line, exit code 2). */
  public static final class OutputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    OutputException(String message) {
      super(message);
    }
  }
}
