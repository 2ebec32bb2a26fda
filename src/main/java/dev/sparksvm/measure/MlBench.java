package dev.sparksvm.measure;

import dev.sparksvm.baseline.ClassifierFits;
import dev.sparksvm.baseline.GridFits;
import dev.sparksvm.input.ImageFiles;
import dev.sparksvm.input.RecordSelection;
import dev.sparksvm.io.InputOverlap;
import dev.sparksvm.io.OutputDirectory;
import dev.sparksvm.options.DataLocation;
import dev.sparksvm.options.OutputOptions;
import dev.sparksvm.options.SparkOptions;
import dev.sparksvm.options.UsageException;
import dev.sparksvm.report.Json;
import dev.sparksvm.session.Session;
import dev.sparksvm.spark.ImageData;
import dev.sparksvm.spark.ImageFrames;
import dev.sparksvm.spark.ImageLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code ml-bench}: the spark.ml face measured on CIFAR-10 as a DataFrame (3072 doubles and a label
 * a row, written to Parquet and read back, as a user would hold it), in one run on the same data:
 * {@link ClassifierFits} ({@code LinearClassifier} svm and softmax against spark.ml's multinomial
 * {@code LogisticRegression} and {@code OneVsRest(LinearSVC)}), {@link GridFits} (a grid through
 * {@code fitMultiple} against one fit per point, or alone for tuning) and {@link MlSteps} (a step
 * of the DataFrame path against the uint8 image path). Prints the figures and writes them to {@code
 * OUT/metrics.json}. Everything that touches DataFrames lives in spark/ ({@link ImageFrames}) and
 * baseline/: this run holds a Spark context only.
 */
public final class MlBench {
  /** The comparisons. */
  public static final Set<String> PARTS = Set.of("fits", "grid", "tune", "steps");

  /**
   * The options of {@code ml-bench}.
   *
   * @param data training data (null: as train finds it); its test files score the fits
   * @param test test data (null: a directory's test files, else the data's last images)
   * @param images training images used (0: all)
   * @param testImages test images used (0: all)
   * @param iterations LinearClassifier's maxIter in the fits (0: its default)
   * @param gridLoss the grid's loss (null: the estimator's default)
   * @param gridIterations maxIter of the grid's models (0: its default)
   * @param stepSizes the grid's step sizes
   * @param regParams the grid's regParams
   * @param parts which comparisons, of {@link #PARTS}
   * @param baselines spark.ml's estimators to compare with: {@code lr}, {@code ovr}
   * @param batches the step comparison's batch sizes
   * @param warmup untimed steps before each step timing
   * @param timed timed steps in each
   * @param partitions partitions of the images (0: Spark's parallelism)
   * @param work where the Parquet copies are written
   */
  public record Options(
      String data,
      String test,
      long images,
      long testImages,
      int iterations,
      String gridLoss,
      int gridIterations,
      double[] stepSizes,
      double[] regParams,
      Set<String> parts,
      Set<String> baselines,
      List<Integer> batches,
      int warmup,
      int timed,
      int partitions,
      long seed,
      String work,
      SparkOptions spark,
      String out,
      boolean overwrite) {
    public Options {
      UsageException.require(images >= 0, "--images", "an integer >= 0 (0: all)", images);
      UsageException.require(
          testImages >= 0, "--test-images", "an integer >= 0 (0: all)", testImages);
      UsageException.require(iterations >= 0, "--iters", "an integer >= 0", iterations);
      UsageException.require(
          gridIterations >= 0, "--grid-iters", "an integer >= 0", gridIterations);
      UsageException.require(
          PARTS.containsAll(parts) && !parts.isEmpty(),
          "--parts",
          "fits, grid, tune, steps",
          parts);
      UsageException.require(
          gridLoss == null || Set.of("svm", "softmax").contains(gridLoss),
          "--grid-loss",
          "svm or softmax",
          gridLoss);
      UsageException.require(
          Set.of("lr", "ovr").containsAll(baselines), "--baselines", "lr, ovr or none", baselines);
      UsageException.require(
          stepSizes.length > 0 && regParams.length > 0,
          "--grid-steps/--grid-regs",
          "non-empty lists",
          stepSizes.length);
      UsageException.require(
          !batches.isEmpty() && batches.stream().allMatch(b -> b >= 1),
          "--batches",
          "integers >= 1",
          batches);
      UsageException.require(warmup >= 0 && timed >= 1, "--warmup/--timed", ">= 0 / >= 1", timed);
    }
  }

