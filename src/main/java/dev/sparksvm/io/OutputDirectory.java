package dev.sparksvm.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.ShutdownHookManager;

/**
 * A run's output directory on any Hadoop file system, which never mixes two runs and never shows
 * half a run:
 *
 * <ul>
 *   <li>{@link #prepare} checks it before Spark starts: a path that is a file, cannot be created,
 *       or already holds files (unless {@code overwrite}) is refused with one line naming {@code
 *       --out};
 *   <li>outputs are written to a hidden staging folder inside it ({@link StagingFolder}), each file
 *       to a temporary name and renamed when complete; {@link #commit} moves them into place
 *       together, and with {@code overwrite} only then removes what an earlier run left there;
 *   <li>{@link #abort} (a failed run) removes the staging folder, and the directory itself when
 *       this run created it and nothing else was put there, so a failure leaves no empty folder
 *       behind;
 *   <li>{@link #writeNow} writes a file straight into the directory (a checkpoint must survive the
 *       run that writes it);
 *   <li>the run claims the directory with a lock file ({@link DirectoryClaim}), so a second run
 *       started into it is refused until the first ends, and a directory that is, contains or lies
 *       inside one of the run's inputs is refused ({@link InputOverlap});
 *   <li>a JVM that exits without {@link #finish}ing (a signal, an error on any path) removes the
 *       staging folder and the lock in a shutdown hook, run before Hadoop closes its file systems.
 * </ul>
 */
public final class OutputDirectory implements AutoCloseable {
  static final String HIDDEN_PREFIX = ".sparksvm-";
  private final Path dir;
  private final Configuration conf;
  private final boolean overwrite;
  private final boolean created;
  private final StagingFolder staging;

  /** Names this object has put in the directory (committed or written now). */
  private final Set<String> ours = Collections.synchronizedSet(new LinkedHashSet<>());

  /** Registered as a shutdown hook until {@link #finish}: a run the JVM leaves unfinished. */
  private final Runnable onExit = this::abandon;

  private boolean closed;

  /**
   * The directories of this JVM not yet finished: what a signal stops (see {@link #unfinished}).
   */
  private static final Set<OutputDirectory> UNFINISHED = ConcurrentHashMap.newKeySet();

  /**
   * An output directory whose run has not finished.
   *
   * @param path the directory
   * @param kept the files the run wrote straight into it ({@link #writeNow}, e.g. checkpoints),
   *     which stay when it ends unfinished
   */
  public record Unfinished(String path, List<String> kept) {
    public Unfinished {
      kept = List.copyOf(kept);
    }
  }

  private OutputDirectory(Path dir, Configuration conf, boolean overwrite, boolean created) {
    this.dir = dir;
    this.conf = conf;
    this.overwrite = overwrite;
    this.created = created;
    this.staging = new StagingFolder(dir, conf, "--out " + dir);
  }

  /**
   * Checks and claims {@code dir}: it must be a directory that can be created and written, and
   * empty unless {@code overwrite}.
   *
   * @throws IllegalArgumentException (an {@code OutputException}) naming {@code --out}
   */
  public static OutputDirectory prepare(String dir, boolean overwrite, Configuration conf) {
    return prepare(dir, overwrite, conf, List.of());
  }

