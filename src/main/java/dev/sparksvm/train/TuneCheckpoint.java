package dev.sparksvm.train;

import dev.sparksvm.core.Weights;
import dev.sparksvm.data.InvalidDataException;
import dev.sparksvm.io.Crc32cFraming;
import dev.sparksvm.optim.EarlyStopping;
import dev.sparksvm.options.TuneOptions.Candidate;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UTFDataFormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * Everything {@code tune} needs to go on from step {@code step} exactly as if it had never stopped:
 * each model's (learning rate, regularization), W and the update's velocity, the step it diverged
 * at, its last validation accuracy and its losses so far, with the fingerprint and the options of
 * the run as {@link Checkpoint} holds them. Batches and learning rates are functions of (seed,
 * step): nothing else decides the rest.
 *
 * <p>File {@code checkpoint-STEP.bin} (big-endian): magic {@code SPSVMtc2}; long step; double
 * training seconds; ints K, C, D; K x (double lr, double reg, long diverged at, byte measured,
 * double validation accuracy, C*D doubles of W, byte has velocity, [C*D doubles of the velocity],
 * STEP doubles of loss); the fingerprint and the options as N (UTF, UTF) pairs each; magic {@code
 * SPSVMend}; the CRC-32C of every byte before it. Written to a temporary name and renamed; a train
 * checkpoint given to {@code tune} (and this one given to {@code train}) is refused by its magic.
 * The first version ({@code SPSVMtc1}) has no velocities: its runs all took the vanilla update.
 *
 * @param velocities each model's velocity (null for the vanilla update)
 */
