package dev.sparksvm.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;

/**
 * SHA-256 checksums of data files, computed where the data is: one task per file reads it through the
 * Hadoop FileSystem API, so a million images in a hundred files cost a fraction of a second per file
 * on the executors rather than minutes on the driver. Models and checkpoints record them, so a
 * trained model names exactly the bytes it learned from.
 */
public final class FileDigests {
  private FileDigests() {}

  /** The hex SHA-256 of each file, in the order given. */
  public static Map<String, String> of(JavaSparkContext sc, List<String> paths) {
    Broadcast<SerializableConfiguration> conf = SerializableConfiguration.broadcast(sc.sc(),
        sc.hadoopConfiguration());
    try {
      List<String> digests = sc.parallelize(paths, Math.max(1, paths.size()))
          .map(path -> sha256(path, conf.value()))
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

  private static String sha256(String file, SerializableConfiguration conf) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      Path path = new Path(file);
      byte[] buffer = new byte[1 << 16];
      try (InputStream in = path.getFileSystem(conf.value()).open(path)) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          digest.update(buffer, 0, n);
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }
}
