package dev.sparksvm.input;

import dev.sparksvm.data.InvalidDataException;
import dev.sparksvm.data.RecordLayout;
import dev.sparksvm.data.RecordSource;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The first record in file order whose label is not a class, read on the driver. The loading tasks
 * check every label as they copy their partition, and the first task to fail wins, so the record a
 * failed load names depends on the timing of the tasks; this scan names the same record every time.
 * It runs only after a load has failed on a label, reading the label bytes alone.
 */
public final class LabelScan {
  private LabelScan() {}

  /** The error naming the first bad label of {@code files}, or null when every label is a class. */
  public static InvalidDataException firstBad(ImageFiles files, Configuration conf) {
    RecordLayout layout = files.layout();
    int classes = files.schema().classes();
    for (RecordSource source : files.sources()) {
      String file = layout.separateLabels() ? source.labelPath() : source.path();
      Path path = new Path(file);
      try {
        FileSystem fs = path.getFileSystem(conf);
        try (InputStream in = new BufferedInputStream(DataFinder.open(fs, path), 1 << 16)) {
          long position = 0;
          for (long r = 0; r < source.records(); r++) {
            long at = layout.labelOffsetOf(r);
            in.skipNBytes(at - position);
            int label = in.read();
            position = at + 1;
            if (label >= classes) {
              return InvalidDataException.badLabel(file, r, at, label, classes);
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(file + ": " + e.getMessage(), e);
      }
    }
    return null;
  }
}
