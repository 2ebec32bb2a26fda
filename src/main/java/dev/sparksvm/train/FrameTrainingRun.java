package dev.sparksvm.train;

import dev.sparksvm.io.InputOverlap;
import dev.sparksvm.ml.CommandLineFit;
import dev.sparksvm.ml.LinearClassificationModel;
import dev.sparksvm.ml.LinearClassificationSummary;
import dev.sparksvm.options.FrameInputs;
import dev.sparksvm.options.FrameSource;
import dev.sparksvm.options.TrainOptions;
import dev.sparksvm.report.Json;
import dev.sparksvm.session.Session;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code train --format libsvm|parquet|images}: the inputs and {@code --out} checked before Spark
 * starts, then the spark.ml estimator's path ({@link CommandLineFit}); writes {@code model/} (the
 * model in spark.ml's layout, for {@code LinearClassificationModel.load} or {@code PipelineModel})
 * and {@code metrics.json}, together when the run succeeds.
 */
public final class FrameTrainingRun {
  private FrameTrainingRun() {}

  /** Checks the inputs and {@code --out}, starts Spark, trains and writes the outputs. */
  public static Map<String, Object> run(TrainOptions o, FrameSource source) {
    try (Session<FrameInputs> s =
        Session.open(
            "train",
            o.spark(),
            o.output().orDefault("train"),
            inputs(o, source),
            FrameTrainingRun::reads)) {
      return run(s, o, source);
    }
  }

  /**
   * As {@link #run(TrainOptions, FrameSource)} on a running context, which it leaves running
   * (tests); {@code --out}'s earlier contents are replaced.
   */
  public static Map<String, Object> run(JavaSparkContext sc, TrainOptions o, FrameSource source) {
    try (Session<FrameInputs> s =
        Session.on(sc, "train", o.output().dir(), inputs(o, source), FrameTrainingRun::reads)) {
      return run(s, o, source);
    }
  }

  /** What train reads from a DataFrame source: --data and --test, kept apart from --out. */
  private static List<InputOverlap.Input> reads(FrameInputs in) {
    List<InputOverlap.Input> reads = new ArrayList<>();
    reads.add(InputOverlap.Input.of("--data", in.data()));
    if (in.test() != null) {
      reads.add(InputOverlap.Input.of("--test", in.test()));
    }
    return reads;
  }

  private static Function<Configuration, FrameInputs> inputs(TrainOptions o, FrameSource source) {
    return conf -> {
      CommandLineFit.check(o, source);
      return FrameInputs.resolve(o.data(), source, conf);
    };
  }

  private static Map<String, Object> run(
      Session<FrameInputs> s, TrainOptions o, FrameSource source) {
    String model = new Path(s.out().stagingFolder(), "model").toString();
    CommandLineFit.Result r = CommandLineFit.run(s.sc(), s.inputs(), source, o, model);
    s.out().adopt("model");
    Map<String, Object> m = metrics(o, source, s, r);
    System.out.printf(
        Locale.ROOT,
        "train accuracy %.4f%s%s; weights_sha256 %s%n",
        r.trainAccuracy(),
        r.validationAccuracy() == null
            ? ""
            : String.format(Locale.ROOT, ", validation %.4f", r.validationAccuracy()),
        r.testAccuracy() == null ? "" : String.format(Locale.ROOT, ", test %.4f", r.testAccuracy()),
        r.weightsSha256());
    s.out().writeText("metrics.json", Json.write(m));
    s.out().finish(true);
    return m;
  }

  private static Map<String, Object> metrics(
      TrainOptions o, FrameSource source, Session<FrameInputs> s, CommandLineFit.Result r) {
    LinearClassificationModel model = r.model();
    LinearClassificationSummary summary = model.summary();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", "train");
    m.put("data", s.inputs().data());
    m.put("data_format", source.format().toString());
    m.put("test_data", s.inputs().test());
    m.put("loss", model.trainedLoss());
    m.put("classes", model.numClasses());
    m.put("features", model.numFeatures());
    m.put("standardization", model.getStandardization());
    m.put("train_rows", summary.trainRows());
    m.put("val_rows", r.validationRows());
    m.put("train_accuracy", r.trainAccuracy());
    m.put("val_accuracy", r.validationAccuracy());
    m.put("test_accuracy", r.testAccuracy());
    m.put("weights_sha256", r.weightsSha256());
    m.put("lr", summary.stepSize());
    m.put("lr_chosen_by_sweep", summary.stepSizeChosen());
    m.put("reg", o.loss().reg());
    m.put("iterations", summary.totalIterations());
    m.put("kept_step", summary.keptStep());
    m.put("batch", model.getBatchSize());
    m.put("seed", o.data().seed());
    m.put("precision", summary.precision());
    m.put("cached_bytes_per_row", summary.bytesPerRow());
    m.put("partitions", summary.partitions());
    m.put("load_seconds", summary.loadSeconds());
    m.put("train_seconds", summary.trainingSeconds());
    m.put("final_objective", last(summary.objectiveHistory()));
    m.put("spark_master", s.master());
    m.put("spark_version", s.sparkVersion());
    return m;
  }

  private static double last(double[] history) {
    return history.length == 0 ? Double.NaN : history[history.length - 1];
  }
}
