package dev.sparksvm.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * A directory for a command's outputs on any Hadoop file system. Each file is written to a hidden
 * temporary name and renamed into place only when complete, so a reader (or a crashed run) never sees
 * half a file.
 */
public final class OutputDirectory {
  private final Path dir;
  private final Configuration conf;

  /** Creates the directory if needed. */
  public OutputDirectory(String dir, Configuration conf) {
    this.dir = new Path(dir);
    this.conf = conf;
    try {
      FileSystem fs = this.dir.getFileSystem(conf);
      if (fs.exists(this.dir) && !fs.getFileStatus(this.dir).isDirectory()) {
        throw new IllegalArgumentException("--out " + dir + ": exists and is not a directory");
      }
      fs.mkdirs(this.dir);
    } catch (IOException e) {
      throw new UncheckedIOException("--out " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The directory. */
  public Path path() {
    return dir;
  }

  /** Writes {@code name} atomically with what {@code writer} produces. */
  public Path write(String name, StreamWriter writer) {
    Path target = new Path(dir, name);
    Path tmp = new Path(dir, "." + name + "." + UUID.randomUUID() + ".tmp");
    try {
      FileSystem fs = dir.getFileSystem(conf);
      // Outputs are small and read by people and scripts: no .crc side files on the local disk.
      fs.setWriteChecksum(false);
      try (OutputStream out = fs.create(tmp, false)) {
        writer.writeTo(out);
      } catch (IOException | RuntimeException e) {
        fs.delete(tmp, false);
        throw e;
      }
      FileContext.getFileContext(dir.toUri(), conf).rename(tmp, target, Options.Rename.OVERWRITE);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(target + ": " + e.getMessage(), e);
    }
  }

  /** Writes a UTF-8 text file atomically. */
  public Path writeText(String name, String text) {
    return write(name, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Produces a file's bytes. */
  @FunctionalInterface
  public interface StreamWriter {
    void writeTo(OutputStream out) throws IOException;
  }
}
