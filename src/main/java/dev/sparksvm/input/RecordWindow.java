package dev.sparksvm.input;

import dev.sparksvm.data.InvalidDataException;
import dev.sparksvm.data.RecordSource;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A buffer over a file that moves forward: {@link #fill} reads the bytes {@code [from, to)} in one
 * {@code seek} + {@code readFully} (a gzipped file, which cannot seek, is decompressed from its
 * start and skipped forward instead), and {@link #offset} says where a byte lies in {@link
 * #buffer}. Reads are large (up to {@link #CHUNK} bytes), so a task reads its byte range at the
 * file system's speed.
 */
final class RecordWindow implements Closeable {
  /** The most bytes one read takes, unless a single record is larger. */
  static final int CHUNK = 8 << 20;

  private static final int STREAM_BUFFER = 4096;
  private final FileSystem fs;
  private final String file;
  private final boolean compressed;
  private FSDataInputStream raw;
  private InputStream in;
  private long position;
  private byte[] buffer;
  private long start;
  private int length;

  /**
   * @param capacity bytes the buffer needs at most (the span of the task's range, capped at {@link
   *     #CHUNK})
   */
  RecordWindow(FileSystem fs, String file, long capacity) {
    this.fs = fs;
    this.file = file;
    this.compressed = RecordSource.compressed(file);
    this.buffer = new byte[(int) Math.max(1, Math.min(CHUNK, capacity))];
  }

  /** Whether bytes {@code [from, from + bytes)} are in the buffer. */
  boolean holds(long from, int bytes) {
    return from >= start && from + bytes <= start + length;
  }

  /**
   * Reads bytes {@code [from, to)} into the buffer: at least 1 byte, and at most {@link #CHUNK}
   * unless one record is larger.
   */
  void fill(long from, long to) throws IOException {
    long bytes = to - from;
    if (bytes < 1 || bytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("cannot read " + bytes + " bytes at once from " + file);
    }
    int n = (int) bytes;
    if (buffer.length < n) {
      buffer = new byte[n];
    }
    try {
      moveTo(from);
      if (compressed) {
        int read = in.readNBytes(buffer, 0, n);
        if (read < n) {
          throw new EOFException();
        }
      } else {
        raw.readFully(buffer, 0, n);
      }
    } catch (EOFException e) {
      throw new InvalidDataException(
          file + ": ends before byte " + to + "; was it changed after it " + "was checked?");
    }
    position = to;
    start = from;
    length = n;
  }

  /** Where byte {@code at} of the file lies in {@link #buffer}; it must be {@link #holds held}. */
  int offset(long at) {
    return (int) (at - start);
  }

  byte[] buffer() {
    return buffer;
  }

  private void moveTo(long from) throws IOException {
    if (raw == null) {
      // Reads are large already: a bigger stream buffer would only read past the range.
      raw = fs.open(new Path(file), STREAM_BUFFER);
      in = compressed ? new GZIPInputStream(raw, 1 << 16) : raw;
      position = 0;
    }
    if (from == position) {
      return;
    }
    if (!compressed) {
      raw.seek(from);
    } else if (from > position) {
      in.skipNBytes(from - position);
    } else {
      throw new IllegalStateException(
          file
              + ": a gzipped file is read forward only, asked for byte "
              + from
              + " after byte "
              + position);
    }
    position = from;
  }

  @Override
  public void close() throws IOException {
    if (in != null) {
      in.close();
    }
  }
}