  /**
   * As {@link #prepare(String, boolean, Configuration)}, first refusing a directory that is,
   * contains or lies inside one of the run's {@code inputs}.
   */
  public static OutputDirectory prepare(
      String dir, boolean overwrite, Configuration conf, List<InputOverlap.Input> inputs) {
    InputOverlap.check("--out " + dir, dir, inputs, conf);
    Path path = new Path(dir);
    try {
      FileSystem fs = path.getFileSystem(conf);
      boolean created = false;
      FileStatus status = DirectoryListing.statusOrNull(fs, path);
      if (status != null && !status.isDirectory()) {
        throw new OutputException("--out " + dir + ": exists and is not a directory");
      }
      if (status == null) {
        if (!fs.mkdirs(path)) {
          throw new OutputException("--out " + dir + ": cannot be created");
        }
        created = true;
      }
      Path qualified = fs.getFileStatus(path).getPath();
      DirectoryClaim.claimOrRefuse(fs, qualified, dir, overwrite);
      OutputDirectory out = new OutputDirectory(qualified, conf, overwrite, created);
      try {
        if (!overwrite) {
          DirectoryListing.requireNothingVisible(fs, qualified, "--out " + dir);
        }
        if (!fs.mkdirs(out.staging.path())) {
          throw new OutputException("--out " + dir + ": cannot write in it");
        }
      } catch (IOException | RuntimeException e) {
        out.finish(false);
        throw e;
      }
      ShutdownHookManager.get().addShutdownHook(out.onExit, FileSystem.SHUTDOWN_HOOK_PRIORITY + 1);
      UNFINISHED.add(out);
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
    return staging.write(name, writer);
  }

  /**
   * The hidden folder inside the directory where files wait for {@link #commit}, for writers in
   * other processes (Spark tasks): they write with {@link #writeAtomically} into it, and the driver
   * then {@link #adopt}s each name.
   */
  public Path stagingFolder() {
    return staging.path();
  }

  /**
   * Marks {@code name}, written into {@link #stagingFolder} by another process (or by a writer such
   * as spark.ml's, which writes a folder), as staged: {@link #commit} moves it into the directory
   * with the files written here.
   *
   * @throws IllegalStateException when no such file or folder is there
   */
  public void adopt(String name) {
    staging.adopt(name);
  }

  /** Writes a UTF-8 text file, as {@link #write}. */
  public Path writeText(String name, String text) {
    return write(name, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Writes {@code name} straight into the directory, atomically (temporary name, then rename). */
  public Path writeNow(String name, StreamWriter writer) {
    Path target = AtomicFile.write(dir, name, conf, "--out " + dir, writer);
    ours.add(name);
    return target;
  }

  /** Deletes {@code name} from the directory if it is there. */
  public void delete(String name) {
    try {
      dir.getFileSystem(conf).delete(new Path(dir, name), false);
      ours.remove(name);
    } catch (IOException e) {
      throw WriteFailedException.of("cannot delete " + new Path(dir, name), e);
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
        boolean earlierRun =
            overwrite
                && !name.startsWith(HIDDEN_PREFIX)
                && !ours.contains(name)
                && !staging.holds(name);
        if (staging.isStale(name) || earlierRun) {
          fs.delete(s.getPath(), true);
        }
      }
      staging.moveInto(dir, ours);
    } catch (IOException e) {
      throw WriteFailedException.of("cannot move the outputs into " + dir, e);
    }
  }

  /**
   * Drops what is staged; removes the directory when this run created it and left nothing in it
   * (checkpoints written with {@link #writeNow} stay).
   */
  public void abort() {
    try {
      FileSystem fs = dir.getFileSystem(conf);
      staging.drop(fs);
      DirectoryClaim.release(fs, dir);
      if (created && fs.exists(dir) && fs.listStatus(dir).length == 0) {
        fs.delete(dir, false);
      }
    } catch (IOException e) {
      throw WriteFailedException.of("cannot clean up " + dir, e);
    }
  }

  /**
   * Commits what is staged if nothing failed ({@code ok}), else aborts; then drops the staging
   * folder.
   */
  public synchronized void finish(boolean ok) {
    if (closed) {
      return;
    }
    closed = true;
    UNFINISHED.remove(this);
    try {
      ShutdownHookManager.get().removeShutdownHook(onExit);
    } catch (IllegalStateException e) {
      // The JVM is shutting down: this is the hook itself running.
    }
    if (ok) {
      commit();
      try {
        FileSystem fs = dir.getFileSystem(conf);
        staging.drop(fs);
        DirectoryClaim.release(fs, dir);
      } catch (IOException e) {
        throw WriteFailedException.of("cannot remove " + staging.path(), e);
      }
    } else {
      abort();
    }
  }

  /** The output directories of this JVM whose runs have not finished, by path. */
  public static List<Unfinished> unfinished() {
    List<Unfinished> all = new ArrayList<>();
    for (OutputDirectory out : UNFINISHED) {
      synchronized (out.ours) {
        all.add(new Unfinished(out.dir.toString(), new ArrayList<>(out.ours)));
      }
    }
    all.sort(java.util.Comparator.comparing(Unfinished::path));
    return all;
  }

  private void abandon() {
    finish(false);
  }

  /** A run that ends without {@link #finish}ing is a failed one. */
  @Override
  public void close() {
    finish(false);
  }

  /**
   * Writes {@code folder/name} atomically ({@link AtomicFile}), for writers outside a run's driver
   * (Spark tasks writing into {@link #stagingFolder}).
   */
  public static Path writeAtomically(
      Path folder, String name, Configuration conf, StreamWriter writer) {
    return AtomicFile.write(folder, name, conf, folder.toString(), writer);
  }

  private static String oneLine(IOException e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
