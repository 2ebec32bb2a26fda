package dev.sparksvm.model;

import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Cifar10;
import dev.sparksvm.data.InvalidDataException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A trained linear classifier: W, the per-pixel training mean its inputs are centred with, and the
 * class names.
 *
 * <p><b>File format</b> ({@code model.bin}; all numbers big-endian, as {@link java.io.DataOutput}
 * writes them):
 *
 * <pre>
 *   8 bytes   magic "SPSVMv01" (ASCII)
 *   int       C, number of classes
 *   int       D, number of features (pixels + 1 for the bias)
 *   UTF       loss the model was trained with ("svm" or "softmax")
 *   C x UTF   class names, class 0 first
 *   C*D x double  W row-major: W[c][j] at position c*D + j; column D-1 is the bias
 *   (D-1) x double  the mean subtracted from each pixel, in record order
 * </pre>
 *
 * The W block is exactly the bytes {@link Weights#toBytes()} hashes for {@code weights_sha256}.
 *
 * @param weights W
 * @param mean per-pixel mean, {@code features - 1} values
 * @param classNames one name per class
 * @param loss name of the training loss
 */
public record LinearModel(Weights weights, double[] mean, List<String> classNames, String loss) {
  /** The file name inside a model directory. */
  public static final String FILE_NAME = "model.bin";
  private static final byte[] MAGIC = "SPSVMv01".getBytes(StandardCharsets.US_ASCII);

  public LinearModel {
    if (mean.length != weights.features() - 1) {
      throw new IllegalArgumentException("mean has " + mean.length + " values, expected "
          + (weights.features() - 1));
    }
    if (classNames.size() != weights.classes()) {
      throw new IllegalArgumentException(classNames.size() + " class names for "
          + weights.classes() + " classes");
    }
    classNames = List.copyOf(classNames);
  }

  /** Writes the documented format. */
  public void writeTo(OutputStream stream) throws IOException {
    DataOutputStream out = new DataOutputStream(stream);
    out.write(MAGIC);
    out.writeInt(weights.classes());
    out.writeInt(weights.features());
    out.writeUTF(loss);
    for (String name : classNames) {
      out.writeUTF(name);
    }
    out.write(weights.toBytes());
    for (double m : mean) {
      out.writeDouble(m);
    }
    out.flush();
  }

  /** Reads the documented format; {@code source} names the file in error messages. */
  public static LinearModel readFrom(InputStream stream, String source) throws IOException {
    DataInputStream in = new DataInputStream(stream);
    try {
      byte[] magic = new byte[MAGIC.length];
      in.readFully(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new InvalidDataException(source + ": not a sparksvm model file (bad magic)");
      }
      int classes = in.readInt();
      int features = in.readInt();
      if (classes <= 0 || features <= 1 || (long) classes * features > 100_000_000) {
        throw new InvalidDataException(source + ": implausible model shape " + classes + " x "
            + features);
      }
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
      return new LinearModel(new Weights(classes, features, w), mean, names, loss);
    } catch (EOFException e) {
      throw new InvalidDataException(source + ": model file is truncated");
    }
  }

  /** Loads {@code path}, a model file or a directory holding {@value #FILE_NAME}. */
  public static LinearModel load(String path, Configuration conf) {
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(conf);
      if (!fs.exists(p)) {
        throw new InvalidDataException(path + ": no such model file or directory");
      }
      if (fs.getFileStatus(p).isDirectory()) {
        p = new Path(p, FILE_NAME);
        if (!fs.exists(p)) {
          throw new InvalidDataException(path + ": directory holds no " + FILE_NAME);
        }
      }
      try (InputStream in = fs.open(p)) {
        LinearModel model = readFrom(in, p.toString());
        if (model.weights().features() != Cifar10.FEATURES) {
          throw new InvalidDataException(p + ": model has " + model.weights().features()
              + " features, CIFAR-10 needs " + Cifar10.FEATURES);
        }
        return model;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": " + e.getMessage(), e);
    }
  }
}
