package dev.sparksvm.input;

import dev.sparksvm.data.ImageBlock;
import dev.sparksvm.data.InvalidDataException;
import dev.sparksvm.data.RecordLayout;
import dev.sparksvm.data.RecordSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * Builds one partition's {@link ImageBlock} straight from its byte range(s): the kept records of
 * the range are copied, in index order, from large reads into one pixel array and one label array,
 * with every label checked. No per-record objects are made.
 *
 * <p>Kept records close together are read in one go, up to {@link RecordWindow#CHUNK} bytes; past a
 * gap of more than {@link #GAP} bytes of dropped records the reader seeks instead of reading
 * through, so a sparse selection (the validation split) reads little more than its own records.
 */
public final class RangeReader {
  /** Dropped bytes worth reading through rather than seeking over. */
  static final int GAP = 64 << 10;

  private final ImageFiles files;
  private final RecordSelection selection;
  private final RecordLayout layout;
  private final int classes;

  private RangeReader(ImageFiles files, RecordSelection selection) {
    this.files = files;
    this.selection = selection;
    this.layout = files.layout();
    this.classes = files.schema().classes();
  }

  /** The block of {@code range}: its kept records, in index order, all in memory. */
  public static ImageBlock read(
      ImageFiles files, RecordRange range, RecordSelection selection, Configuration conf) {
    return read(files, range, selection, conf, range.size(), null);
  }

  /**
   * The block of {@code range}, its first {@code memoryImages} images in memory and the others in
   * the local file {@code diskFile} gives ({@link dev.sparksvm.data.MemoryPlan}).
   */
  public static ImageBlock read(
      ImageFiles files,
      RecordRange range,
      RecordSelection selection,
      Configuration conf,
      int memoryImages,
      Supplier<Path> diskFile) {
    // The block's size comes from record counts the driver checked against each file's real
    // length (FormatChecks; a gzipped file is never decompressed past its header's promise), so
    // no header can make this allocation (memory or disk) larger than the files are.
    ImageBlock.Builder out =
        new ImageBlock.Builder(range.size(), files.layout().pixels(), memoryImages, diskFile);
    try {
      return new RangeReader(files, selection).read(range, conf, out);
    } catch (RuntimeException e) {
      out.discard();
      throw e;
    }
  }

  private ImageBlock read(RecordRange range, Configuration conf, ImageBlock.Builder out) {
    long[] first = files.firstIndex();
    for (int s = 0; s < first.length; s++) {
      RecordSource source = files.sources().get(s);
      long from = Math.max(range.from(), first[s]) - first[s];
      long to = Math.min(range.to(), first[s] + source.records()) - first[s];
      if (from < to) {
        try {
          readSource(source, first[s], from, to, conf, out);
        } catch (IOException e) {
          throw new UncheckedIOException(source.path() + ": " + e.getMessage(), e);
        }
      }
    }
    return out.build();
  }

  /** Copies the kept records {@code [from, to)} (numbered within the source) into {@code out}. */
  private void readSource(
      RecordSource source,
      long first,
      long from,
      long to,
      Configuration conf,
      ImageBlock.Builder out)
      throws IOException {
    FileSystem fs = new org.apache.hadoop.fs.Path(source.path()).getFileSystem(conf);
    boolean separate = layout.separateLabels();
    int recordBytes = layout.recordBytes();
    long span = layout.recordOffset(to) - layout.recordOffset(from);
    try (RecordWindow images = new RecordWindow(fs, source.path(), span);
        RecordWindow labels =
            separate ? new RecordWindow(fs, source.labelPath(), to - from) : null) {
      for (long r = next(first, from); r < to; r = next(first, r + 1)) {
        long at = layout.recordOffset(r);
        if (!images.holds(at, recordBytes)) {
          images.fill(at, spanEnd(first, r, to, layout.headerBytes(), recordBytes));
        }
        byte[] buffer = images.buffer();
        int o = images.offset(at);
        int label;
        String labelFile;
        if (separate) {
          long l = layout.labelOffsetOf(r);
          if (!labels.holds(l, 1)) {
            labels.fill(l, spanEnd(first, r, to, layout.labelHeaderBytes(), 1));
          }
          label = labels.buffer()[labels.offset(l)] & 0xFF;
          labelFile = source.labelPath();
        } else {
          label = buffer[o + layout.labelOffset()] & 0xFF;
          labelFile = source.path();
        }
        if (label >= classes) {
          throw InvalidDataException.badLabel(
              labelFile, r, layout.labelOffsetOf(r), label, classes);
        }
        out.add(buffer, o + layout.pixelOffset(), label);
      }
    }
  }

  /**
   * The next kept record at or after {@code r}, numbered within the source that starts at first.
   */
  private long next(long first, long r) {
    long global = selection.next(first + r);
    return global == Long.MAX_VALUE ? Long.MAX_VALUE : global - first;
  }

  /**
   * Where one read that starts with record {@code r} should end: after the last kept record before
   * {@code to} that keeps the read within {@link RecordWindow#CHUNK} bytes, with no gap over {@link
   * #GAP} bytes on the way.
   */
  private long spanEnd(long first, long r, long to, int header, int recordBytes) {
    long start = header + r * recordBytes;
    long end = start + recordBytes;
    for (long q = next(first, r + 1); q < to; q = next(first, q + 1)) {
      long qStart = header + q * recordBytes;
      long qEnd = qStart + recordBytes;
      if (qEnd - start > RecordWindow.CHUNK || qStart - end > GAP) {
        break;
      }
      end = qEnd;
    }
    return end;
  }
}
