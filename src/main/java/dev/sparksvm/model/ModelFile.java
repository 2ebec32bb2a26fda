package dev.sparksvm.model;

import dev.sparksvm.core.Weights;
import dev.sparksvm.data.ImageSchema;
import dev.sparksvm.data.ImageShape;
import dev.sparksvm.data.InvalidDataException;
import dev.sparksvm.io.Crc32cFraming;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UTFDataFormatException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bytes of {@code model.bin}, in the layout {@link LinearModel} documents: writing the current
 * version, and reading every version back with its checks (the magic, a plausible shape, the sizes
 * against the file's length, the CRC-32C, finite numbers), from a stream or from a path on any
 * Hadoop file system. It knows a model only by its parts: a {@link Parts} makes the model of what
 * was read.
 */
final class ModelFile {
  /** The file name inside a model directory. */
  static final String FILE_NAME = "model.bin";

  private static final Logger LOG = LoggerFactory.getLogger(ModelFile.class);
  private static final byte[] MAGIC = "SPSVMv03".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MAGIC_V2 = "SPSVMv02".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MAGIC_V1 = "SPSVMv01".getBytes(StandardCharsets.US_ASCII);

  /** Larger models are refused as implausible before any allocation. */
  private static final long MAX_VALUES = 100_000_000;

  private ModelFile() {}

  /** Makes a model of the parts read from a file. */
  @FunctionalInterface
  interface Parts<T> {
    T of(
        Weights weights,
        double[] mean,
        ImageSchema schema,
        String loss,
        Map<String, String> provenance);
  }

  /** Writes a model of these parts in the current version. */
  static void write(
      OutputStream stream,
      Weights weights,
      double[] mean,
      ImageSchema schema,
      String loss,
      Map<String, String> provenance)
      throws IOException {
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
   * Reads any version, checking it as it goes: the magic, a plausible shape, the sizes against the
   * file's length when known ({@code length} < 0: unknown), then the checksum and that every number
   * of W and the mean is finite.
   *
   * @param source names the file in error messages
   * @param model makes the model of the parts read
   */
  static <T> T read(InputStream stream, String source, long length, Parts<T> model)
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
      return model.of(
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

  /**
   * Reads {@code path}, a model file or a directory holding {@value #FILE_NAME}, from any Hadoop
   * file system.
   */
  static <T> T load(String path, Configuration conf, Parts<T> model) {
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
        return read(new BufferedInputStream(in), p.toString(), status.getLen(), model);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": " + e.getMessage(), e);
    }
  }
}
