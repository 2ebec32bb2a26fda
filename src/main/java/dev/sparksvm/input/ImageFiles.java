package dev.sparksvm.input;

import dev.sparksvm.data.Cifar100;
import dev.sparksvm.data.DataFormat;
import dev.sparksvm.data.ImageSchema;
import dev.sparksvm.data.InvalidDataException;
import dev.sparksvm.data.RecordLayout;
import dev.sparksvm.data.RecordSource;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The checked data files behind a user's path, found through the Hadoop FileSystem API (plain
 * paths, {@code file:} and {@code hdfs://} all work), with their format, schema and record layout.
 * A directory means the format's training or test files in it, a glob its matches, anything else
 * one file; the format is {@code --format}'s or detected from the file names (else the contents).
 * Every length and header is checked here, on the driver, before any Spark job; labels are checked
 * while reading.
 *
 * <p>Records are numbered globally across {@link #sources} in order (sorted by path): record i of
 * the data set is the i-th record of the concatenated files.
 *
 * @param format the data format
 * @param schema image shape and class names (C and D come from here)
 * @param layout where images and labels lie in each file
 * @param sources the files, sorted by path
 * @param detection how the format was chosen, for the log ("detected: the directory holds ...")
 */
public record ImageFiles(
    DataFormat format,
    ImageSchema schema,
    RecordLayout layout,
    List<RecordSource> sources,
    String detection)
    implements Serializable {

  public ImageFiles {
    sources = List.copyOf(sources);
  }

  /** Which files of a directory a path means. */
  public enum Which {
    /** The training files ({@code data_batch_*.bin}, {@code train.bin}, {@code train-*}). */
    TRAINING,
    /** The test files ({@code test_batch.bin}, {@code test.bin}, {@code t10k-*}). */
    TEST,
    /** The test files if the directory has them, else its training files ({@code evaluate}). */
    TEST_ELSE_TRAINING;

    /** The file sets to look for, in order: {@code true} the test files, {@code false} training. */
    boolean[] sets() {
      return switch (this) {
        case TRAINING -> new boolean[] {false};
        case TEST -> new boolean[] {true};
        case TEST_ELSE_TRAINING -> new boolean[] {true, false};
      };
    }
  }

  /**
   * What to look for.
   *
   * @param format the format {@code --format} names, or null to detect it
   * @param labels CIFAR-100's label set, or null for its default (fine); only for CIFAR-100
   * @param which which files of a directory
   */
  public record Request(DataFormat format, Cifar100.Labels labels, Which which) {
    /** Training files of any detected format. */
    public static Request training() {
      return new Request(null, null, Which.TRAINING);
    }
  }

  /**
   * Finds and checks the files {@code path} means.
   *
   * @throws InvalidDataException naming the path or file when nothing usable is found
   */
  public static ImageFiles resolve(String path, Request request, Configuration conf) {
    try {
      FileSystem fs = new Path(path).getFileSystem(conf);
      DataFinder.Found found = DataFinder.find(path, request.format(), request.which().sets(), fs);
      if (request.labels() != null && found.format() != DataFormat.CIFAR100) {
        throw new InvalidDataException(
            path
                + ": --labels "
                + request.labels()
                + " applies to cifar100 data only, and this is "
                + found.format()
                + " ("
                + found.reason()
                + ")");
      }
      FormatChecks.Checked checked = FormatChecks.check(found, request.labels(), fs);
      return new ImageFiles(
          found.format(), checked.schema(), checked.layout(), checked.sources(), found.reason());
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": " + e.getMessage(), e);
    }
  }

  /**
   * The first {@code count} records only (the files in order, the last one cut short): a data set's
   * prefix, as loading and training see it, without copying a byte. For measuring at several sizes
   * from one set of files.
   *
   * @throws IllegalArgumentException when {@code count} is not in 1..{@link #totalRecords()}
   */
  public ImageFiles firstRecords(long count) {
    if (count < 1 || count > totalRecords()) {
      throw new IllegalArgumentException(
          "cannot take the first " + count + " of " + totalRecords() + " records");
    }
    List<RecordSource> kept = new ArrayList<>();
    long left = count;
    for (RecordSource s : sources) {
      if (left == 0) {
        break;
      }
      long n = Math.min(left, s.records());
      kept.add(new RecordSource(s.path(), s.labelPath(), n));
      left -= n;
    }
    return new ImageFiles(format, schema, layout, kept, detection);
  }

  /** Total number of records. */
  public long totalRecords() {
    long total = 0;
    for (RecordSource s : sources) {
      total += s.records();
    }
    return total;
  }

  /** Global index of the first record of each source. */
  public long[] firstIndex() {
    long[] first = new long[sources.size()];
    for (int i = 1; i < first.length; i++) {
      first[i] = first[i - 1] + sources.get(i - 1).records();
    }
    return first;
  }

  /** Every file read (records or images files, then their labels files), in source order. */
  public List<String> paths() {
    return new ArrayList<>(recordsByFile().keySet());
  }

  /** Each file read with the records (images or labels) it holds, in source order. */
  public Map<String, Long> recordsByFile() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (RecordSource s : sources) {
      out.put(s.path(), s.records());
      if (s.labelPath() != null) {
        out.put(s.labelPath(), s.records());
      }
    }
    return out;
  }

  /** Bytes of the data as stored uncompressed: headers, records, and labels files. */
  public long dataBytes() {
    long bytes = 0;
    for (RecordSource s : sources) {
      bytes += layout.fileBytes(s.records()) + layout.labelFileBytes(s.records());
    }
    return bytes;
  }

  /** What the data is, for the log: "cifar10: 5 files, 50000 images of 32x32x3, 10 classes". */
  public String description() {
    return format
        + ": "
        + sources.size()
        + (sources.size() == 1 ? " file" : " files")
        + (layout.separateLabels() ? " (and labels)" : "")
        + ", "
        + totalRecords()
        + " images of "
        + schema.shape()
        + ", "
        + schema.classes()
        + " classes";
  }
}
