package dev.sparksvm.train;

import dev.sparksvm.data.InvalidDataException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoint files of a run's directory ({@code checkpoint-STEP.bin}, {@code train}'s and
 * {@code tune}'s alike, told apart by their magic): their names, and the newest that reads back
 * whole.
 */
final class CheckpointFiles {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointFiles.class);

  /** File names: the prefix, the step (zero-padded so names sort by step), the suffix. */
  static final String PREFIX = "checkpoint-";

  static final String SUFFIX = ".bin";

  /** The magic of {@link TuneCheckpoint}, here so that {@link CheckpointFormat} can name it. */
  static final byte[] TUNE_MAGIC = "SPSVMtc2".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** The magic of {@link TuneCheckpoint}'s first version, without velocities. */
  static final byte[] TUNE_MAGIC_V1 =
      "SPSVMtc1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** Whether {@code magic} is a tune checkpoint's, of any version. */
  static boolean isTune(byte[] magic) {
    return java.util.Arrays.equals(magic, TUNE_MAGIC)
        || java.util.Arrays.equals(magic, TUNE_MAGIC_V1);
  }

  /** Reads one file; {@code length} bounds what its header may claim. */
  interface Reader<T> {
    T read(InputStream in, String source, long length) throws IOException;
  }

  private CheckpointFiles() {}

  /**
   * The newest checkpoint in {@code dir} (the highest step whose file reads back whole), or null
   * when there is none; a damaged newest one is skipped with a warning when an older one reads.
   */
  static <T> T newest(String dir, Configuration conf, Reader<T> reader) {
    Path path = new Path(dir);
    try {
      FileSystem fs = path.getFileSystem(conf);
      FileStatus[] files;
      try {
        files = fs.listStatus(path);
      } catch (FileNotFoundException e) {
        throw new InvalidDataException("--resume " + dir + ": no such directory");
      }
      List<Path> candidates = new ArrayList<>();
      for (FileStatus f : files) {
        String name = f.getPath().getName();
        if (f.isFile() && name.startsWith(PREFIX) && name.endsWith(SUFFIX)) {
          candidates.add(f.getPath());
        }
      }
      candidates.sort((a, b) -> b.getName().compareTo(a.getName()));
      InvalidDataException damaged = null;
      for (Path p : candidates) {
        try (InputStream in = new java.io.BufferedInputStream(fs.open(p))) {
          T c = reader.read(in, p.toString(), fs.getFileStatus(p).getLen());
          if (damaged != null) {
            // The trajectory is a function of (seed, step): an older checkpoint leads to the same
            // W, only later. Say so rather than refuse.
            LOG.warn("{}; resuming from {} instead", damaged.getMessage(), p.getName());
          }
          return c;
        } catch (InvalidDataException e) {
          if (damaged == null) {
            damaged = e;
          }
        }
      }
      if (damaged != null) {
        throw damaged; // never train on a damaged file: the only one there is refused
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("--resume " + dir + ": " + e.getMessage(), e);
    }
  }
}
