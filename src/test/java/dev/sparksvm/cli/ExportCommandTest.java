package dev.sparksvm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.core.Weights;
import dev.sparksvm.data.ImageSchema;
import dev.sparksvm.data.ImageShape;
import dev.sparksvm.model.LinearModel;
import dev.sparksvm.model.NpyReader;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export --format npy}: files numpy.load reads, and one line for each bad input. */
class ExportCommandTest {
  @TempDir Path tmp;
  private LinearModel model;
  private Path modelDir;

  private record Outcome(int code, String err) {}

  private static Outcome run(String... argv) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = Main.run(argv, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return new Outcome(code, bytes.toString(StandardCharsets.UTF_8));
  }

  private static void assertOneLine(Outcome o, String expected) {
    assertEquals(2, o.code(), o.err());
    assertEquals(1, o.err().lines().count(), "one line: " + o.err());
    assertTrue(o.err().startsWith("sparksvm: error: " + expected), o.err());
  }

  /** Three classes of 2 x 3 x 1 images (D = 7), saved as train saves a model. */
  @BeforeEach
  void saveModel() throws Exception {
    model =
        new LinearModel(
            Weights.gaussian(3, 7, 0.5, 4),
            new SplittableRandom(5).doubles(6, 0, 255).toArray(),
            new ImageSchema(new ImageShape(2, 3, 1), List.of("airplane", "automobile", "bird")),
            "svm",
            Map.of("command", "train"));
    modelDir = Files.createDirectory(tmp.resolve("model"));
    try (OutputStream out = Files.newOutputStream(modelDir.resolve(LinearModel.FILE_NAME))) {
      model.writeTo(out);
    }
  }

  @Test
  void writesWMeanAndClassesForNumpy() throws Exception {
    Path out = tmp.resolve("npy");
    Outcome o =
        run("export", "--model", modelDir.toString(), "--format", "npy", "--out", out.toString());
    assertEquals(0, o.code(), o.err());
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(
          List.of("W.npy", "classes.txt", "mean.npy"),
          files.map(p -> p.getFileName().toString()).sorted().toList(),
          "and nothing else");
    }
    NpyReader.Array w = NpyReader.read(Files.readAllBytes(out.resolve("W.npy")));
    assertArrayEquals(new long[] {3, 7}, w.shape());
    for (int c = 0; c < 3; c++) {
      for (int j = 0; j < 7; j++) {
        assertEquals(model.weights().get(c, j), w.values()[c * 7 + j], 0.0, "C order");
      }
    }
    NpyReader.Array mean = NpyReader.read(Files.readAllBytes(out.resolve("mean.npy")));
    assertArrayEquals(new long[] {6}, mean.shape());
    assertArrayEquals(model.mean(), mean.values(), 0.0);
    assertEquals("airplane\nautomobile\nbird\n", Files.readString(out.resolve("classes.txt")));

    // --format defaults to npy; the model file itself works as --model; --overwrite replaces.
    assertEquals(
        0,
        run(
                "export",
                "--model",
                modelDir.resolve("model.bin").toString(),
                "--out",
                out.toString(),
                "--overwrite")
            .code());
  }

  @Test
  void badInputIsOneLineNamingTheOptionOrFile() throws Exception {
    Path out = tmp.resolve("out");
    assertOneLine(
        run("export", "--model", modelDir.toString(), "--format", "csv", "--out", out.toString()),
        "Invalid value for option '--format': expected one of [NPY] (case-insensitive) but was"
            + " 'csv'");
    assertOneLine(
        run("export", "--model", tmp.resolve("none").toString(), "--out", out.toString()),
        tmp.resolve("none") + ": no such model file or directory");
    assertFalse(Files.exists(out), "nothing is created for a failed export");
    Path broken = Files.writeString(tmp.resolve("broken.bin"), "NOT A MODEL, JUST TEXT");
    assertOneLine(
        run("export", "--model", broken.toString(), "--out", out.toString()),
        broken + ": not a sparksvm model file");
    assertOneLine(
        run("export", "--out", out.toString()), "Missing required option: '--model=PATH'");

    Files.createDirectory(out);
    Files.writeString(out.resolve("notes.txt"), "mine");
    assertOneLine(
        run("export", "--model", modelDir.toString(), "--out", out.toString()),
        "--out " + out + ": already holds 1 file (notes.txt)");
    try (var files = Files.list(out)) {
      assertEquals(
          List.of("notes.txt"),
          files.map(p -> p.getFileName().toString()).toList(),
          "left as it was");
    }
  }
}
