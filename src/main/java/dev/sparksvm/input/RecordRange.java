package dev.sparksvm.input;

import java.io.Serializable;

/**
 * What one partition of a loaded data set holds: the global records {@code [from, to)} that its
 * selection keeps, {@code size} of them. This small descriptor is all a task needs to (re)build the
 * partition's block from the files, so a lost cached block costs one re-read of its own byte range.
 *
 * @param partition the partition index
 * @param from first global record of the range
 * @param to one past the last global record of the range
 * @param size records of the range the selection keeps
 */
public record RecordRange(int partition, long from, long to, int size) implements Serializable {

  /** The contiguous range of partition {@code p} of {@code partitions} over {@code records}. */
  public static RecordRange of(int p, int partitions, long records, RecordSelection selection) {
    long from = p * records / partitions;
    long to = (p + 1L) * records / partitions;
    long kept = selection.count(from, to);
    if (kept > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("partition " + p + " would hold " + kept + " records");
    }
    return new RecordRange(p, from, to, (int) kept);
  }
}
