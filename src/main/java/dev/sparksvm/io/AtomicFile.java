package dev.sparksvm.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * Writes one file through any Hadoop file system so that a reader never sees half of it: the bytes
 * go to a temporary name beside it, which is renamed over the target when complete (a retried
 * writer, e.g. a Spark task run again, simply replaces it). The bytes are produced in memory first,
 * so their size is known before anything touches the disk: a file system that reports its free
 * space and has too little is refused up front, and a write that fails anyway (a full disk, where
 * Hadoop's local file system throws {@link FSError}) removes its temporary file and says how many
 * bytes were needed.
 */
public final class AtomicFile {
  private AtomicFile() {}

  /**
   * Writes {@code folder/name}.
   *
   * @param label how the user named the folder, for messages (e.g. {@code --out runs/x})
   * @throws WriteFailedException when the file system has too little space or the write fails
   */
  public static Path write(
      Path folder, String name, Configuration conf, String label, StreamWriter w) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      w.writeTo(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(name + ": " + e.getMessage(), e);
    }
    return write(folder, name, conf, label, bytes);
  }

  private static Path write(
      Path folder, String name, Configuration conf, String label, ByteArrayOutputStream bytes) {
    Path target = new Path(folder, name);
    Path tmp = new Path(folder, "." + name + "." + UUID.randomUUID() + ".tmp");
    FileSystem fs;
    try {
      fs = folder.getFileSystem(conf);
    } catch (IOException e) {
      throw WriteFailedException.of(label + ": cannot reach " + folder, e);
    }
    long free = FreeSpace.of(fs, folder);
    if (free < bytes.size()) {
      throw new WriteFailedException(
          label
              + ": cannot write "
              + name
              + ": it needs "
              + FreeSpace.bytes(bytes.size())
              + ", and only "
              + FreeSpace.bytes(free)
              + " are free there",
          null);
    }
    // Outputs are read by people and scripts: no .crc side files on the local disk.
    fs.setWriteChecksum(false);
    try {
      if (LocalFiles.handles(fs)) {
        LocalFiles.write(fs, tmp, target, bytes);
        return target;
      }
      try (OutputStream out = fs.create(tmp, false)) {
        bytes.writeTo(out);
      }
      FileContext.getFileContext(folder.toUri(), conf)
          .rename(tmp, target, Options.Rename.OVERWRITE);
      return target;
    } catch (IOException | FSError e) {
      deleteQuietly(fs, tmp);
      Throwable cause = e instanceof FSError && e.getCause() != null ? e.getCause() : e;
      throw new WriteFailedException(
          label
              + ": cannot write "
              + name
              + " ("
              + FreeSpace.bytes(bytes.size())
              + " needed): "
              + WriteFailedException.firstLine(cause.getMessage()),
          e);
    }
  }

  private static void deleteQuietly(FileSystem fs, Path p) {
    try {
      fs.delete(p, false);
    } catch (IOException | FSError e) {
      // The write failed first; that is what the user must hear about.
    }
  }
}
