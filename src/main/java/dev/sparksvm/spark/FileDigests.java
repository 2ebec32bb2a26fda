package dev.sparksvm.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;

/**
 * CRC-32C checksums of data files, computed where the data is: one task per file reads it through
 * the Hadoop FileSystem API, so a million images in a hundred files cost a fraction of a second per
 * file on the executors rather than minutes on the driver. Models and checkpoints record them, so a
 * trained model names the bytes it learned from. CRC-32C (hardware-assisted, several GB/s) rather
 * than SHA-256: it guards against changed or damaged data, not against an adversary.
 */
public final class FileDigests {
  private FileDigests() {}

  /** The CRC-32C of each file as 8 hex digits, in the order given. */
  public static Map<String, String> of(JavaSparkContext sc, List<String> paths) {
    Broadcast<SerializableConfiguration> conf =
        SerializableConfiguration.broadcast(sc.sc(), sc.hadoopConfiguration());
    try {
      List<String> digests =
          sc.parallelize(paths, Math.max(1, paths.size()))
              .map(path -> crc32c(path, conf.value()))
              .collect();
      Map<String, String> out = new LinkedHashMap<>();
      for (int i = 0; i < paths.size(); i++) {
        out.put(paths.get(i), digests.get(i));
      }
      return out;
    } finally {
      conf.destroy();
    }
  }

  private static String crc32c(String file, SerializableConfiguration conf) {
    try {
      CRC32C crc = new CRC32C();
      Path path = new Path(file);
      byte[] buffer = new byte[1 << 20];
      try (InputStream in = path.getFileSystem(conf.value()).open(path)) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          crc.update(buffer, 0, n);
        }
      }
      return String.format("%08x", crc.getValue());
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }
}
