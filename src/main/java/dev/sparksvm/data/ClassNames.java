package dev.sparksvm.data;

import java.util.ArrayList;
import java.util.List;

/** Class names from a text file of one name per line (blank lines ignored), or numbered ones. */
public final class ClassNames {
  private ClassNames() {}

  /**
   * The names in {@code text}, read from {@code file}.
   *
   * @param expected the number of names the data needs, or 0 when the file decides (2..256)
   * @throws InvalidDataException naming {@code file} when the count is wrong
   */
  public static List<String> parse(String file, String text, int expected) {
    List<String> names = new ArrayList<>();
    for (String line : text.split("\\R", -1)) {
      if (!line.isBlank()) {
        names.add(line.strip());
      }
    }
    if (expected > 0 && names.size() != expected) {
      throw new InvalidDataException(
          file + ": " + names.size() + " class names, the data has " + expected + " classes");
    }
    if (names.size() < 2 || names.size() > ImageBlock.MAX_CLASSES) {
      throw new InvalidDataException(
          file
              + ": "
              + names.size()
              + " class names, expected 2.."
              + ImageBlock.MAX_CLASSES
              + " (one per line)");
    }
    return names;
  }

  /** "0", "1", ... "count - 1". */
  public static List<String> numbered(int count) {
    List<String> names = new ArrayList<>();
    for (int c = 0; c < count; c++) {
      names.add(Integer.toString(c));
    }
    return names;
  }
}
