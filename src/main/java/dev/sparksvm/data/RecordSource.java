package dev.sparksvm.data;

import java.io.Serializable;

/**
 * One file of records (or, for IDX, one images file and its labels file), checked on the driver.
 *
 * @param path the records (or images) file, fully qualified
 * @param labelPath the labels file of a layout with separate labels, else null
 * @param records number of records (images)
 */
public record RecordSource(String path, String labelPath, long records) implements Serializable {

  public RecordSource {
    if (path == null || records < 0) {
      throw new IllegalArgumentException(
          "a record source needs a path and a count >= 0, got " + path + " with " + records);
    }
  }

  /** Whether {@code file} is gzipped (named {@code .gz}): it can only be read from its start. */
  public static boolean compressed(String file) {
    return file.endsWith(".gz");
  }
}
