package dev.sparksvm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.core.Weights;
import dev.sparksvm.data.InvalidDataException;
import dev.sparksvm.options.TuneOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** Tune's checkpoint file in memory: the velocities of a momentum tune, and the first version. */
class TuneCheckpointTest {
  private static TuneCheckpoint checkpoint(List<Weights> velocities) {
    return new TuneCheckpoint(
        3,
        2.5,
        TuneOptions.grid(List.of(1e-6, 3e-7), List.of(0.0)),
        List.of(Weights.gaussian(2, 3, 1, 1), Weights.gaussian(2, 3, 1, 2)),
        velocities,
        new long[] {-1, 1},
        new Double[] {0.5, null},
        new double[][] {{3, 2, 1}, {4, Double.NaN, Double.NaN}},
        Map.of("--batch", "64"),
        Map.of("--iters", "10"));
  }

  private static byte[] bytes(TuneCheckpoint c) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    c.writeTo(out);
    return out.toByteArray();
  }

  @Test
  void eachModelsVelocityIsKeptBitForBit() throws Exception {
    Weights v0 = Weights.gaussian(2, 3, 1e-3, 3);
    Weights v1 = Weights.gaussian(2, 3, 1e-3, 4);
    byte[] b = bytes(checkpoint(Arrays.asList(v0, v1)));
    TuneCheckpoint back = TuneCheckpoint.readFrom(new ByteArrayInputStream(b), "t.bin", b.length);
    assertArrayEquals(v0.values(), back.velocities().get(0).values(), 0.0);
    assertArrayEquals(v1.values(), back.velocities().get(1).values(), 0.0);
    assertEquals(3, back.step());
    TuneCheckpoint sgd = checkpoint(Arrays.asList(null, null));
    byte[] s = bytes(sgd);
    assertEquals(b.length - 2 * 6 * 8, s.length, "the vanilla update writes no velocity");
    assertEquals(
        Arrays.asList(null, null),
        TuneCheckpoint.readFrom(new ByteArrayInputStream(s), "s.bin", s.length).velocities());
  }

  /** {@code c} (of the vanilla update) as the first version wrote it: no velocity flags. */
  private static byte[] firstVersion(TuneCheckpoint c) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write("SPSVMtc1".getBytes(StandardCharsets.US_ASCII));
    out.writeLong(c.step());
    out.writeDouble(c.trainingSeconds());
    out.writeInt(c.weights().size());
    out.writeInt(c.weights().get(0).classes());
    out.writeInt(c.weights().get(0).features());
    for (int m = 0; m < c.weights().size(); m++) {
      out.writeDouble(c.candidates().get(m).learningRate());
      out.writeDouble(c.candidates().get(m).reg());
      out.writeLong(c.divergedAt()[m]);
      out.writeBoolean(c.val()[m] != null);
      out.writeDouble(c.val()[m] == null ? Double.NaN : c.val()[m]);
      out.write(c.weights().get(m).toBytes());
      for (int s = 0; s < c.step(); s++) {
        out.writeDouble(c.losses()[m][s]);
      }
    }
    for (Map<String, String> pairs : List.of(c.fingerprint(), c.options())) {
      out.writeInt(pairs.size());
      for (Map.Entry<String, String> e : pairs.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeUTF(e.getValue());
      }
    }
    out.write("SPSVMend".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    CRC32C crc = new CRC32C();
    crc.update(bytes.toByteArray());
    out.writeInt((int) crc.getValue());
    return bytes.toByteArray();
  }

  @Test
  void theFirstVersionIsStillReadAsTheVanillaUpdatesWithoutVelocities() throws Exception {
    TuneCheckpoint c = checkpoint(Arrays.asList(null, null));
    byte[] b = firstVersion(c);
    TuneCheckpoint back = TuneCheckpoint.readFrom(new ByteArrayInputStream(b), "v1.bin", b.length);
    assertEquals(c.candidates(), back.candidates());
    assertArrayEquals(c.weights().get(1).values(), back.weights().get(1).values(), 0.0);
    assertArrayEquals(c.losses()[0], back.losses()[0], 0.0);
    assertNull(back.velocities().get(0));
    assertNull(back.velocities().get(1));
    assertEquals(c.fingerprint(), back.fingerprint());
    InvalidDataException train =
        assertThrows(
            InvalidDataException.class,
            () -> CheckpointFormat.read(new ByteArrayInputStream(b), "v1.bin", b.length));
    assertTrue(train.getMessage().contains("a tune checkpoint"), train.getMessage());
  }
}
