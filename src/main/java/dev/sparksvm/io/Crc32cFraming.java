package dev.sparksvm.io;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The integrity trailer of sparksvm's binary files (model.bin, checkpoints): the CRC-32C of every
 * byte before it, as 4 big-endian bytes at the very end. A writer writes through {@link #output}
 * and calls {@link Output#finish}; a reader reads through {@link #input}, parses, and calls {@link
 * Input#verify} before it uses anything it read, so a flipped bit anywhere in the header or the
 * payload is caught before a model is scored or a run resumed.
 */
public final class Crc32cFraming {
  private Crc32cFraming() {}

  /** Wraps {@code out}: everything written through the returned stream is checksummed. */
  public static Output output(OutputStream out) {
    return new Output(out);
  }

  /** Wraps {@code in}: everything read through the returned stream is checksummed. */
  public static Input input(InputStream in) {
    return new Input(in);
  }

  /** A checksummed data stream being written. */
  public static final class Output {
    private final CheckedOutputStream checked;
    private final DataOutputStream raw;
    private final DataOutputStream data;

    private Output(OutputStream out) {
      this.raw = new DataOutputStream(out);
      this.checked = new CheckedOutputStream(out, new CRC32C());
      this.data = new DataOutputStream(checked);
    }

    /** Where the checksummed bytes go. */
    public DataOutputStream data() {
      return data;
    }

    /** Appends the checksum of everything written so far (not itself checksummed) and flushes. */
    public void finish() throws IOException {
      data.flush();
      raw.writeInt((int) checked.getChecksum().getValue());
      raw.flush();
    }
  }

  /** A checksummed data stream being read. */
  public static final class Input {
    private final CheckedInputStream checked;
    private final DataInputStream raw;
    private final DataInputStream data;

    private Input(InputStream in) {
      this.raw = new DataInputStream(in);
      this.checked = new CheckedInputStream(in, new CRC32C());
      this.data = new DataInputStream(checked);
    }

    /** Where the checksummed bytes come from. */
    public DataInputStream data() {
      return data;
    }

    /**
     * Reads the trailer and compares it with the checksum of everything read so far.
     *
     * @return null when they agree, else a sentence saying both values
     * @throws java.io.EOFException when the trailer is missing (a truncated file)
     */
    public String mismatch() throws IOException {
      long actual = checked.getChecksum().getValue();
      long expected = raw.readInt() & 0xFFFFFFFFL;
      if (actual == expected) {
        return null;
      }
      return String.format(Locale.ROOT, "checksum %08x, expected %08x (CRC-32C)", actual, expected);
    }
  }
}