  private MlBench() {}

  /** What ml-bench reads: --data as given and every file of the training and test sets. */
  private static List<InputOverlap.Input> reads(String data, TestSplit split) {
    List<InputOverlap.Input> reads = new ArrayList<>();
    reads.add(InputOverlap.Input.of("--data", data));
    for (ImageFiles files : List.of(split.train(), split.test())) {
      for (String file : files.paths()) {
        reads.add(InputOverlap.Input.of("--data", file));
      }
    }
    return reads;
  }

  /** Measures and prints; returns the metrics. */
  public static Map<String, Object> run(Options o) {
    DataLocation data = DataLocation.resolve(o.data(), o.seed());
    try (Session<TestSplit> s =
        Session.open(
            "ml-bench",
            o.spark(),
            new OutputOptions(o.out(), o.overwrite()),
            conf -> TestSplit.of(data.path(), o.test(), o.images(), o.testImages(), conf),
            split -> reads(data.path(), split))) {
      JavaSparkContext sc = s.sc();
      TestSplit split = s.inputs();
      OutputDirectory out = s.out();
      int partitions = o.partitions() > 0 ? o.partitions() : s.defaultParallelism();
      s.describe("ml-bench: cache the images");
      ImageData images =
          ImageLoader.load(sc, split.train(), RecordSelection.all(), partitions, "images");
      ImageData testImages =
          ImageLoader.load(sc, split.test(), split.testRecords(), partitions, "test images");
      Map<String, Object> m = new LinkedHashMap<>();
      try {
        s.describe("ml-bench: the images as DataFrames, through Parquet");
        ImageFrames frames = ImageFrames.of(sc, images, testImages, o.work());
        System.out.printf(
            "master %s, %d partitions; %d training and %d test images (%s; %s) as DataFrames of %d"
                + " doubles a row, read from Parquet under %s (%d partitions)%n",
            s.master(),
            partitions,
            images.count(),
            testImages.count(),
            split.description(),
            data.synthetic() ? "SYNTHETIC" : data.path(),
            images.features() - 1,
            o.work(),
            frames.trainPartitions());
        m.put("command", "ml-bench");
        m.put("spark_master", s.master());
        m.put("partitions", partitions);
        m.put("train_images", images.count());
        m.put("test_images", testImages.count());
        m.put("synthetic_data", data.synthetic());
        m.put("test_set", split.description());
        if (o.parts().contains("fits")) {
          System.out.println(ClassifierFits.HEADER);
          List<Map<String, Object>> fits = new ArrayList<>();
          for (ClassifierFits.Fit f :
              ClassifierFits.run(
                  frames,
                  o.iterations(),
                  o.baselines().contains("lr"),
                  o.baselines().contains("ovr"))) {
            System.out.println(f.line());
            fits.add(f.toMap());
          }
          m.put("fits", fits);
        }
        for (String part : List.of("grid", "tune")) {
          if (o.parts().contains(part)) {
            GridFits.Outcome grid =
                GridFits.run(
                    frames,
                    o.gridLoss(),
                    o.gridIterations(),
                    o.stepSizes(),
                    o.regParams(),
                    part.equals("grid"));
            grid.lines().forEach(System.out::println);
            m.put(part, grid.metrics());
          }
        }
        if (o.parts().contains("steps")) {
          m.put(
              "steps",
              MlSteps.run(sc, images, frames, o.batches(), o.warmup(), o.timed(), o.seed()));
        }
      } finally {
        images.unpersist();
        testImages.unpersist();
      }
      if (out != null) {
        out.writeText("metrics.json", Json.write(m));
        out.finish(true);
      }
      return m;
    }
  }
}
