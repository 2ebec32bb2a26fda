package dev.sparksvm.spark;

import dev.sparksvm.data.SyntheticSet;
import dev.sparksvm.io.OutputDirectory;
import java.io.BufferedOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Writes the files of a {@link SyntheticSet} in parallel: one Spark task per file (an IDX file is a
 * pair), each drawing its records from (seed, file) alone and writing them through the Hadoop
 * FileSystem API into a folder every executor can reach (a local path on a local master, HDFS on a
 * cluster), to a temporary name renamed when complete. A task run twice writes the same bytes
 * again.
 */
public final class SyntheticFiles {
  /** Bytes a task buffers before handing them to the file system. */
  private static final int BUFFER = 1 << 20;

  private SyntheticFiles() {}

  /**
   * Writes every file of {@code set} into {@code folder} (which must exist) and returns the names
   * written, in file order.
   */
  public static List<String> write(JavaSparkContext sc, SyntheticSet set, Path folder) {
    // The same configuration the driver's file system calls use, spark.hadoop.* settings included.
    Broadcast<SerializableConfiguration> conf =
        SerializableConfiguration.broadcast(sc.sc(), sc.hadoopConfiguration());
    String target = folder.toString();
    List<Integer> files = IntStream.range(0, set.files()).boxed().toList();
    sc.setJobDescription(
        String.format(
            "generate: %,d %s images in %d file%s",
            set.images(), set.format(), files.size(), files.size() == 1 ? "" : "s"));
    try {
      List<List<String>> written =
          sc.parallelize(files, files.size())
              .map(
                  f -> {
                    List<String> names = set.names(f);
                    for (int part = 0; part < names.size(); part++) {
                      int p = part;
                      OutputDirectory.writeAtomically(
                          new Path(target),
                          names.get(part),
                          conf.value().value(),
                          out -> {
                            BufferedOutputStream buffered = new BufferedOutputStream(out, BUFFER);
                            set.write(f, p, buffered);
                            buffered.flush();
                          });
                    }
                    return names;
                  })
              .collect();
      List<String> names = new ArrayList<>();
      written.forEach(names::addAll);
      return names;
    } finally {
      conf.destroy();
    }
  }
}
