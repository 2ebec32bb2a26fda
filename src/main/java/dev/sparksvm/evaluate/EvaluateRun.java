package dev.sparksvm.evaluate;

import dev.sparksvm.data.Cifar100;
import dev.sparksvm.data.DataFormat;
import dev.sparksvm.data.ImageSchema;
import dev.sparksvm.data.InvalidDataException;
import dev.sparksvm.input.ImageFiles;
import dev.sparksvm.input.RecordSelection;
import dev.sparksvm.io.InputOverlap;
import dev.sparksvm.model.LinearModel;
import dev.sparksvm.options.DataLocation;
import dev.sparksvm.options.DataOptions;
import dev.sparksvm.options.EvaluateOptions;
import dev.sparksvm.report.Json;
import dev.sparksvm.session.Session;
import dev.sparksvm.spark.DistributedAccuracy;
import dev.sparksvm.spark.ImageData;
import dev.sparksvm.spark.ImageLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code evaluate}: the accuracy of a saved model on a data set, computed on the cluster. The model
 * file and the data are checked (magic, sizes, shape against the data) before any job runs.
 */
public final class EvaluateRun {

  /** The loaded model and the checked data files. */
  public record Inputs(LinearModel model, ImageFiles files) {
    /** {@link #resolve(String, DataOptions, Configuration)} of data in any format. */
    public static Inputs resolve(String model, String data, Configuration conf) {
      return resolve(model, DataOptions.defaults().withData(data), conf);
    }

    /**
     * Loads the model and resolves the data, refusing a model whose image shape or class count does
     * not fit the data's. Without {@code labels}, CIFAR-100 data is read with the labels (fine or
     * coarse) whose class count is the model's.
     */
    public static Inputs resolve(String model, DataOptions options, Configuration conf) {
      LinearModel m = LinearModel.load(model, conf);
      String data = DataLocation.resolve(options.data(), options.seed()).path();
      ImageFiles files =
          ImageFiles.resolve(data, options.request(ImageFiles.Which.TEST_ELSE_TRAINING), conf);
      if (options.labels() == null
          && files.format() == DataFormat.CIFAR100
          && m.schema().classes() == Cifar100.Labels.COARSE.classes()) {
        files =
            ImageFiles.resolve(
                data,
                new ImageFiles.Request(
                    DataFormat.CIFAR100,
                    Cifar100.Labels.COARSE,
                    ImageFiles.Which.TEST_ELSE_TRAINING),
                conf);
      }
      ImageSchema schema = files.schema();
      if (!m.schema().shape().equals(schema.shape()) || m.schema().classes() != schema.classes()) {
        throw new InvalidDataException(
            model
                + ": the model takes "
                + m.schema().classes()
                + " classes of "
                + m.schema().shape()
                + " images, the data has "
                + schema.classes()
                + " classes of "
                + schema.shape()
                + " images");
      }
      return new Inputs(m, files);
    }
  }

  private EvaluateRun() {}

  /** Checks everything before Spark starts, then measures; returns the metrics. */
  public static Map<String, Object> run(EvaluateOptions o) {
    try (Session<Inputs> s =
        Session.open(
            "evaluate",
            o.spark(),
            o.output(),
            conf -> Inputs.resolve(o.model(), o.data(), conf),
            inputs -> reads(o, inputs))) {
      Map<String, Object> m =
          evaluate(s.sc(), s.inputs(), o.data().partitions(s.defaultParallelism()));
      if (s.out() != null) {
        s.out().writeText("metrics.json", Json.write(m));
        s.out().finish(true);
      }
      return m;
    }
  }

  /** What evaluate reads: the model, the data as given, and each data file (the default's too). */
  private static List<InputOverlap.Input> reads(EvaluateOptions o, Inputs inputs) {
    List<InputOverlap.Input> reads = new ArrayList<>();
    reads.add(InputOverlap.Input.of("--model", o.model()));
    reads.add(InputOverlap.Input.of("--data", o.data().data()));
    for (String file : inputs.files().paths()) {
      reads.add(InputOverlap.Input.of("--data", file));
    }
    return reads;
  }

  /** Loads the data and measures the model's accuracy; returns the metrics. */
  public static Map<String, Object> evaluate(JavaSparkContext sc, Inputs inputs, int partitions) {
    ImageData data =
        ImageLoader.load(
            sc, inputs.files(), RecordSelection.all(), partitions, "evaluation images");
    double accuracy;
    try {
      accuracy = DistributedAccuracy.of(sc, data, inputs.model().weights(), inputs.model().mean());
    } finally {
      data.unpersist();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", "evaluate");
    m.put("accuracy", accuracy);
    m.put("images", data.count());
    m.put("data_files", inputs.files().paths());
    m.put("data_format", inputs.files().format().id());
    m.put("loss", inputs.model().loss());
    m.put("weights_sha256", inputs.model().weights().sha256());
    m.put("model_provenance", inputs.model().provenance());
    return m;
  }
}
