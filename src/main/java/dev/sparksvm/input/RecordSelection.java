package dev.sparksvm.input;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Which records (by global index, files in sorted order) a data set keeps: all of them, only a
 * given set, or all but a given set. Used to hold out the validation split without copying files.
 */
public final class RecordSelection implements Serializable {
  private static final long serialVersionUID = 1L;
  private final long[] sorted;
  private final boolean keepListed;

  private RecordSelection(long[] sorted, boolean keepListed) {
    this.sorted = sorted;
    this.keepListed = keepListed;
  }

  /** Every record. */
  public static RecordSelection all() {
    return new RecordSelection(new long[0], false);
  }

  /** Only the listed records. */
  public static RecordSelection only(long[] indices) {
    return new RecordSelection(sortedDistinct(indices), true);
  }

  /** Every record but the listed ones. */
  public static RecordSelection allBut(long[] indices) {
    return new RecordSelection(sortedDistinct(indices), false);
  }

  /** Whether record {@code index} is kept. */
  public boolean keeps(long index) {
    return (Arrays.binarySearch(sorted, index) >= 0) == keepListed;
  }

  /** The number of kept records in {@code [from, to)}. */
  public long count(long from, long to) {
    long listed = Math.max(0, firstAtLeast(to) - firstAtLeast(from));
    return keepListed ? listed : (to - from) - listed;
  }

  /**
   * The first kept record at or after {@code index}; at least {@code index}, and past the last
   * record when none is kept.
   */
  public long next(long index) {
    int i = firstAtLeast(index);
    if (keepListed) {
      return i < sorted.length ? sorted[i] : Long.MAX_VALUE;
    }
    // Skip a run of dropped records that starts at index.
    while (i < sorted.length && sorted[i] == index) {
      index++;
      i++;
    }
    return index;
  }

  /** Position of the first listed index >= {@code index} (sorted.length when none). */
  private int firstAtLeast(long index) {
    int i = Arrays.binarySearch(sorted, index);
    return i < 0 ? -i - 1 : i;
  }

  private static long[] sortedDistinct(long[] indices) {
    return Arrays.stream(indices).sorted().distinct().toArray();
  }
}
