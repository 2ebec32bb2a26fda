package dev.sparksvm.model;

import dev.sparksvm.core.LinearBatch;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.ImageSchema;
import dev.sparksvm.io.Crc32cFraming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.linalg.Matrices;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;

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
  public static final String FILE_NAME = ModelFile.FILE_NAME;

  private static final long serialVersionUID = 1L;

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
    ModelFile.write(stream, weights, mean, schema, loss, provenance);
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
    return ModelFile.read(stream, source, length, LinearModel::new);
  }

  /** Loads {@code path}, a model file or a directory holding {@value #FILE_NAME}. */
  public static LinearModel load(String path, Configuration conf) {
    return ModelFile.load(path, conf, LinearModel::new);
  }
}
