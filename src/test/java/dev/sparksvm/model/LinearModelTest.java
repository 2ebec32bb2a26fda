package dev.sparksvm.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.core.Weights;
import dev.sparksvm.data.InvalidDataException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinearModelTest {

  private static LinearModel model() {
    Weights w = Weights.gaussian(3, 5, 0.1, 8);
    double[] mean = new SplittableRandom(2).doubles(4, 0, 255).toArray();
    return new LinearModel(w, mean, List.of("cat", "dög", "ship \"3\""), "softmax");
  }

  private static byte[] bytes(LinearModel m) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.writeTo(out);
    return out.toByteArray();
  }

  @Test
  void roundTrip() throws IOException {
    LinearModel m = model();
    LinearModel back = LinearModel.readFrom(new ByteArrayInputStream(bytes(m)), "memory");
    assertEquals(m.weights(), back.weights());
    assertEquals(m.weights().sha256(), back.weights().sha256());
    assertArrayEquals(m.mean(), back.mean(), 0.0);
    assertEquals(m.classNames(), back.classNames());
    assertEquals("softmax", back.loss());
  }

  @Test
  void layoutIsTheDocumentedOne() throws IOException {
    LinearModel m = model();
    byte[] b = bytes(m);
    assertEquals("SPSVMv01", new String(b, 0, 8, StandardCharsets.US_ASCII));
    ByteBuffer buffer = ByteBuffer.wrap(b);
    assertEquals(3, buffer.getInt(8));
    assertEquals(5, buffer.getInt(12));
    // The W block is exactly Weights.toBytes(), followed by the mean, at the end of the file.
    byte[] w = m.weights().toBytes();
    int meanBytes = 4 * 8;
    assertArrayEquals(w, Arrays.copyOfRange(b, b.length - meanBytes - w.length, b.length - meanBytes));
    assertEquals(m.mean()[3], buffer.getDouble(b.length - 8), 0.0);
  }

  @Test
  void badMagicNamesTheSource() throws IOException {
    byte[] b = bytes(model());
    b[0] = 'X';
    InvalidDataException e = assertThrows(InvalidDataException.class,
        () -> LinearModel.readFrom(new ByteArrayInputStream(b), "runs/x/model.bin"));
    assertTrue(e.getMessage().startsWith("runs/x/model.bin: "), e.getMessage());
    assertTrue(e.getMessage().contains("magic"), e.getMessage());
  }

  @Test
  void truncatedFileNamesTheSourceWhereverItIsCut() throws IOException {
    byte[] b = bytes(model());
    for (int length : new int[] {0, 5, 8, 14, 20, b.length / 2, b.length - 1}) {
      byte[] cut = Arrays.copyOf(b, length);
      InvalidDataException e = assertThrows(InvalidDataException.class,
          () -> LinearModel.readFrom(new ByteArrayInputStream(cut), "short.bin"),
          "cut at " + length);
      assertTrue(e.getMessage().startsWith("short.bin: "), e.getMessage());
      assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
  }

  @Test
  void implausibleShapeNamesTheSource() throws IOException {
    byte[] b = bytes(model());
    ByteBuffer.wrap(b).putInt(8, -3);
    InvalidDataException e = assertThrows(InvalidDataException.class,
        () -> LinearModel.readFrom(new ByteArrayInputStream(b), "odd.bin"));
    assertTrue(e.getMessage().startsWith("odd.bin: "), e.getMessage());
  }

  @Test
  void constructorChecksShapes() {
    Weights w = Weights.zeros(2, 4);
    assertThrows(IllegalArgumentException.class,
        () -> new LinearModel(w, new double[4], List.of("a", "b"), "svm"));
    assertThrows(IllegalArgumentException.class,
        () -> new LinearModel(w, new double[3], List.of("a"), "svm"));
  }
}
