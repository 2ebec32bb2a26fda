package dev.sparksvm.spark;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Which records (by global index, files in sorted order) a data set keeps: all of them, only a given
 * set, or all but a given set. Used to hold out the validation split without copying files.
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
    long[] s = indices.clone();
    Arrays.sort(s);
    return new RecordSelection(s, true);
  }

  /** Every record but the listed ones. */
  public static RecordSelection allBut(long[] indices) {
    long[] s = indices.clone();
    Arrays.sort(s);
    return new RecordSelection(s, false);
  }

  public boolean keeps(long index) {
    return (Arrays.binarySearch(sorted, index) >= 0) == keepListed;
  }
}
