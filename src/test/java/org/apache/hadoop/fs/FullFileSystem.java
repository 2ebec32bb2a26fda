package org.apache.hadoop.fs;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import org.apache.hadoop.util.Progressable;

/**
 * A test file system (sparksvm's, in Hadoop's package because {@link FSError}'s constructor is
 * package-private): the local disk as a disk that is full: scheme {@code full:}, every file created
 * on it fails after {@link #ROOM} bytes with the {@link FSError} Hadoop's local file system throws
 * on ENOSPC. Its reported free space is {@code full.free} bytes of the configuration (default:
 * plenty, so that the failure happens while writing rather than in the check before it).
 */
public class FullFileSystem extends RawLocalFileSystem {
  /** Bytes a file may hold before the disk is full. */
  public static final int ROOM = 100;

  @Override
  public URI getUri() {
    return URI.create("full:///");
  }

  @Override
  public String getScheme() {
    return "full";
  }

  @Override
  public FsStatus getStatus(Path p) throws IOException {
    long free = getConf().getLong("full.free", Long.MAX_VALUE / 4);
    return new FsStatus(free * 2, free, free);
  }

  @Override
  public FSDataOutputStream create(
      Path f,
      boolean overwrite,
      int bufferSize,
      short replication,
      long blockSize,
      Progressable progress)
      throws IOException {
    FSDataOutputStream real =
        super.create(f, overwrite, bufferSize, replication, blockSize, progress);
    return new FSDataOutputStream(new Filling(real), null);
  }

  /** Passes bytes on until {@link #ROOM} are written, then fails as a full disk does. */
  private static final class Filling extends OutputStream {
    private final OutputStream out;
    private long written;

    Filling(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (written + len > ROOM) {
        throw new FSError(new IOException("No space left on device"));
      }
      out.write(b, off, len);
      written += len;
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
