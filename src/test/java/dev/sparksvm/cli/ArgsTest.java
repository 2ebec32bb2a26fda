package dev.sparksvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgsTest {
  private static final Set<String> VALUED = Set.of("lr", "batch", "iters", "data");
  private static final Set<String> FLAGS = Set.of("verbose");

  private static Args parse(String... argv) {
    return Args.parse("train", argv, 1, VALUED, FLAGS);
  }

  private static String error(String... argv) {
    return assertThrows(IllegalArgumentException.class, () -> parse(argv)).getMessage();
  }

  @Test
  void valuesEqualsFormAndFlags() {
    Args a = parse("train", "--lr", "1e-6", "--batch=256", "--verbose", "--data=a=b");
    assertEquals(1e-6, a.real("lr", 0), 0.0);
    assertEquals(256, a.integer("batch", 0));
    assertTrue(a.flag("verbose"));
    assertEquals("a=b", a.string("data", null), "only the first '=' separates");
    assertFalse(a.has("iters"));
    assertEquals(1500L, a.longValue("iters", 1500));
    assertNull(a.string("iters", null));
    // Negative numbers are values, not options.
    assertEquals(-3, parse("train", "--batch", "-3").integer("batch", 0));
    assertEquals(1_000_000, parse("train", "--batch", "1_000_000").integer("batch", 0));
  }

  @Test
  void parsingStartsAtFrom() {
    Args a = Args.parse("bench", new String[] {"bench", "--unknown-before", "--lr", "2"}, 2,
        VALUED, FLAGS);
    assertEquals(2.0, a.real("lr", 0), 0.0);
  }

  @Test
  void unknownOptionIsNamed() {
    String m = error("train", "--learning-rate", "1");
    assertTrue(m.contains("--learning-rate"), m);
    assertTrue(m.startsWith("train: "), m);
  }

  @Test
  void missingValueIsNamed() {
    String m = error("train", "--batch", "10", "--lr");
    assertTrue(m.contains("--lr") && m.contains("needs a value"), m);
  }

  @Test
  void duplicateIsNamed() {
    String m = error("train", "--lr", "1", "--lr=2");
    assertTrue(m.contains("--lr") && m.contains("twice"), m);
    assertTrue(error("train", "--verbose", "--verbose").contains("--verbose"));
  }

  @Test
  void flagWithAValueIsRejected() {
    String m = error("train", "--verbose=yes");
    assertTrue(m.contains("--verbose"), m);
  }

  @Test
  void strayArgumentsAreRejected() {
    assertTrue(error("train", "data/").contains("'data/'"));
    assertTrue(error("train", "--").contains("'--'"));
    assertTrue(error("train", "-lr", "1").contains("'-lr'"));
  }

  @Test
  void badNumbersNameTheOption() {
    Args a = parse("train", "--lr", "fast", "--batch", "1.5", "--iters", "many");
    String lr = assertThrows(IllegalArgumentException.class, () -> a.real("lr", 0)).getMessage();
    assertTrue(lr.contains("--lr") && lr.contains("'fast'"), lr);
    String batch = assertThrows(IllegalArgumentException.class, () -> a.integer("batch", 0))
        .getMessage();
    assertTrue(batch.contains("--batch") && batch.contains("'1.5'"), batch);
    String iters = assertThrows(IllegalArgumentException.class, () -> a.longValue("iters", 0))
        .getMessage();
    assertTrue(iters.contains("--iters"), iters);
  }
}
