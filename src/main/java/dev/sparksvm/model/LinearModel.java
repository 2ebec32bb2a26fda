package dev.sparksvm.model;

import dev.sparksvm.core.LinearBatch;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.ImageSchema;
import dev.sparksvm.data.ImageShape;
import dev.sparksvm.data.InvalidDataException;
import dev.sparksvm.io.Crc32cFraming;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UTFDataFormatException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.linalg.Matrices;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trained linear classifier: W, the per-pixel training mean its inputs are centred with, the
 * image shape and class names of its data, and its provenance (how it was made).
 *
 * <p><b>File format</b> ({@code model.bin}; all numbers big-endian, as {@link java.io.DataOutput}
 * writes them; UTF is Java's modified UTF-8 with a 2-byte length):
 *
 * <pre>
 *   8 bytes   magic "SPSVMv03" (ASCII)
 *   int       C, number of classes
 *   int       D, number of features (pixels + 1 for the bias)
 *   3 x int   image height, width, channels (their product is D - 1)
 *   UTF       loss the model was trained with ("svm" or "softmax")
 *   C x UTF   class names, class 0 first
 *   C*D x double  W row-major: W[c][j] at position c*D + j; column D-1 is the bias
 *   (D-1) x double  the mean subtracted from each pixel, in record order
 *   int       P, provenance entries
 *   P x (UTF key, UTF value)  provenance: options, data files and checksums, versions, date
 *   4 bytes   CRC-32C of every byte above, magic included ({@link Crc32cFraming})
 * </pre>
 *
 * The W block is exactly the bytes {@link Weights#toBytes()} hashes for {@code weights_sha256}. A
 * file whose checksum does not match, or whose W or mean holds a value that is not finite, is
 * refused as damaged. Files of the earlier versions are still read, with a warning that they cannot
 * be verified: {@code SPSVMv02} (the same layout without the checksum) and {@code SPSVMv01} (no
 * shape, no provenance; CIFAR-10 only).
 *
 * <p><b>From Spark ML.</b> {@link #weightMatrix()}, {@link #meanVector()} and {@link #predict} give
 * the model in {@code org.apache.spark.ml.linalg} types (from {@code spark-mllib-local}, which
 * needs no SparkContext), so that other Spark code can score with it; {@code export} writes it for
 * NumPy.
 *
 * @param weights W
 * @param mean per-pixel mean, {@code features - 1} values
 * @param schema image shape and class names
 * @param loss name of the training loss
 * @param provenance ordered key/value pairs describing how the model was made (may be empty)
 */
public record LinearModel(
    Weights weights, double[] mean, ImageSchema schema, String loss, Map<String, String> provenance)
    implements Serializable {
  /** The file name inside a model directory. */
  public static final String FILE_NAME = "model.bin";

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(LinearModel.class);
  private static final byte[] MAGIC = "SPSVMv03".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MAGIC_V2 = "SPSVMv02".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MAGIC_V1 = "SPSVMv01".getBytes(StandardCharsets.US_ASCII);

  /** Larger models are refused as implausible before any allocation. */
  private static final long MAX_VALUES = 100_000_000;

  public LinearModel {
    if (mean.length != weights.features() - 1 || schema.features() != weights.features()) {
      throw new IllegalArgumentException(
          "W of "
              + weights.features()
              + " features, a mean of "
              + mean.length
              + " values and images of "
              + schema.shape()
              + " do not fit together");
    }
    if (schema.classes() != weights.classes()) {
      throw new IllegalArgumentException(
          schema.classes() + " class names for " + weights.classes() + " classes");
    }
    provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
  }

  public List<String> classNames() {
    return schema.classNames();
  }

  /**
   * W as a Spark ML matrix of C rows (one per class, class 0 first) and D columns (the pixels in
   * record order, then the bias), for a Spark user's own code: {@code weightMatrix().apply(c, j)}
   * is {@code weights().get(c, j)}. A copy: changing it does not change the model.
   */
  public Matrix weightMatrix() {
    int classes = weights.classes();
    int features = weights.features();
    // Matrices.dense takes its values column-major, while W is stored row-major (C x D).
    double[] columnMajor = new double[classes * features];
    for (int c = 0; c < classes; c++) {
      for (int j = 0; j < features; j++) {
        columnMajor[j * classes + c] = weights.get(c, j);
      }
    }
    return Matrices.dense(classes, features, columnMajor);
  }

  /**
   * The per-pixel training mean (D - 1 values, record order) as a Spark ML vector: the model scores
   * {@code W (x - mean, 1)}. A copy.
   */
  public Vector meanVector() {
    return Vectors.dense(mean.clone());
  }

  /**
   * The class this model predicts for one image: the index of the highest score {@code W (x - mean,
   * 1)}, the first one on a tie, as training and {@code evaluate} choose it ({@code
   * LinearBatch.argmax}). The model is serializable, so this can run inside a Spark user's own job
   * (e.g. {@code images.map(model::predict)}).
   *
   * @param pixels one image's raw pixel values (0..255, not centred, no bias), D - 1 of them in the
   *     data's record order (for CIFAR: all red, then green, then blue, each plane row-major)
   * @return the class index, 0..C-1 (its name is {@code classNames().get(index)})
   * @throws IllegalArgumentException if {@code pixels} does not hold D - 1 values
   */
  public int predict(Vector pixels) {
    int classes = weights.classes();
    int features = weights.features();
    if (pixels.size() != features - 1) {
      throw new IllegalArgumentException(
          "the model takes "
              + (features - 1)
              + " pixels ("
              + schema.shape()
              + " images), got a vector of "
              + pixels.size());
    }
    double[] x = pixels.toArray(); // a dense vector's own array: only read
    double[] w = weights.values();
    double[] scores = new double[classes];
    for (int c = 0; c < classes; c++) {
      int row = c * features;
      double score = w[row + features - 1];
      for (int j = 0; j < features - 1; j++) {
        score += w[row + j] * (x[j] - mean[j]);
      }
      scores[c] = score;
    }
    return LinearBatch.argmax(scores, 0, classes);
  }

  /** Writes the documented format. */
  public void writeTo(OutputStream stream) throws IOException {
    Crc32cFraming.Output framed = Crc32cFraming.output(stream);
    DataOutputStream out = framed.data();
    out.write(MAGIC);
    out.writeInt(weights.classes());
    out.writeInt(weights.features());
    ImageShape shape = schema.shape();
    out.writeInt(shape.height());
    out.writeInt(shape.width());
    out.writeInt(shape.channels());
    out.writeUTF(loss);
    for (String name : schema.classNames()) {
      out.writeUTF(name);
    }
    out.write(weights.toBytes());
    for (double m : mean) {
      out.writeDouble(m);
    }
    out.writeInt(provenance.size());
    for (Map.Entry<String, String> e : provenance.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeUTF(e.getValue());
    }
    framed.finish();
  }

  /**
   * Reads the documented format, checking it as it goes: the magic, a plausible shape, the sizes
   * against the file's length when known ({@code length} < 0: unknown), then the checksum and that
   * every number of W and the mean is finite.
   *
   * @param source names the file in error messages
   */
  public static LinearModel readFrom(InputStream stream, String source, long length)
      throws IOException {
    Crc32cFraming.Input framed = Crc32cFraming.input(stream);
    DataInputStream in = framed.data();
    try {
      byte[] magic = new byte[MAGIC.length];
      in.readFully(magic);
      boolean v1 = Arrays.equals(magic, MAGIC_V1);
      boolean checked = Arrays.equals(magic, MAGIC);
      if (!v1 && !checked && !Arrays.equals(magic, MAGIC_V2)) {
        throw new InvalidDataException(source + ": not a sparksvm model file (bad magic)");
      }
      int classes = in.readInt();
      int features = in.readInt();
      if (classes < 2 || features < 2 || (long) classes * features > MAX_VALUES) {
        throw new InvalidDataException(
            source + ": implausible model shape " + classes + " x " + features);
      }
      long numbers = 8L * ((long) classes * features + features - 1);
      if (length >= 0 && length < numbers) {
        throw new InvalidDataException(
            source
                + ": model file is truncated ("
                + length
                + " bytes "
                + "cannot hold a "
                + classes
                + " x "
                + features
                + " model)");
      }
      ImageShape shape =
          v1
              ? legacyShape(features, source)
              : shape(in.readInt(), in.readInt(), in.readInt(), features, source);
      String loss = in.readUTF();
      List<String> names = new ArrayList<>();
      for (int c = 0; c < classes; c++) {
        names.add(in.readUTF());
      }
      double[] w = new double[classes * features];
      for (int i = 0; i < w.length; i++) {
        w[i] = in.readDouble();
      }
      double[] mean = new double[features - 1];
      for (int j = 0; j < mean.length; j++) {
        mean[j] = in.readDouble();
      }
      Map<String, String> provenance = new LinkedHashMap<>();
      if (!v1) {
        int entries = in.readInt();
        if (entries < 0 || entries > 100_000) {
          throw new InvalidDataException(
              source + ": implausible provenance of " + entries + " entries");
        }
        for (int i = 0; i < entries; i++) {
          provenance.put(in.readUTF(), in.readUTF());
        }
      }
      if (checked) {
        String mismatch = framed.mismatch();
        if (mismatch != null) {
          throw new InvalidDataException(source + " is damaged: " + mismatch);
        }
      } else {
        LOG.warn(
            "{} was written before model files carried a checksum ({}): it cannot be verified",
            source,
            new String(magic, StandardCharsets.US_ASCII));
      }
      if (stream.read() != -1) {
        throw new InvalidDataException(source + ": unexpected bytes after the model");
      }
      requireFinite(w, features, "W", source);
      requireFinite(mean, mean.length, "the mean", source);
      return new LinearModel(
          new Weights(classes, features, w), mean, new ImageSchema(shape, names), loss, provenance);
    } catch (EOFException e) {
      throw new InvalidDataException(source + ": model file is truncated");
    } catch (UTFDataFormatException e) {
      throw new InvalidDataException(
          source + " is damaged: malformed text (" + e.getMessage() + ")");
    }
  }

  /** Refuses a value that is not finite, naming its place ({@code what[row][column]}). */
  private static void requireFinite(double[] values, int columns, String what, String source) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        String where =
            columns == values.length ? "[" + i + "]" : "[" + i / columns + "][" + i % columns + "]";
        throw new InvalidDataException(
            source + " is damaged: " + what + where + " is " + values[i] + " (not finite)");
      }
    }
  }

  private static ImageShape shape(
      int height, int width, int channels, int features, String source) {
    if (height < 1
        || width < 1
        || channels < 1
        || (long) height * width * channels != features - 1) {
      throw new InvalidDataException(
          source
              + ": image shape "
              + height
              + "x"
              + width
              + "x"
              + channels
              + " does not match "
              + features
              + " features");
    }
    return new ImageShape(height, width, channels);
  }

  /** Version 1 files were CIFAR-10 models (32 x 32 x 3). */
  private static ImageShape legacyShape(int features, String source) {
    return shape(32, 32, 3, features, source);
  }

  /** Loads {@code path}, a model file or a directory holding {@value #FILE_NAME}. */
  public static LinearModel load(String path, Configuration conf) {
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(conf);
      if (!fs.exists(p)) {
        throw new InvalidDataException(path + ": no such model file or directory");
      }
      FileStatus status = fs.getFileStatus(p);
      if (status.isDirectory()) {
        p = new Path(p, FILE_NAME);
        if (!fs.exists(p)) {
          throw new InvalidDataException(path + ": directory holds no " + FILE_NAME);
        }
        status = fs.getFileStatus(p);
      }
      try (InputStream in = fs.open(p)) {
        return readFrom(new java.io.BufferedInputStream(in), p.toString(), status.getLen());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": " + e.getMessage(), e);
    }
  }
}
