package dev.sparksvm.train;

import dev.sparksvm.core.Precision;
import dev.sparksvm.data.ImageSchema;
import dev.sparksvm.optim.UpdateRule;
import dev.sparksvm.options.InitialRate;
import dev.sparksvm.options.TrainArgs;
import dev.sparksvm.options.TrainOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A training run's options as its outputs record them, all from the one record of them ({@link
 * TrainOptions}): the fingerprint a checkpoint is compared by, and what shaped W (the {@code
 * option.*} provenance of {@code model.bin} and the {@code options} of {@code metrics.json}, the
 * same for {@code train} and {@code tune}).
 */
final class RunOptions {
  /** The options that decide W's trajectory, in the fingerprint's order. */
  private static final List<String> TRAJECTORY =
      List.of(
          "--loss",
          "--delta",
          "--reg",
          "--batch",
          "--lr",
          "--lr-decay",
          "--init-scale",
          "--precision",
          "--update",
          "--momentum",
          "--seed",
          "--val");

  private RunOptions() {}

  /**
   * The options and data that decide the trajectory of W, for checkpoints: a run may only resume
   * with the same ones ({@code --iters}, {@code --eval-every}, {@code --print-every}, {@code --out}
   * and the early-stopping options may change). The keys and values are those checkpoints have
   * always held, so older checkpoints still resume: the options as the command line writes them
   * ({@link TrainArgs}), {@code --delta} for the SVM only, {@code --precision} only when not
   * double, {@code --update} and {@code --momentum} only when the update is not the vanilla one,
   * then the partition count used, C, D and each data file by name, records and checksum.
   *
   * @param partitions the partitions of the cached training set
   * @param dataFiles each training file: path to {@code records=N crc32c=HEX}
   */
  static Map<String, String> fingerprint(
      TrainOptions o, int partitions, ImageSchema schema, Map<String, String> dataFiles) {
    Map<String, String> f = trajectory(o);
    f.put("--partitions", Integer.toString(partitions));
    f.put("classes", Integer.toString(schema.classes()));
    f.put("features", Integer.toString(schema.features()));
    int i = 1;
    for (Map.Entry<String, String> file : dataFiles.entrySet()) {
      // By name, records and checksum: the same bytes moved elsewhere are the same data.
      f.put(
          "data file " + i++,
          new org.apache.hadoop.fs.Path(file.getKey()).getName() + " " + file.getValue());
    }
    return f;
  }

  /**
   * The options of the fingerprint, in its order: those of {@link #TRAJECTORY} that apply, as the
   * command line writes them.
   */
  static Map<String, String> trajectory(TrainOptions o) {
    Map<String, String> args = TrainArgs.of(o);
    Map<String, String> f = new LinkedHashMap<>();
    for (String name : TRAJECTORY) {
      boolean absent =
          (name.equals("--delta") && !o.loss().loss().usesMargin())
              || (name.equals("--precision") && o.descent().precision() == Precision.DOUBLE)
              || (name.equals("--update") && o.descent().update().rule() == UpdateRule.SGD)
              || (name.equals("--momentum") && !o.descent().update().hasVelocity());
      if (!absent) {
        f.put(name, args.get(name));
      }
    }
    return f;
  }

  /**
   * Every option that shaped W, as the user would write it, with what the run resolved: the
   * partition count used and the learning rate used ({@code auto (X)} when {@code --lr auto} chose
   * it). {@code delta} is there for the SVM only, {@code momentum} for the momentum updates only.
   */
  static Map<String, Object> shaping(TrainOptions o, int partitions, double learningRate) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("loss", o.loss().loss().label());
    m.put("reg", o.loss().reg());
    if (o.loss().loss().usesMargin()) {
      m.put("delta", o.loss().delta());
    }
    m.put("batch", o.descent().batch());
    m.put("iters", o.descent().iterations());
    m.put(
        "lr",
        o.descent().learningRate() instanceof InitialRate.Auto
            ? "auto (" + learningRate + ")"
            : (Object) learningRate);
    m.put("lr-decay", o.descent().lrDecay());
    m.put("init-scale", o.descent().initScale());
    m.put("seed", o.data().seed());
    m.put("val", o.data().validation());
    m.put("partitions", partitions);
    m.put("precision", o.descent().precision().label());
    m.put("update", o.descent().update().rule().label());
    if (o.descent().update().hasVelocity()) {
      m.put("momentum", o.descent().update().momentum());
    }
    return m;
  }
}
