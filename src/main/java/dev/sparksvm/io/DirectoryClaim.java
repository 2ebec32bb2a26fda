package dev.sparksvm.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's claim on its output directory: a lock file created exclusively inside it, so that of two
 * runs started into the same directory at once exactly one goes on and the other is refused, rather
 * than both finishing with one's outputs silently replaced by the other's. The file holds the
 * process, host and time of the run that holds it. Exclusive creation is atomic on HDFS (the
 * NameNode) and, through {@code O_CREAT | O_EXCL}, on a local disk; Hadoop's local file system
 * checks and then creates, which two processes can both pass, so the local case goes through NIO.
 */
final class DirectoryClaim {
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryClaim.class);

  /** The lock file's name; hidden, and never counted as an output. */
  static final String NAME = ".sparksvm-lock";

  private DirectoryClaim() {}

  /** What is known of the run that holds a claim. */
  record Holder(long pid, String host, String since) {
    String describe() {
      return "process " + pid + " on " + host + " since " + since;
    }

    /** Whether the holder is a process of this host that has ended (a run killed with -9). */
    boolean gone() {
      return host.equals(thisHost()) && ProcessHandle.of(pid).isEmpty();
    }
  }

  /**
   * Creates the lock file in {@code dir}, or returns who holds it (and creates nothing) when it is
   * there already.
   */
  static Optional<Holder> tryClaim(FileSystem fs, Path dir) throws IOException {
    Path lock = new Path(dir, NAME);
    byte[] content =
        (ProcessHandle.current().pid() + " " + thisHost() + " " + Instant.now())
            .getBytes(StandardCharsets.UTF_8);
    if ("file".equals(fs.getScheme())) {
      try {
        Files.write(
            Paths.get(fs.makeQualified(lock).toUri()),
            content,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
        return Optional.empty();
      } catch (FileAlreadyExistsException e) {
        return Optional.of(holder(fs, lock));
      }
    }
    try (OutputStream out = fs.create(lock, false)) {
      out.write(content);
      return Optional.empty();
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return Optional.of(holder(fs, lock));
    }
  }

  /** Takes the directory's lock, or refuses the directory naming the run that holds it. */
  static void claimOrRefuse(FileSystem fs, Path dir, String given, boolean overwrite)
      throws IOException {
    Optional<Holder> holder = tryClaim(fs, dir);
    if (holder.isEmpty()) {
      return;
    }
    Holder h = holder.get();
    if (h.gone()) {
      LOG.info(
          "--out {}: the run that held it ({}) has ended; taking it over", given, h.describe());
    } else if (overwrite) {
      LOG.warn(
          "--out {}: another run ({}) holds it; taking it over (--overwrite)", given, h.describe());
    } else {
      throw new OutputException(
          "--out "
              + given
              + ": another run ("
              + h.describe()
              + ") is writing there; wait for it"
              + " to end or choose another directory (if no run is, remove "
              + NAME
              + " from it)");
    }
    takeOver(fs, dir);
  }

  /** Replaces whatever lock is in {@code dir} with this run's (a run told to take over). */
  static void takeOver(FileSystem fs, Path dir) throws IOException {
    fs.delete(new Path(dir, NAME), false);
    if (tryClaim(fs, dir).isPresent()) {
      throw new IOException("another run claimed " + dir + " at the same moment");
    }
  }

  /** Removes this run's lock file (quietly: the run's own outcome is what matters then). */
  static void release(FileSystem fs, Path dir) {
    try {
      fs.delete(new Path(dir, NAME), false);
    } catch (IOException | UncheckedIOException e) {
      // Left behind, it is recognised as a dead process's lock by the next run on this host.
    }
  }

  private static Holder holder(FileSystem fs, Path lock) {
    try (InputStream in = fs.open(lock)) {
      String[] f = new String(in.readNBytes(512), StandardCharsets.UTF_8).trim().split(" ", -1);
      return new Holder(Long.parseLong(f[0]), f[1], f[2]);
    } catch (FileNotFoundException e) {
      return new Holder(-1, "?", "a moment ago (it has just ended)");
    } catch (IOException | RuntimeException e) {
      return new Holder(-1, "?", "an unknown time (the lock file is unreadable)");
    }
  }

  private static String thisHost() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
