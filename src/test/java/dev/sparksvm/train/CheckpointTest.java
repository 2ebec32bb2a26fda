package dev.sparksvm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.core.Weights;
import dev.sparksvm.data.InvalidDataException;
import dev.sparksvm.optim.EarlyStopping;
import dev.sparksvm.report.History;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
  @TempDir Path tmp;

  private static Checkpoint checkpoint(long step) {
    return checkpoint(step, null);
  }

  /** A checkpoint of step {@code step} whose update has {@code velocity} (null for sgd). */
  private static Checkpoint checkpoint(long step, Weights velocity) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("--batch", "256");
    f.put("--seed", "42");
    Weights w = Weights.gaussian(3, 4, 1.0, step);
    List<History.Row> rows =
        List.of(new History.Row(1, 9.5, 0.1, 1e-3, null), new History.Row(2, 8.5, 0.2, 1e-3, 0.25));
    return new Checkpoint(
        step,
        1.5,
        1e-3,
        w,
        velocity,
        f,
        rows,
        new EarlyStopping.State(0.25, 2, Weights.gaussian(3, 4, 1.0, 99), 0),
        Map.of("--data", "runs/data", "--iters", "100"));
  }

  private static byte[] bytes(Checkpoint c) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CheckpointFormat.write(c, out);
    return out.toByteArray();
  }

  @Test
  void roundTripKeepsEveryBit() throws Exception {
    Checkpoint c = checkpoint(2);
    Checkpoint back = CheckpointFormat.read(new ByteArrayInputStream(bytes(c)), "memory", -1);
    assertEquals(2, back.step());
    assertArrayEquals(c.weights().values(), back.weights().values(), 0.0);
    assertEquals(c.fingerprint(), back.fingerprint());
    assertEquals(c.options(), back.options());
    assertEquals(c.history(), back.history());
    assertEquals(c.tracker().best(), back.tracker().best());
    assertEquals(0.25, back.tracker().bestAccuracy(), 0.0);
  }

  @Test
  void theVelocityOfAMomentumRunIsKeptBitForBitAndRefusedWhenNotFinite() throws Exception {
    Weights velocity = Weights.gaussian(3, 4, 1e-3, 5);
    Checkpoint c = checkpoint(2, velocity);
    byte[] b = bytes(c);
    assertEquals(
        bytes(checkpoint(2)).length + 8 * 12,
        b.length,
        "a byte says whether a velocity follows, and it does: 12 doubles");
    Checkpoint back = CheckpointFormat.read(new ByteArrayInputStream(b), "memory", b.length);
    assertArrayEquals(velocity.values(), back.velocity().values(), 0.0);
    assertArrayEquals(c.weights().values(), back.weights().values(), 0.0);
    assertEquals(c.options(), back.options());
    assertNull(
        CheckpointFormat.read(new ByteArrayInputStream(bytes(checkpoint(2))), "sgd.bin", -1)
            .velocity(),
        "the vanilla update writes none");
    double[] v = velocity.values().clone();
    v[7] = Double.NaN;
    byte[] nan = bytes(checkpoint(2, new Weights(3, 4, v)));
    InvalidDataException e =
        assertThrows(
            InvalidDataException.class,
            () -> CheckpointFormat.read(new ByteArrayInputStream(nan), "nan.bin", nan.length));
    assertEquals("nan.bin is damaged: the velocity[1][3] is NaN (not finite)", e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> checkpoint(2, Weights.zeros(4, 3)),
        "a velocity of another shape than W's");
  }

  @Test
  void aCutOrForeignFileIsNamedAndTheNewestWholeOneIsUsed() throws Exception {
    byte[] b = bytes(checkpoint(2));
    for (int cut : new int[] {0, 7, 30, b.length - 1}) {
      InvalidDataException e =
          assertThrows(
              InvalidDataException.class,
              () ->
                  CheckpointFormat.read(
                      new ByteArrayInputStream(Arrays.copyOf(b, cut)), "c.bin", cut));
      assertTrue(e.getMessage().startsWith("c.bin: "), e.getMessage());
    }
    Files.write(tmp.resolve(Checkpoint.fileName(20)), bytes(checkpoint(20)));
    Files.write(tmp.resolve(Checkpoint.fileName(40)), bytes(checkpoint(40)));
    Files.write(tmp.resolve(Checkpoint.fileName(60)), Arrays.copyOf(bytes(checkpoint(60)), 50));
    assertEquals(
        40,
        CheckpointFormat.newest(tmp.toString(), new Configuration()).step(),
        "the damaged newest file is passed over");
    assertNull(
        CheckpointFormat.newest(
            Files.createDirectory(tmp.resolve("none")).toString(), new Configuration()));
  }

  @Test
  void aFlippedBitIsRefusedAsDamagedAndNeverResumedFrom() throws Exception {
    byte[] b = bytes(checkpoint(40));
    byte[] flipped = b.clone();
    flipped[60] ^= 0x01; // inside W
    InvalidDataException e =
        assertThrows(
            InvalidDataException.class,
            () ->
                CheckpointFormat.read(new ByteArrayInputStream(flipped), "c.bin", flipped.length));
    assertTrue(e.getMessage().startsWith("c.bin is damaged: checksum "), e.getMessage());
    // The only checkpoint of a run is damaged: --resume is refused, naming it.
    Path only = Files.createDirectory(tmp.resolve("only"));
    Files.write(only.resolve(Checkpoint.fileName(40)), flipped);
    InvalidDataException refused =
        assertThrows(
            InvalidDataException.class,
            () -> CheckpointFormat.newest(only.toString(), new Configuration()));
    assertTrue(
        refused.getMessage().contains(Checkpoint.fileName(40) + " is damaged"),
        refused.getMessage());
    // An older whole one beside it leads to the same W (the trajectory is a function of the
    // step), so it is used.
    Files.write(only.resolve(Checkpoint.fileName(20)), bytes(checkpoint(20)));
    assertEquals(20, CheckpointFormat.newest(only.toString(), new Configuration()).step());
  }

  @Test
  void weightsThatAreNotFiniteAreRefused() throws Exception {
    Checkpoint c = checkpoint(3);
    double[] w = c.weights().values().clone();
    w[5] = Double.POSITIVE_INFINITY;
    Checkpoint bad =
        new Checkpoint(
            3,
            1,
            1e-3,
            new Weights(3, 4, w),
            null,
            c.fingerprint(),
            c.history(),
            c.tracker(),
            Map.of());
    byte[] b = bytes(bad);
    InvalidDataException e =
        assertThrows(
            InvalidDataException.class,
            () -> CheckpointFormat.read(new ByteArrayInputStream(b), "inf.bin", b.length));
    assertEquals("inf.bin is damaged: W[1][1] is Infinity (not finite)", e.getMessage());
  }

  @Test
  void aHeaderClaimingMoreThanTheFileHoldsIsRefusedBeforeAllocating() throws Exception {
    byte[] b = bytes(checkpoint(3));
    java.nio.ByteBuffer.wrap(b).putInt(32, 10_000).putInt(36, 10_000); // C x D = 10^8 doubles
    InvalidDataException e =
        assertThrows(
            InvalidDataException.class,
            () -> CheckpointFormat.read(new ByteArrayInputStream(b), "huge.bin", b.length));
    assertTrue(e.getMessage().contains("cannot hold W of 10000 x 10000"), e.getMessage());
  }

  /**
   * {@code c} in an earlier layout, written here field by field as the format's javadoc had it:
   * version 3 (no velocity) and version 2 (no options either) with their CRC-32C, version 1 (no
   * options, no checksum) without.
   */
  private static byte[] legacy(Checkpoint c, int version) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
    out.write(("SPSVMck" + version).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    out.writeLong(c.step());
    out.writeDouble(c.trainingSeconds());
    out.writeDouble(c.learningRate());
    out.writeInt(c.weights().classes());
    out.writeInt(c.weights().features());
    for (double v : c.weights().values()) {
      out.writeDouble(v);
    }
    for (Map<String, String> pairs :
        version == 3 ? List.of(c.fingerprint(), c.options()) : List.of(c.fingerprint())) {
      out.writeInt(pairs.size());
      for (Map.Entry<String, String> e : pairs.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeUTF(e.getValue());
      }
    }
    out.writeInt(c.history().size());
    for (History.Row r : c.history()) {
      out.writeLong(r.iteration());
      out.writeDouble(r.loss());
      out.writeDouble(r.seconds());
      out.writeDouble(r.learningRate());
      out.writeBoolean(r.valAccuracy() != null);
      out.writeDouble(r.valAccuracy() == null ? Double.NaN : r.valAccuracy());
    }
    out.writeDouble(c.tracker().bestAccuracy());
    out.writeLong(c.tracker().bestStep());
    out.writeInt(c.tracker().sinceBest());
    out.writeBoolean(false);
    out.write("SPSVMend".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    out.flush();
    if (version >= 2) {
      java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
      crc.update(bytes.toByteArray());
      out.writeInt((int) crc.getValue());
    }
    return bytes.toByteArray();
  }

  @Test
  void earlierVersionsAreStillReadWithoutOptionsOrVelocity() throws Exception {
    Checkpoint c = checkpoint(2);
    for (int version : new int[] {1, 2, 3}) {
      byte[] b = legacy(c, version);
      Checkpoint back = CheckpointFormat.read(new ByteArrayInputStream(b), "old.bin", b.length);
      assertEquals(2, back.step());
      assertEquals(c.fingerprint(), back.fingerprint());
      assertEquals(c.history(), back.history());
      assertArrayEquals(c.weights().values(), back.weights().values(), 0.0);
      assertNull(back.velocity(), "version " + version + " was written by the vanilla update");
      assertEquals(
          version == 3 ? c.options() : Map.of(),
          back.options(),
          "version " + version + " held " + (version == 3 ? "the" : "no") + " options");
    }
    byte[] v2 = legacy(c, 2);
    v2[60] ^= 0x01;
    assertThrows(
        InvalidDataException.class,
        () -> CheckpointFormat.read(new ByteArrayInputStream(v2), "old.bin", v2.length),
        "version 2 carried a checksum: a flipped bit is caught");
  }

  @Test
  void theFirstDifferenceOfTheFingerprintIsNamed() {
    Checkpoint c = checkpoint(2);
    Map<String, String> now = new LinkedHashMap<>(c.fingerprint());
    assertNull(c.firstDifference(now));
    now.put("--batch", "512");
    assertEquals(
        "--batch was 256 when the checkpoint was written, and is 512 now", c.firstDifference(now));
  }
}
