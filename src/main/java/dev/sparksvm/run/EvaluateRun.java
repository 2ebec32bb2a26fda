package dev.sparksvm.run;

import dev.sparksvm.data.Cifar10;
import dev.sparksvm.data.ImageSchema;
import dev.sparksvm.data.InvalidDataException;
import dev.sparksvm.io.OutputDirectory;
import dev.sparksvm.model.LinearModel;
import dev.sparksvm.report.Json;
import dev.sparksvm.spark.CifarFiles;
import dev.sparksvm.spark.CifarLoader;
import dev.sparksvm.spark.DistributedAccuracy;
import dev.sparksvm.spark.ImageData;
import dev.sparksvm.spark.RecordSelection;
import dev.sparksvm.spark.SparkContexts;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code evaluate}: the accuracy of a saved model on a data set, computed on the cluster. The model
 * file and the data are checked (magic, sizes, shape against the data) before any job runs.
 */
public final class EvaluateRun {

  /**
   * @param model a model directory or its {@code model.bin}
   * @param data a file, a glob, or a directory (its test_batch.bin if present, else its training batches)
   * @param partitions partitions (0: Spark's parallelism)
   * @param spark Spark master and event log
   * @param out also write DIR/metrics.json (null: don't)
   * @param overwrite let {@code out} hold earlier files (replaced when this finishes)
   */
  public record Options(String model, String data, int partitions, SparkOptions spark, String out,
      boolean overwrite) {}

  /** The loaded model and the checked data files. */
  public record Inputs(LinearModel model, CifarFiles files) {
    /** Loads the model and resolves the data, refusing a model that does not fit the data. */
    public static Inputs resolve(String model, String data, Configuration conf) {
      LinearModel m = LinearModel.load(model, conf);
      CifarFiles files = CifarFiles.resolve(data, conf, Cifar10.TEST_FILE, Cifar10.TRAIN_PATTERN);
      ImageSchema schema = Cifar10.SCHEMA;
      if (m.schema().features() != schema.features() || m.schema().classes() != schema.classes()) {
        throw new InvalidDataException(model + ": the model takes " + m.schema().classes()
            + " classes of " + m.schema().shape() + " images, the data has " + schema.classes()
            + " classes of " + schema.shape() + " images");
      }
      return new Inputs(m, files);
    }
  }

  private EvaluateRun() {}

  /** Checks everything before Spark starts, then measures; returns the metrics. */
  public static Map<String, Object> run(Options o) {
    Configuration conf = SparkContexts.hadoopConfiguration();
    Inputs inputs = Inputs.resolve(o.model(), o.data(), conf);
    Map<String, String> settings = o.spark().settings(conf);
    try (OutputDirectory out = o.out() == null ? null
            : OutputDirectory.prepare(o.out(), o.overwrite(), conf);
        JavaSparkContext sc = SparkContexts.open("sparksvm evaluate", o.spark().master(),
            settings)) {
      Map<String, Object> m = evaluate(sc, inputs, o.partitions());
      if (out != null) {
        out.writeText("metrics.json", Json.write(m));
        out.finish(true);
      }
      return m;
    }
  }

  /** Loads the data and measures the model's accuracy; returns the metrics. */
  public static Map<String, Object> evaluate(JavaSparkContext sc, Inputs inputs, int partitions) {
    ImageData data = CifarLoader.load(sc, inputs.files(), RecordSelection.all(),
        partitions > 0 ? partitions : sc.defaultParallelism(), "evaluation images");
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
    m.put("loss", inputs.model().loss());
    m.put("weights_sha256", inputs.model().weights().sha256());
    m.put("model_provenance", inputs.model().provenance());
    return m;
  }
}
