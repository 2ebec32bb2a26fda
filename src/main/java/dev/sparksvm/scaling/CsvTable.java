package dev.sparksvm.scaling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The comma-separated tables of the sweeps ({@code scaling.csv}, {@code data-scaling.csv}): one
 * header line, then one line per point, doubles with four decimals. Reading checks the header and
 * the number of fields and names the line of any bad one.
 */
final class CsvTable {

  /** Parses the fields of one line, in the order of the header that matched. */
  @FunctionalInterface
  interface Row<T> {
    /**
     * One row.
     *
     * @param header index, in the list given to {@link #read}, of the header the file has
     * @param fields the line's fields (a mutable copy)
     */
    T parse(int header, List<String> fields);
  }

  private CsvTable() {}

  /** One line (no newline) of {@code values}; a double is written with four decimals. */
  static String line(Object... values) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      out.append(i == 0 ? "" : ",")
          .append(v instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : v);
    }
    return out.toString();
  }

  /** The whole table: the header, then {@code lines}, each ended by a newline. */
  static String table(List<String> columns, List<String> lines) {
    StringBuilder out = new StringBuilder(String.join(",", columns)).append('\n');
    lines.forEach(l -> out.append(l).append('\n'));
    return out.toString();
  }

  /**
   * Reads a table whose header is one of {@code headers} (the first is today's, and is the one
   * errors name); blank lines are skipped.
   *
   * @param kind what the file is, for errors ("scaling")
   * @throws IllegalArgumentException naming the line, for a wrong header, a wrong number of fields
   *     or a field that is not a number where one is expected
   */
  static <T> List<T> read(String text, String kind, List<List<String>> headers, Row<T> row) {
    List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
    int header = lines.isEmpty() ? -1 : headerIndex(headers, lines.get(0));
    if (header < 0) {
      throw new IllegalArgumentException(
          "not a " + kind + " CSV: the header must be " + String.join(",", headers.get(0)));
    }
    int width = headers.get(header).size();
    List<T> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      List<String> f = new ArrayList<>(Arrays.asList(lines.get(i).split(",", -1)));
      if (f.size() != width) {
        throw new IllegalArgumentException(
            "line " + (i + 1) + ": " + f.size() + " fields, expected " + width + ": " + f);
      }
      try {
        rows.add(row.parse(header, f));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return rows;
  }

  private static int headerIndex(List<List<String>> headers, String first) {
    for (int h = 0; h < headers.size(); h++) {
      if (first.equals(String.join(",", headers.get(h)))) {
        return h;
      }
    }
    return -1;
  }
}
