package dev.sparksvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrainOptionsTest {

  private static TrainOptions options(String... options) {
    List<String> argv = new ArrayList<>(List.of("train"));
    argv.addAll(List.of(options));
    return TrainOptions.from(Args.parse("train", argv.toArray(String[]::new), 1,
        TrainOptions.VALUED, Main.FLAGS));
  }

  @Test
  void defaults() {
    TrainOptions o = options();
    assertEquals("svm", o.loss());
    assertEquals(256, o.batch());
    assertEquals(1500, o.iterations());
    assertEquals(1e-7, o.learningRate(), 0.0);
    assertEquals(0.95, o.lrDecay(), 0.0);
    assertEquals(2.5e4, o.reg(), 0.0);
    assertEquals(1.0, o.delta(), 0.0);
    assertEquals(42, o.seed());
    assertEquals(0, o.partitions());
    assertNull(o.data());
    assertTrue(o.out().startsWith("runs/train-"), o.out());
    assertEquals(1e-6, options("--loss", "softmax").learningRate(), 0.0);
    assertEquals(5e3, options("--loss", "softmax").reg(), 0.0);
  }

  @Test
  void givenValuesAreKept() {
    TrainOptions o = options("--loss=softmax", "--batch", "1", "--iters", "10", "--lr", "3e-6",
        "--lr-decay", "1", "--reg", "0", "--partitions", "4", "--out", "/tmp/x", "--seed", "-5");
    assertEquals("softmax", o.loss());
    assertEquals(1, o.batch());
    assertEquals(10, o.iterations());
    assertEquals(3e-6, o.learningRate(), 0.0);
    assertEquals(1.0, o.lrDecay(), 0.0);
    assertEquals(0.0, o.reg(), 0.0);
    assertEquals(4, o.partitions());
    assertEquals("/tmp/x", o.out());
    assertEquals(-5, o.seed());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "--batch, 0",
      "--batch, -5",
      "--lr, 0",
      "--lr, -1.0",
      "--lr, NaN",
      "--lr, Infinity",
      "--lr-decay, 0",
      "--lr-decay, 1.5",
      "--lr-decay, NaN",
      "--reg, -1",
      "--reg, NaN",
      "--iters, 0",
      "--delta, 0",
      "--partitions, 0",
      "--val, -1",
      "--print-every, 0",
      "--aggregation-depth, 0",
      "--init-scale, -1",
      "--batch, many",
      "--lr, fast",
  })
  void invalidValueIsAnIllegalArgumentNamingTheOption(String option, String value) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> options(option, value));
    assertTrue(e.getMessage().contains(option + " "), e.getMessage());
    assertTrue(e.getMessage().contains(value), e.getMessage());
  }

  @Test
  void lrDecayOfOneIsAllowed() {
    assertEquals(1.0, options("--lr-decay", "1").lrDecay(), 0.0);
  }

  @Test
  void unknownLossIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> options("--loss", "hinge"));
    assertTrue(e.getMessage().contains("loss 'hinge'"), e.getMessage());
    assertTrue(e.getMessage().contains("svm or softmax"), e.getMessage());
  }

  @Test
  void blankOutIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> options("--out", " "));
    assertTrue(e.getMessage().contains("--out"), e.getMessage());
  }
}
