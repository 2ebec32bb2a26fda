package dev.sparksvm.cli;

import dev.sparksvm.data.Cifar10;
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
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code evaluate}: the accuracy of a saved model on a CIFAR-10 data set, computed on the cluster. */
public final class EvaluateCommand {
  private static final Logger LOG = LoggerFactory.getLogger(EvaluateCommand.class);
  private static final Set<String> VALUED = Set.of("model", "data", "partitions", "out", "master");

  private EvaluateCommand() {}

  static String usage() {
    return """
        evaluate: accuracy of a saved model on a CIFAR-10 data set.
          --model PATH       a model directory (as written by train --out) or its model.bin
          --data PATH        data: a file, a glob, or a directory (its test_batch.bin if present,
                             else its data_batch_*.bin)
          --partitions N     partitions (default: Spark's parallelism)
          --out DIR          also write DIR/metrics.json
          --master URL       Spark master (default: spark-submit's, else local[*])
          --verbose          stack traces on errors
        """;
  }

  static int run(String[] argv) {
    Args args = Args.parse("evaluate", argv, 1, VALUED, Main.FLAGS);
    if (!args.has("model") || !args.has("data")) {
      throw new UsageException("evaluate: --model and --data are required");
    }
    int partitionsOption = args.integer("partitions", 0);
    if (args.has("partitions") && partitionsOption < 1) {
      throw new UsageException("evaluate: --partitions must be >= 1, got " + partitionsOption);
    }
    Configuration conf = SparkContexts.hadoopConfiguration();
    LinearModel model = LinearModel.load(args.string("model", null), conf);
    CifarFiles files = CifarFiles.resolve(args.string("data", null), conf, Cifar10.TEST_FILE,
        Cifar10.TRAIN_PATTERN);
    try (JavaSparkContext sc = SparkContexts.open("sparksvm evaluate", args.string("master", null))) {
      Map<String, Object> m = evaluate(sc, model, files, partitionsOption);
      if (args.has("out")) {
        new OutputDirectory(args.string("out", null), sc.hadoopConfiguration())
            .writeText("metrics.json", Json.write(m));
      }
    }
    return 0;
  }

  /** Loads the model and the data and measures the accuracy; returns the metrics. */
  public static Map<String, Object> evaluate(JavaSparkContext sc, LinearModel model,
      CifarFiles files, int partitions) {
    ImageData data = CifarLoader.load(sc, files, RecordSelection.all(),
        partitions > 0 ? partitions : sc.defaultParallelism(), "evaluation images");
    double accuracy = DistributedAccuracy.of(sc, data, model.weights(), model.mean());
    data.unpersist();
    LOG.info("accuracy {} on {} images ({} files)", String.format("%.4f", accuracy),
        data.count(), files.paths().size());
    System.out.printf("accuracy %.4f (%d images)%n", accuracy, data.count());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", "evaluate");
    m.put("accuracy", accuracy);
    m.put("images", data.count());
    m.put("data_files", files.paths());
    m.put("loss", model.loss());
    m.put("weights_sha256", model.weights().sha256());
    return m;
  }
}
