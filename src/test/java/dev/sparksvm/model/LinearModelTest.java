package dev.sparksvm.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.core.Weights;
import dev.sparksvm.data.ImageSchema;
import dev.sparksvm.data.ImageShape;
import dev.sparksvm.data.InvalidDataException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinearModelTest {
  private static final ImageSchema SCHEMA =
      new ImageSchema(new ImageShape(2, 2, 1), List.of("cat", "dög", "ship \"3\""));

  private static LinearModel model() {
    Weights w = Weights.gaussian(3, 5, 0.1, 8);
    double[] mean = new SplittableRandom(2).doubles(4, 0, 255).toArray();
    Map<String, String> provenance = new LinkedHashMap<>();
    provenance.put("command", "train");
    provenance.put("option.delta", "1.0");
    return new LinearModel(w, mean, SCHEMA, "softmax", provenance);
  }

  private static byte[] bytes(LinearModel m) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.writeTo(out);
    return out.toByteArray();
  }

  private static LinearModel read(byte[] b, String source) throws IOException {
    return LinearModel.readFrom(new ByteArrayInputStream(b), source, b.length);
  }

  @Test
  void roundTripKeepsEverything() throws IOException {
    LinearModel m = model();
    LinearModel back = read(bytes(m), "memory");
    assertEquals(m.weights(), back.weights());
    assertEquals(m.weights().sha256(), back.weights().sha256());
    assertArrayEquals(m.mean(), back.mean(), 0.0);
    assertEquals(m.schema(), back.schema());
    assertEquals("softmax", back.loss());
    assertEquals(
        List.of("command", "option.delta"), List.copyOf(back.provenance().keySet()), "in order");
    assertEquals("1.0", back.provenance().get("option.delta"));
  }

  @Test
  void layoutIsTheDocumentedOne() throws IOException {
    LinearModel m = model();
    byte[] b = bytes(m);
    assertEquals("SPSVMv03", new String(b, 0, 8, StandardCharsets.US_ASCII));
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(b, 0, b.length - 4);
    assertEquals((int) crc.getValue(), ByteBuffer.wrap(b).getInt(b.length - 4), "the trailer");
    ByteBuffer buffer = ByteBuffer.wrap(b);
    assertEquals(3, buffer.getInt(8));
    assertEquals(5, buffer.getInt(12));
    assertEquals(
        List.of(2, 2, 1), List.of(buffer.getInt(16), buffer.getInt(20), buffer.getInt(24)));
    // After the loss and the class names: the W block is exactly Weights.toBytes(), then the mean.
    int at =
        28
            + 2
            + "softmax".length()
            + 2
            + 3
            + 2
            + "dög".getBytes(StandardCharsets.UTF_8).length
            + 2
            + "ship \"3\"".length();
    byte[] w = m.weights().toBytes();
    assertArrayEquals(w, Arrays.copyOfRange(b, at, at + w.length));
    assertEquals(m.mean()[3], buffer.getDouble(at + w.length + 3 * 8), 0.0);
    assertEquals(2, buffer.getInt(at + w.length + 4 * 8), "provenance entries");
  }

  @Test
  void firstVersionFilesOfCifar10ModelsAreStillRead() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write("SPSVMv01".getBytes(StandardCharsets.US_ASCII));
    out.writeInt(2);
    out.writeInt(3073);
    out.writeUTF("svm");
    out.writeUTF("a");
    out.writeUTF("b");
    for (int i = 0; i < 2 * 3073 + 3072; i++) {
      out.writeDouble(i);
    }
    LinearModel m = read(bytes.toByteArray(), "old.bin");
    assertEquals(new ImageShape(32, 32, 3), m.schema().shape());
    assertEquals(1.0, m.weights().get(0, 1), 0.0);
    assertEquals(2 * 3073.0, m.mean()[0], 0.0);
    assertTrue(m.provenance().isEmpty());
  }

  @Test
  void badMagicAndRandomBytesNameTheSource() throws IOException {
    byte[] b = bytes(model());
    b[0] = 'X';
    InvalidDataException e =
        assertThrows(InvalidDataException.class, () -> read(b, "runs/x/model.bin"));
    assertTrue(e.getMessage().startsWith("runs/x/model.bin: "), e.getMessage());
    assertTrue(e.getMessage().contains("magic"), e.getMessage());
    byte[] noise = new byte[4096];
    new SplittableRandom(3).nextBytes(noise);
    assertTrue(
        assertThrows(InvalidDataException.class, () -> read(noise, "noise.bin"))
            .getMessage()
            .contains("not a sparksvm model"));
  }

  @Test
  void truncatedFileNamesTheSourceWhereverItIsCut() throws IOException {
    byte[] b = bytes(model());
    for (int length : new int[] {0, 5, 8, 14, 20, 40, b.length / 2, b.length - 1}) {
      byte[] cut = Arrays.copyOf(b, length);
      for (long known : new long[] {length, -1}) {
        InvalidDataException e =
            assertThrows(
                InvalidDataException.class,
                () -> LinearModel.readFrom(new ByteArrayInputStream(cut), "short.bin", known),
                "cut at " + length);
        assertTrue(e.getMessage().startsWith("short.bin: "), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
      }
    }
    byte[] longer = Arrays.copyOf(b, b.length + 1);
    assertTrue(
        assertThrows(InvalidDataException.class, () -> read(longer, "long.bin"))
            .getMessage()
            .contains("unexpected bytes"));
  }

  @Test
  void implausibleShapesNameTheSource() throws IOException {
    byte[] b = bytes(model());
    ByteBuffer.wrap(b).putInt(8, -3);
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> read(b, "odd.bin"));
    assertTrue(e.getMessage().startsWith("odd.bin: "), e.getMessage());
    byte[] c = bytes(model());
    ByteBuffer.wrap(c).putInt(16, 3); // 3 x 2 x 1 images have 6 pixels, not 4
    assertTrue(
        assertThrows(InvalidDataException.class, () -> read(c, "shape.bin"))
            .getMessage()
            .contains("does not match"));
  }

  @Test
  void aFlippedBitAnywhereIsRefusedAsDamagedWithBothChecksums() throws IOException {
    byte[] b = bytes(model());
    // Every byte after the magic (a flipped magic is "not a model file"), header and payload alike.
    for (int i = 8; i < b.length - 4; i++) {
      byte[] flipped = b.clone();
      flipped[i] ^= 0x10;
      String message;
      try {
        read(flipped, "runs/x/model.bin");
        throw new AssertionError("byte " + i + " flipped was not noticed");
      } catch (InvalidDataException e) {
        message = e.getMessage();
      }
      // A flip in a count or a shape may be caught by the shape checks first; either way it is
      // named, and no damaged model is returned.
      assertTrue(message.startsWith("runs/x/model.bin"), message);
      if (message.contains("checksum")) {
        assertTrue(message.matches(".* checksum [0-9a-f]{8}, expected [0-9a-f]{8} .*"), message);
      }
    }
  }

  @Test
  void aWeightThatIsNotFiniteIsRefusedEvenWithARightChecksum() throws IOException {
    LinearModel m = model();
    double[] w = m.weights().values().clone();
    w[7] = Double.NaN;
    LinearModel nan = new LinearModel(new Weights(3, 5, w), m.mean(), SCHEMA, "svm", Map.of());
    InvalidDataException e =
        assertThrows(InvalidDataException.class, () -> read(bytes(nan), "nan.bin"));
    assertEquals("nan.bin is damaged: W[1][2] is NaN (not finite)", e.getMessage());
  }

  @Test
  void aVersionTwoFileWithoutAChecksumIsStillRead() throws IOException {
    byte[] v3 = bytes(model());
    byte[] v2 = Arrays.copyOf(v3, v3.length - 4); // the same layout, no trailer
    System.arraycopy("SPSVMv02".getBytes(StandardCharsets.US_ASCII), 0, v2, 0, 8);
    assertEquals(model().weights(), read(v2, "v2.bin").weights());
    v2[40] ^= 1; // unverifiable: read as it is
    assertTrue(read(v2, "v2.bin") != null);
  }

  @Test
  void constructorChecksShapes() {
    Weights w = Weights.zeros(2, 5);
    ImageSchema two = new ImageSchema(new ImageShape(2, 2, 1), List.of("a", "b"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new LinearModel(w, new double[3], two, "svm", Map.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new LinearModel(w, new double[4], SCHEMA, "svm", Map.of()));
    assertEquals(2, new LinearModel(w, new double[4], two, "svm", Map.of()).classNames().size());
  }
}
