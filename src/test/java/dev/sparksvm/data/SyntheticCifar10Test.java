package dev.sparksvm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.core.Seeds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticCifar10Test {

  @Test
  void recordsAreDeterministicAndInTheCifarLayout() {
    byte[] a = SyntheticCifar10.records(200, 5);
    assertEquals(200 * 3073, a.length);
    assertEquals(0, a.length % Cifar10.RECORD_BYTES);
    assertArrayEquals(a, SyntheticCifar10.records(200, 5));
    assertFalse(java.util.Arrays.equals(a, SyntheticCifar10.records(200, 6)));
    int[] perClass = new int[Cifar10.CLASSES];
    for (int r = 0; r < 200; r++) {
      int label = a[r * Cifar10.RECORD_BYTES] & 0xFF;
      assertTrue(label < Cifar10.CLASSES, "label " + label);
      perClass[label]++;
    }
    for (int c = 0; c < Cifar10.CLASSES; c++) {
      assertTrue(perClass[c] > 0, "class " + c + " never appears");
    }
    assertEquals(0, SyntheticCifar10.records(0, 5).length);
  }

  @Test
  void ensureWritesFiveBatchFilesAndNoTemporaries(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("synthetic");
    assertEquals(out, SyntheticCifar10.ensure(out, 7, 3));
    for (int f = 1; f <= SyntheticCifar10.FILES; f++) {
      Path file = out.resolve("data_batch_" + f + ".bin");
      assertEquals(7L * Cifar10.RECORD_BYTES, Files.size(file), file.toString());
      assertArrayEquals(SyntheticCifar10.records(7, Seeds.derive(3, f)), Files.readAllBytes(file));
    }
    try (Stream<Path> files = Files.list(out)) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      assertEquals(
          List.of(
              "batches.meta.txt",
              "data_batch_1.bin",
              "data_batch_2.bin",
              "data_batch_3.bin",
              "data_batch_4.bin",
              "data_batch_5.bin"),
          names);
    }
    assertEquals(Cifar10.CLASS_NAMES, Files.readAllLines(out.resolve("batches.meta.txt")));
  }

  @Test
  void ensureKeepsCompleteFilesAndRewritesWrongSizes(@TempDir Path dir) throws IOException {
    SyntheticCifar10.ensure(dir, 3, 1);
    Path first = dir.resolve("data_batch_1.bin");
    Path second = dir.resolve("data_batch_2.bin");
    FileTime old = FileTime.fromMillis(0);
    Files.setLastModifiedTime(first, old);
    Files.write(second, new byte[10]); // cut short
    SyntheticCifar10.ensure(dir, 3, 1);
    assertEquals(old, Files.getLastModifiedTime(first), "a complete file was rewritten");
    assertEquals(3L * Cifar10.RECORD_BYTES, Files.size(second));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(6, files.count());
    }
  }
}
