package dev.sparksvm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.ml.LinearClassificationModel;
import dev.sparksvm.spark.LocalSession;
import dev.sparksvm.spark.LocalSpark;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --format libsvm|parquet|images} on local[2]: the same rows through LIBSVM and
 * Parquet give the same W; each learns and scores its {@code --test}; the model is saved in
 * spark.ml's layout; bad input is one line and exit code 2.
 */
class FrameFormatsTest {
  private static final int CLASSES = 3;
  private static final int D = 6;
  @TempDir Path tmp;

  /** Three Gaussian blobs in D features of unequal scales; label first. */
  private static List<double[]> rows(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int c = i % CLASSES;
      double[] row = new double[D + 1];
      row[0] = c;
      for (int j = 0; j < D; j++) {
        double centre = ((c + j) % CLASSES) - 1.0;
        row[1 + j] = Math.pow(10, j % 3 - 1) * (centre + 0.4 * r.nextGaussian());
      }
      rows.add(row);
    }
    return rows;
  }

  private static Path libsvm(Path file, List<double[]> rows) throws IOException {
    StringBuilder text = new StringBuilder();
    for (double[] row : rows) {
      double label = row[0];
      text.append(label == Math.rint(label) ? Long.toString((long) label) : Double.toString(label));
      for (int j = 1; j < row.length; j++) {
        text.append(' ').append(j).append(':').append(row[j]);
      }
      text.append('\n');
    }
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  /** One Parquet file: a label, the features as a vector and as columns x0.., and a name. */
  private static Path parquet(Path dir, List<double[]> rows) {
    List<Row> out = new ArrayList<>();
    for (double[] row : rows) {
      Object[] values = new Object[3 + D];
      values[0] = row[0];
      values[1] = Vectors.dense(java.util.Arrays.copyOfRange(row, 1, row.length));
      values[2] = "row";
      for (int j = 0; j < D; j++) {
        values[3 + j] = row[1 + j];
      }
      out.add(RowFactory.create(values));
    }
    List<StructField> fields = new ArrayList<>();
    fields.add(new StructField("y", DataTypes.DoubleType, false, Metadata.empty()));
    fields.add(new StructField("v", SQLDataTypes.VectorType(), false, Metadata.empty()));
    fields.add(new StructField("name", DataTypes.StringType, false, Metadata.empty()));
    for (int j = 0; j < D; j++) {
      fields.add(new StructField("x" + j, DataTypes.DoubleType, false, Metadata.empty()));
    }
    LocalSession.get()
        .createDataFrame(out, new StructType(fields.toArray(StructField[]::new)))
        .coalesce(1)
        .write()
        .parquet(dir.toString());
    return dir;
  }

  /** Grey 4 x 4 images, one subfolder per class, each class bright in other pixels. */
  private static Path images(Path dir, int perClass, long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    for (int c = 0; c < CLASSES; c++) {
      for (int i = 0; i < perClass; i++) {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        for (int p = 0; p < 16; p++) {
          int base = p % CLASSES == c ? 190 : 60;
          image.getRaster().setSample(p % 4, p / 4, 0, base + r.nextInt(40));
        }
        Path file = dir.resolve("class" + c).resolve(String.format("%03d.png", i));
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
      }
    }
    return dir;
  }

  private Map<String, Object> train(String out, String... args) {
    return TrainCommandRunner.trainFrame(LocalSpark.get(), tmp.resolve(out).toString(), args);
  }

  private static final String[] QUICK = {"--iters", "60", "--batch", "64", "--seed", "7"};

  private static String[] with(String[] first, String... more) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  @Test
  void theSameRowsAsLibsvmAndAsParquetGiveTheSameWeightsAndLearn() throws IOException {
    List<double[]> train = rows(450, 1);
    Path svm = libsvm(tmp.resolve("svm/train.txt"), train);
    Path test = libsvm(tmp.resolve("svm/test.txt"), rows(150, 2));
    Path pq = parquet(tmp.resolve("pq"), train);
    String[] common = with(QUICK, "--val", "0", "--partitions", "1", "--loss", "softmax");
    Map<String, Object> a =
        train(
            "a",
            with(
                common, "--format", "libsvm", "--data", svm.toString(), "--test", test.toString()));
    Map<String, Object> b =
        train(
            "b",
            with(
                common,
                "--format",
                "parquet",
                "--data",
                pq.toString(),
                "--label-col",
                "y",
                "--features-col",
                "v"));
    Map<String, Object> c =
        train(
            "c",
            with(
                common,
                "--format",
                "parquet",
                "--data",
                pq.toString(),
                "--label-col",
                "y",
                "--features-col",
                "x0,x1,x2,x3,x4,x5"));
    assertEquals(a.get("weights_sha256"), b.get("weights_sha256"), "a vector column");
    assertEquals(a.get("weights_sha256"), c.get("weights_sha256"), "numeric columns");
    assertEquals(CLASSES, a.get("classes"));
    assertEquals(D, a.get("features"));
    assertEquals(450L, a.get("train_rows"));
    assertEquals(true, a.get("lr_chosen_by_sweep"), "no --lr: the estimator's sweep");
    assertTrue((Double) a.get("test_accuracy") > 0.85, a.toString());
    assertTrue((Double) a.get("train_accuracy") > 0.85, a.toString());

    LinearClassificationModel model =
        LinearClassificationModel.load(tmp.resolve("a/model").toString());
    assertEquals(D, model.numFeatures());
    assertEquals("softmax", model.getLoss());
    assertTrue(Files.exists(tmp.resolve("a/metrics.json")));

    Map<String, Object> again =
        train(
            "again",
            with(
                common, "--format", "libsvm", "--data", svm.toString(), "--test", test.toString()));
    assertEquals(a.get("weights_sha256"), again.get("weights_sha256"), "same seed, same bits");
  }

  @Test
  void libsvmHoldsOutValidationRowsAndKeepsTheBestWhenAsked() throws IOException {
    Path svm = libsvm(tmp.resolve("v-data/train.txt"), rows(600, 3));
    Map<String, Object> m =
        train(
            "v-out",
            with(
                QUICK,
                "--format",
                "libsvm",
                "--data",
                svm.toString(),
                "--val",
                "100",
                "--keep",
                "best",
                "--lr",
                "0.3",
                "--reg",
                "0.001"));
    long held = (Long) m.get("val_rows");
    assertTrue(held > 50 && held < 150, "about 100 rows held out: " + held);
    assertEquals(600L - held, m.get("train_rows"));
    assertTrue((Double) m.get("val_accuracy") > 0.85, m.toString());
    assertEquals(0.3, (Double) m.get("lr"), 0.0);
    assertEquals(false, m.get("lr_chosen_by_sweep"));
  }

  @Test
  void anImageFolderTrainsOnItsPixelsAndScoresItsTestFolder() throws IOException {
    Path train = images(tmp.resolve("img-data/train"), 60, 4);
    Path test = images(tmp.resolve("img-data/test"), 20, 5);
    Map<String, Object> m =
        train(
            "img-out",
            with(
                QUICK,
                "--format",
                "images",
                "--data",
                train.toString(),
                "--test",
                test.toString(),
                "--val",
                "0",
                "--partitions",
                "2"));
    assertEquals(CLASSES, m.get("classes"));
    assertEquals(16, m.get("features"));
    assertEquals(180L, m.get("train_rows"));
    assertEquals(false, m.get("standardization"), "pixels are centred only, as the binary path");
    assertTrue((Double) m.get("test_accuracy") > 0.9, m.toString());
    LinearClassificationModel model =
        LinearClassificationModel.load(tmp.resolve("img-out/model").toString());
    assertArrayEquals(
        new double[] {CLASSES, 16}, new double[] {model.numClasses(), model.numFeatures()});
  }

  private record Outcome(int code, String err) {}

  private static Outcome runMain(String... argv) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = Main.run(argv, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return new Outcome(code, bytes.toString(StandardCharsets.UTF_8));
  }

  private static void assertOneLine(Outcome o, String expected) {
    assertEquals(2, o.code(), o.err());
    assertEquals(1, o.err().lines().count(), "one line: " + o.err());
    assertTrue(o.err().contains(expected), "expected '" + expected + "' in: " + o.err());
  }

  /** What the command line refuses before Spark starts (so Main runs it in this JVM). */
  @Test
  void badInputIsOneLineAndExitCode2BeforeSparkStarts() throws IOException {
    Path svm = libsvm(tmp.resolve("bad/train.txt"), rows(30, 1));
    String out = tmp.resolve("bad-out").toString();
    assertOneLine(
        runMain("train", "--format", "libsvm", "--data", tmp.resolve("nothing").toString()),
        "nothing: no such file or directory");
    assertOneLine(runMain("train", "--format", "libsvm"), "--format libsvm needs --data");
    assertOneLine(
        runMain("train", "--format", "libsvm", "--data", svm.toString(), "--features", "0"),
        "--features must be an integer >= 1, got 0");
    assertOneLine(
        runMain("train", "--format", "parquet", "--data", svm.toString(), "--features", "6"),
        "--features applies to --format libsvm only, got --format parquet");
    assertOneLine(
        runMain("train", "--format", "libsvm", "--data", svm.toString(), "--label-col", "y"),
        "--features-col and --label-col apply to --format parquet only, got --format libsvm");
    assertOneLine(
        runMain("train", "--data", svm.toString(), "--features-col", "v"),
        "--features, --features-col and --label-col apply to --format libsvm and parquet only");
    assertOneLine(
        runMain("evaluate", "--model", "m", "--format", "parquet", "--data", svm.toString()),
        "--format parquet is read by train only");
    assertOneLine(
        runMain(
            "train", "--format", "libsvm", "--data", svm.toString(), "--out", out, "--resume", out),
        "--resume applies to the binary formats only, not --format libsvm");
    assertOneLine(
        runMain("train", "--format", "libsvm", "--data", svm.toString(), "--update", "nesterov"),
        "--update nesterov applies to the binary formats only, not --format libsvm");
    Path odd = images(tmp.resolve("odd"), 2, 1);
    BufferedImage wide = new BufferedImage(5, 4, BufferedImage.TYPE_BYTE_GRAY);
    ImageIO.write(wide, "png", odd.resolve("class1/001b.png").toFile());
    assertOneLine(
        runMain("train", "--format", "images", "--data", odd.toString(), "--out", out),
        "class1/001b.png: a 4x5x1 image, but the first is 4x4x1");
    Path other = images(tmp.resolve("other"), 2, 1);
    Files.move(other.resolve("class2"), other.resolve("class9"));
    assertOneLine(
        runMain(
            "train",
            "--format",
            "images",
            "--data",
            odd.toString().replace("odd", "other"),
            "--test",
            images(tmp.resolve("fine"), 2, 1).toString(),
            "--val",
            "0",
            "--out",
            out),
        "classes [class0, class1, class2] of 4x4x1 images, but the training data has [class0,"
            + " class1, class9]");
    assertTrue(Files.notExists(tmp.resolve("bad-out").resolve("metrics.json")));
  }

  /** What can only be seen in the rows or the schema: refused with one line, exit code 2. */
  @Test
  void badColumnsAndLabelsAreRefusedNamingThem() throws IOException {
    Path pq = parquet(tmp.resolve("cols"), rows(30, 1));
    assertRefused(
        "--label-col nope: no such column in " + pq + " (its columns: y, v, name, x0",
        "--format",
        "parquet",
        "--data",
        pq.toString(),
        "--label-col",
        "nope");
    assertRefused(
        "--features-col name: a column of string in " + pq,
        "--format",
        "parquet",
        "--data",
        pq.toString(),
        "--label-col",
        "y",
        "--features-col",
        "name");
    assertRefused(
        "--features-col name: a column of string in " + pq + ", not a number",
        "--format",
        "parquet",
        "--data",
        pq.toString(),
        "--label-col",
        "y",
        "--features-col",
        "x0,name");
    assertRefused(
        "--label-col name: a column of string",
        "--format",
        "parquet",
        "--data",
        pq.toString(),
        "--label-col",
        "name",
        "--features-col",
        "v");
    List<double[]> rows = rows(30, 1);
    rows.get(7)[0] = -1;
    Path badLabel = libsvm(tmp.resolve("neg/train.txt"), rows);
    assertRefused(
        "label -1.0 is not a class index",
        "--format",
        "libsvm",
        "--data",
        badLabel.toString(),
        "--val",
        "0");
    List<double[]> half = rows(30, 1);
    half.get(3)[0] = 1.5;
    Path fractional = libsvm(tmp.resolve("frac/train.txt"), half);
    assertRefused(
        "label 1.5 is not a class index",
        "--format",
        "libsvm",
        "--data",
        fractional.toString(),
        "--val",
        "0");
    Path test = libsvm(tmp.resolve("wide/test.txt"), rows(10, 1));
    Path narrow = tmp.resolve("wide/train.txt");
    Files.writeString(narrow, "0 1:1.0\n1 2:1.0\n2 1:-1.0\n0 1:2.0\n");
    assertRefused(
        "test.txt: rows of 6 features, but the training rows have 2",
        "--format",
        "libsvm",
        "--data",
        narrow.toString(),
        "--test",
        test.toString(),
        "--val",
        "0");
  }

  private void assertRefused(String expected, String... args) {
    RuntimeException e =
        assertThrows(RuntimeException.class, () -> train("refused", with(QUICK, args)));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = Main.report(e, false, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String err = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(2, code, err);
    assertEquals(1, err.lines().count(), err);
    assertTrue(err.contains(expected), "expected '" + expected + "' in: " + err);
  }
}