record TuneCheckpoint(
    long step,
    double trainingSeconds,
    List<Candidate> candidates,
    List<Weights> weights,
    List<Weights> velocities,
    long[] divergedAt,
    Double[] val,
    double[][] losses,
    Map<String, String> fingerprint,
    Map<String, String> options) {
  static final byte[] MAGIC = CheckpointFiles.TUNE_MAGIC;

  TuneCheckpoint {
    candidates = List.copyOf(candidates);
    weights = List.copyOf(weights);
    velocities = java.util.Collections.unmodifiableList(new ArrayList<>(velocities));
    if (velocities.size() != weights.size()) {
      throw new IllegalArgumentException(velocities.size() + " velocities for " + weights.size());
    }
    fingerprint = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fingerprint));
    options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }

  /**
   * The run's fingerprint and options as a {@link Checkpoint} holds them (its W the first model's),
   * so that {@link ResumedOptions} restores and checks tune's options as it does train's.
   */
  Checkpoint header() {
    return new Checkpoint(
        step,
        trainingSeconds,
        Double.NaN,
        weights.get(0),
        null,
        fingerprint,
        List.of(),
        new EarlyStopping.State(Double.NEGATIVE_INFINITY, -1, null, 0),
        options);
  }

  /** The newest tune checkpoint in {@code dir}, or null when there is none. */
  static TuneCheckpoint newest(String dir, Configuration conf) {
    return CheckpointFiles.newest(dir, conf, TuneCheckpoint::readFrom);
  }

  /** Writes the documented format. */
  void writeTo(OutputStream stream) throws IOException {
    Crc32cFraming.Output framed = Crc32cFraming.output(stream);
    DataOutputStream out = framed.data();
    out.write(MAGIC);
    out.writeLong(step);
    out.writeDouble(trainingSeconds);
    out.writeInt(weights.size());
    out.writeInt(weights.get(0).classes());
    out.writeInt(weights.get(0).features());
    for (int m = 0; m < weights.size(); m++) {
      out.writeDouble(candidates.get(m).learningRate());
      out.writeDouble(candidates.get(m).reg());
      out.writeLong(divergedAt[m]);
      out.writeBoolean(val[m] != null);
      out.writeDouble(val[m] == null ? Double.NaN : val[m]);
      out.write(weights.get(m).toBytes());
      CheckpointFormat.writeOptional(out, velocities.get(m));
      for (int s = 0; s < step; s++) {
        out.writeDouble(losses[m][s]);
      }
    }
    CheckpointFormat.writePairs(out, fingerprint);
    CheckpointFormat.writePairs(out, options);
    out.write(CheckpointFormat.END);
    framed.finish();
  }

  /** Reads the documented format; {@code source} names the file in errors. */
  static TuneCheckpoint readFrom(InputStream stream, String source, long length)
      throws IOException {
    Crc32cFraming.Input framed = Crc32cFraming.input(stream);
    DataInputStream in = framed.data();
    try {
      byte[] magic = new byte[MAGIC.length];
      in.readFully(magic);
      if (!CheckpointFiles.isTune(magic)) {
        boolean train =
            Arrays.equals(magic, CheckpointFormat.MAGIC)
                || Arrays.equals(magic, CheckpointFormat.MAGIC_V3)
                || Arrays.equals(magic, CheckpointFormat.MAGIC_V2)
                || Arrays.equals(magic, CheckpointFormat.MAGIC_V1);
        throw new InvalidDataException(
            source
                + (train
                    ? ": a train checkpoint: resume it with train --resume"
                    : ": not a sparksvm tune checkpoint (bad magic)"));
      }
      long step = in.readLong();
      double seconds = in.readDouble();
      int k = in.readInt();
      int c = in.readInt();
      int d = in.readInt();
      long perModel = 8L * c * d + 8L * Math.max(step, 0) + 25;
      if (k < 1
          || k > 256
          || c < 1
          || d < 1
          || step < 0
          || (length >= 0 && k * perModel > length)) {
        // Checked before allocating: a damaged header must not cost its claim in memory.
        throw new InvalidDataException(
            source + " is damaged: " + k + " models of " + c + " x " + d + " at step " + step);
      }
      List<Candidate> candidates = new ArrayList<>();
      boolean withVelocities = Arrays.equals(magic, MAGIC);
      List<Weights> weights = new ArrayList<>();
      List<Weights> velocities = new ArrayList<>();
      long[] divergedAt = new long[k];
      Double[] val = new Double[k];
      double[][] losses = new double[k][(int) step];
      for (int m = 0; m < k; m++) {
        double lr = in.readDouble();
        double reg = in.readDouble();
        divergedAt[m] = in.readLong();
        boolean measured = in.readBoolean();
        double acc = in.readDouble();
        val[m] = measured ? acc : null;
        double[] v = new double[c * d];
        for (int i = 0; i < v.length; i++) {
          v[i] = in.readDouble();
        }
        Weights w = new Weights(c, d, v);
        velocities.add(withVelocities ? CheckpointFormat.readOptional(in, w) : null);
        for (int s = 0; s < step; s++) {
          losses[m][s] = in.readDouble();
        }
        try {
          candidates.add(new Candidate(lr, reg));
        } catch (IllegalArgumentException e) {
          throw new InvalidDataException(source + " is damaged: model " + (m + 1) + " lr " + lr);
        }
        weights.add(w);
      }
      Map<String, String> fingerprint = CheckpointFormat.readPairs(in, source, length);
      Map<String, String> options = CheckpointFormat.readPairs(in, source, length);
      byte[] end = new byte[CheckpointFormat.END.length];
      in.readFully(end);
      if (!Arrays.equals(end, CheckpointFormat.END)) {
        throw new InvalidDataException(source + ": checkpoint does not end where it should");
      }
      String mismatch = framed.mismatch();
      if (mismatch != null) {
        throw new InvalidDataException(source + " is damaged: " + mismatch);
      }
      if (stream.read() != -1) {
        throw new InvalidDataException(source + ": unexpected bytes after the checkpoint");
      }
      for (int m = 0; m < k; m++) {
        if (divergedAt[m] < 0) { // a dropped model's W may be what overflowed
          CheckpointFormat.requireFinite(weights.get(m), source);
          if (velocities.get(m) != null) {
            CheckpointFormat.requireFinite(velocities.get(m), "the velocity", source);
          }
        }
      }
      return new TuneCheckpoint(
          step,
          seconds,
          candidates,
          weights,
          velocities,
          divergedAt,
          val,
          losses,
          fingerprint,
          options);
    } catch (EOFException e) {
      throw new InvalidDataException(source + ": checkpoint is truncated");
    } catch (UTFDataFormatException e) {
      throw new InvalidDataException(
          source + " is damaged: malformed text (" + e.getMessage() + ")");
    }
  }
}
