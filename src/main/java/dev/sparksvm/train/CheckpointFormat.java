package dev.sparksvm.train;

import dev.sparksvm.core.Weights;
import dev.sparksvm.data.InvalidDataException;
import dev.sparksvm.io.Crc32cFraming;
import dev.sparksvm.optim.EarlyStopping;
import dev.sparksvm.report.History;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UTFDataFormatException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file of a {@link Checkpoint}, {@code checkpoint-STEP.bin}: its binary layout written and read
 * back, and the newest whole one in a run's directory. The pieces both checkpoint formats share
 * (name-value pairs, W, the end marker) are here too, for {@link TuneCheckpoint}.
 *
 * <p>Layout (big-endian): magic {@code SPSVMck4}; long step; double training seconds; double
 * learning rate; ints C, D and C*D doubles of W; byte has velocity, [C*D doubles of the update's
 * velocity]; int N and N (UTF key, UTF value) fingerprint pairs; int M and M (UTF name, UTF value)
 * pairs of the run's options as the command line writes them ({@link
 * dev.sparksvm.options.TrainArgs}), which {@code train --resume DIR} alone restores; int R and R
 * history rows (long iteration, double loss, double seconds, double learning rate, byte measured,
 * double accuracy); the tracker (double best accuracy, long best step, int evaluations since, byte
 * has W, [C*D doubles]); magic {@code SPSVMend}; the CRC-32C of every byte before it ({@link
 * Crc32cFraming}). Written to a temporary name and renamed, so a checkpoint that exists is
 * complete; one whose checksum does not match, or whose W is not finite, is refused as damaged.
 * Checkpoints of the third version ({@code SPSVMck3}) have no velocity: they were all written by
 * the vanilla update, which has none (their fingerprint holds no {@code --update}). Those of the
 * second ({@code SPSVMck2}) have no options either (a resume restores the fingerprint's); those of
 * the first ({@code SPSVMck1}, no checksum either) are still read, with a warning that they cannot
 * be verified.
 */
final class CheckpointFormat {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointFormat.class);
  static final byte[] MAGIC = "SPSVMck4".getBytes(StandardCharsets.US_ASCII);
  static final byte[] MAGIC_V3 = "SPSVMck3".getBytes(StandardCharsets.US_ASCII);
  static final byte[] MAGIC_V2 = "SPSVMck2".getBytes(StandardCharsets.US_ASCII);
  static final byte[] MAGIC_V1 = "SPSVMck1".getBytes(StandardCharsets.US_ASCII);
  static final byte[] END = "SPSVMend".getBytes(StandardCharsets.US_ASCII);

  private CheckpointFormat() {}

  /** Writes the documented format. */
  static void write(Checkpoint c, OutputStream stream) throws IOException {
    Crc32cFraming.Output framed = Crc32cFraming.output(stream);
    DataOutputStream out = framed.data();
    out.write(MAGIC);
    out.writeLong(c.step());
    out.writeDouble(c.trainingSeconds());
    out.writeDouble(c.learningRate());
    writeWeights(out, c.weights());
    writeOptional(out, c.velocity());
    writePairs(out, c.fingerprint());
    writePairs(out, c.options());
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
    writeOptional(out, c.tracker().best());
    out.write(END);
    framed.finish();
  }

  /**
   * Reads the documented format; {@code source} names the file in errors, and {@code length} (the
   * file's size in bytes, or -1 when unknown) bounds what its header may claim.
   */
  static Checkpoint read(InputStream stream, String source, long length) throws IOException {
    Crc32cFraming.Input framed = Crc32cFraming.input(stream);
    DataInputStream in = framed.data();
    try {
      byte[] magic = new byte[MAGIC.length];
      in.readFully(magic);
      boolean withVelocity = Arrays.equals(magic, MAGIC);
      boolean withOptions = withVelocity || Arrays.equals(magic, MAGIC_V3);
      boolean checked = withOptions || Arrays.equals(magic, MAGIC_V2);
      if (CheckpointFiles.isTune(magic)) {
        throw new InvalidDataException(
            source + ": a tune checkpoint: resume it with tune --resume");
      }
      if (!checked && !Arrays.equals(magic, MAGIC_V1)) {
        throw new InvalidDataException(source + ": not a sparksvm checkpoint (bad magic)");
      }
      long step = in.readLong();
      double seconds = in.readDouble();
      double lr = in.readDouble();
      Weights w = readWeights(in, source, length);
      Weights velocity = withVelocity ? readOptional(in, w) : null;
      Map<String, String> fingerprint = readPairs(in, source, length);
      Map<String, String> options = withOptions ? readPairs(in, source, length) : Map.of();
      int rows = in.readInt();
      if (rows < 0 || rows > step) {
        throw new InvalidDataException(source + ": " + rows + " history rows for step " + step);
      }
      List<History.Row> history = new ArrayList<>();
      for (int i = 0; i < rows; i++) {
        long it = in.readLong();
        double loss = in.readDouble();
        double sec = in.readDouble();
        double rate = in.readDouble();
        boolean measured = in.readBoolean();
        double acc = in.readDouble();
        history.add(new History.Row(it, loss, sec, rate, measured ? acc : null));
      }
      double bestAccuracy = in.readDouble();
      long bestStep = in.readLong();
      int since = in.readInt();
      Weights best = readOptional(in, w);
      byte[] end = new byte[END.length];
      in.readFully(end);
      if (!Arrays.equals(end, END)) {
        throw new InvalidDataException(source + ": checkpoint does not end where it should");
      }
      if (checked) {
        String mismatch = framed.mismatch();
        if (mismatch != null) {
          throw new InvalidDataException(source + " is damaged: " + mismatch);
        }
      } else {
        LOG.warn(
            "{} was written before checkpoints carried a checksum (SPSVMck1): it cannot be"
                + " verified",
            source);
      }
      if (stream.read() != -1) {
        throw new InvalidDataException(source + ": unexpected bytes after the checkpoint");
      }
      requireFinite(w, source);
      if (velocity != null) {
        requireFinite(velocity, "the velocity", source);
      }
      if (best != null) {
        requireFinite(best, "the best W", source);
      }
      return new Checkpoint(
          step,
          seconds,
          lr,
          w,
          velocity,
          fingerprint,
          history,
          new EarlyStopping.State(bestAccuracy, bestStep, best, since),
          options);
    } catch (EOFException e) {
      throw new InvalidDataException(source + ": checkpoint is truncated");
    } catch (UTFDataFormatException e) {
      throw new InvalidDataException(
          source + " is damaged: malformed text (" + e.getMessage() + ")");
    }
  }

  /**
   * The newest checkpoint in {@code dir} (the highest step whose file reads back whole), or null
   * when there is none.
   */
  static Checkpoint newest(String dir, Configuration conf) {
    return CheckpointFiles.newest(dir, conf, CheckpointFormat::read);
  }

  static void requireFinite(Weights w, String source) {
    requireFinite(w, "W", source);
  }

  /** Refuses {@code w} (called {@code name} in the message) unless every entry is finite. */
  static void requireFinite(Weights w, String name, String source) {
    double[] v = w.values();
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw new InvalidDataException(
            source
                + " is damaged: "
                + name
                + "["
                + i / w.features()
                + "]["
                + i % w.features()
                + "] is "
                + v[i]
                + " (not finite)");
      }
    }
  }

  static void writePairs(DataOutputStream out, Map<String, String> pairs) throws IOException {
    out.writeInt(pairs.size());
    for (Map.Entry<String, String> e : pairs.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeUTF(e.getValue());
    }
  }

  static Map<String, String> readPairs(DataInputStream in, String source, long length)
      throws IOException {
    int n = in.readInt();
    if (n < 0 || (length >= 0 && 4L * n > length)) {
      throw new InvalidDataException(source + " is damaged: " + n + " name-value pairs");
    }
    Map<String, String> pairs = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      pairs.put(in.readUTF(), in.readUTF());
    }
    return pairs;
  }

  static void writeWeights(DataOutputStream out, Weights w) throws IOException {
    out.writeInt(w.classes());
    out.writeInt(w.features());
    out.write(w.toBytes());
  }

  static Weights readWeights(DataInputStream in, String source, long length) throws IOException {
    int c = in.readInt();
    int d = in.readInt();
    if (c < 1 || d < 1 || (long) c * d > 100_000_000) {
      throw new InvalidDataException(source + ": implausible weights shape " + c + " x " + d);
    }
    if (length >= 0 && 8L * c * d > length) {
      // Checked before allocating: a damaged or hostile header must not cost its claim in memory.
      throw new InvalidDataException(
          source
              + ": checkpoint is truncated ("
              + length
              + " bytes cannot hold W of "
              + c
              + " x "
              + d
              + ")");
    }
    double[] v = new double[c * d];
    for (int i = 0; i < v.length; i++) {
      v[i] = in.readDouble();
    }
    return new Weights(c, d, v);
  }

  /** A byte that says whether {@code w} is there, then its C*D doubles if it is. */
  static void writeOptional(DataOutputStream out, Weights w) throws IOException {
    out.writeBoolean(w != null);
    if (w != null) {
      out.write(w.toBytes());
    }
  }

  /** What {@link #writeOptional} wrote of a matrix of {@code shape}'s shape, or null. */
  static Weights readOptional(DataInputStream in, Weights shape) throws IOException {
    if (!in.readBoolean()) {
      return null;
    }
    double[] v = new double[shape.values().length];
    for (int i = 0; i < v.length; i++) {
      v[i] = in.readDouble();
    }
    return new Weights(shape.classes(), shape.features(), v);
  }
}
