package dev.sparksvm.report;

import java.lang.reflect.Array;
import java.util.List;
import java.util.Map;

/**
 * A small JSON writer for flat reports (maps, lists, arrays, strings, numbers, booleans, null).
 * Arrays, primitive or not, are written as lists. Non-finite numbers become null, since JSON has no
 * NaN.
 */
public final class Json {
  private Json() {}

  /** The value as pretty-printed JSON, two-space indented, ending in a newline. */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    append(out, value, "");
    return out.append('\n').toString();
  }

  private static void append(StringBuilder out, Object value, String indent) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      out.append(Double.isFinite(d) ? Double.toString(d) : "null");
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append("{\n");
      String inner = indent + "  ";
      int i = 0;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.append(inner);
        string(out, String.valueOf(e.getKey()));
        out.append(": ");
        append(out, e.getValue(), inner);
        out.append(++i < map.size() ? ",\n" : "\n");
      }
      out.append(indent).append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        append(out, list.get(i), indent);
      }
      out.append(']');
    } else if (value.getClass().isArray()) {
      // A double[] or int[] would otherwise be written as its identity, e.g. "[D@71af7abb".
      out.append('[');
      for (int i = 0; i < Array.getLength(value); i++) {
        if (i > 0) {
          out.append(", ");
        }
        append(out, Array.get(value, i), indent);
      }
      out.append(']');
    } else {
      string(out, value.toString());
    }
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
