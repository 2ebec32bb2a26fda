package dev.sparksvm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void scalars() {
    assertEquals("null\n", Json.write(null));
    assertEquals("true\n", Json.write(true));
    assertEquals("42\n", Json.write(42));
    assertEquals("12345678901\n", Json.write(12345678901L));
    assertEquals("0.25\n", Json.write(0.25));
    assertEquals("1.0E-7\n", Json.write(1e-7));
    assertEquals("0.5\n", Json.write(0.5f));
  }

  @Test
  void nonFiniteNumbersBecomeNull() {
    assertEquals(
        "[null, null, null, null]\n",
        Json.write(
            Arrays.asList(
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Float.NaN)));
  }

  @Test
  void stringsAreEscaped() {
    assertEquals(
        "\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u001fh/é\"\n",
        Json.write("a\"b\\c\nd\re\tf\u0001g\u001fh/é"));
  }

  @Test
  void nestedMapsAndLists() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("loss", Double.NaN);
    inner.put("name", "svm");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("accuracy", 0.5);
    m.put("model", inner);
    m.put("empty", Map.of());
    m.put("sizes", List.of(1, 2, 3));
    m.put("rows", List.of(Map.of("k", "v")));
    m.put("key \"q\"", null);
    String expected =
        """
        {
          "accuracy": 0.5,
          "model": {
            "loss": null,
            "name": "svm"
          },
          "empty": {},
          "sizes": [1, 2, 3],
          "rows": [{
            "k": "v"
          }],
          "key \\"q\\"": null
        }
        """;
    assertEquals(expected, Json.write(m));
  }

  @Test
  void arraysAreWrittenAsLists() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("doubles", new double[] {0.25, Double.NaN, 1e-7});
    m.put("floats", new float[] {0.5f});
    m.put("ints", new int[] {1, 2, 3});
    m.put("longs", new long[] {12345678901L});
    m.put("flags", new boolean[] {true, false});
    m.put("empty", new double[0]);
    m.put("names", new String[] {"a\"b", null});
    m.put("nested", new int[][] {{1}, {2, 3}});
    String expected =
        """
        {
          "doubles": [0.25, null, 1.0E-7],
          "floats": [0.5],
          "ints": [1, 2, 3],
          "longs": [12345678901],
          "flags": [true, false],
          "empty": [],
          "names": ["a\\"b", null],
          "nested": [[1], [2, 3]]
        }
        """;
    assertEquals(expected, Json.write(m));
  }

  @Test
  void otherObjectsAreWrittenAsStrings() {
    assertEquals("\"PT1S\"\n", Json.write(java.time.Duration.ofSeconds(1)));
    assertEquals("[]\n", Json.write(List.of()));
  }
}
