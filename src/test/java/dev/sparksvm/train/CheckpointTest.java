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
        f,
        rows,
        new EarlyStopping.State(0.25, 2, Weights.gaussian(3, 4, 1.0, 99), 0));
  }

  private static byte[] bytes(Checkpoint c) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    c.writeTo(out);
    return out.toByteArray();
  }

  @Test
  void roundTripKeepsEveryBit() throws Exception {
    Checkpoint c = checkpoint(2);
    Checkpoint back = Checkpoint.readFrom(new ByteArrayInputStream(bytes(c)), "memory");
    assertEquals(2, back.step());
    assertArrayEquals(c.weights().values(), back.weights().values(), 0.0);
    assertEquals(c.fingerprint(), back.fingerprint());
    assertEquals(c.history(), back.history());
    assertEquals(c.tracker().best(), back.tracker().best());
    assertEquals(0.25, back.tracker().bestAccuracy(), 0.0);
  }

  @Test
  void aCutOrForeignFileIsNamedAndTheNewestWholeOneIsUsed() throws Exception {
    byte[] b = bytes(checkpoint(2));
    for (int cut : new int[] {0, 7, 30, b.length - 1}) {
      InvalidDataException e =
          assertThrows(
              InvalidDataException.class,
              () -> Checkpoint.readFrom(new ByteArrayInputStream(Arrays.copyOf(b, cut)), "c.bin"));
      assertTrue(e.getMessage().startsWith("c.bin: "), e.getMessage());
    }
    Files.write(tmp.resolve(Checkpoint.fileName(20)), bytes(checkpoint(20)));
    Files.write(tmp.resolve(Checkpoint.fileName(40)), bytes(checkpoint(40)));
    Files.write(tmp.resolve(Checkpoint.fileName(60)), Arrays.copyOf(bytes(checkpoint(60)), 50));
    assertEquals(
        40,
        Checkpoint.newest(tmp.toString(), new Configuration()).step(),
        "the damaged newest file is passed over");
    assertNull(
        Checkpoint.newest(
            Files.createDirectory(tmp.resolve("none")).toString(), new Configuration()));
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
