package dev.sparksvm.baseline;

import dev.sparksvm.ml.LinearClassificationModel;
import dev.sparksvm.ml.LinearClassifier;
import dev.sparksvm.spark.FitProbe;
import dev.sparksvm.spark.ImageFrames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.classification.LinearSVC;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.OneVsRest;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The yardsticks of the spark.ml face ({@code ml-bench}'s first comparison): {@code
 * LinearClassifier} (svm, softmax) against spark.ml's multinomial {@code LogisticRegression} and
 * {@code OneVsRest(LinearSVC)}, each with its defaults, fitted on the same DataFrame and scored on
 * the same test rows: fit wall time, test accuracy, cached bytes per row, peak heap.
 */
public final class ClassifierFits {
  private ClassifierFits() {}

  /**
   * One estimator's figures.
   *
   * @param cachedBytesPerRow ours from the model's summary; theirs the most Spark held while
   *     fitting, sampled
   * @param peakHeapBytes the driver's (in local mode the executors' too), sampled
   */
  public record Fit(
      String name,
      double seconds,
      double testAccuracy,
      double cachedBytesPerRow,
      long peakHeapBytes,
      String note) {

    /** The figures by name, for metrics.json. */
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("estimator", name);
      m.put("fit_seconds", seconds);
      m.put("test_accuracy", testAccuracy);
      m.put("cached_bytes_per_row", cachedBytesPerRow);
      m.put("peak_heap_mb", peakHeapBytes / 1e6);
      m.put("note", note);
      return m;
    }

    /** One line of the printed table ({@link #HEADER}). */
    public String line() {
      return String.format(
          Locale.ROOT,
          "%-34s %9.1f %10.4f %14.1f %12.0f  %s",
          name,
          seconds,
          testAccuracy,
          cachedBytesPerRow,
          peakHeapBytes / 1e6,
          note);
    }
  }

  /** The printed table's header. */
  public static final String HEADER =
      String.format(
          Locale.ROOT,
          "%-34s %9s %10s %14s %12s",
          "estimator",
          "fit s",
          "test acc",
          "cached B/row",
          "peak heap MB");

  /**
   * Fits each estimator asked for on the training rows, scores it on the test rows.
   *
   * @param iterations LinearClassifier's maxIter (0: its default)
   */
  public static List<Fit> run(ImageFrames frames, int iterations, boolean lr, boolean ovr) {
    Dataset<Row> train = frames.train();
    Dataset<Row> test = frames.test();
    long rows = train.count();
    List<Fit> fits = new ArrayList<>();
    for (String loss : List.of("svm", "softmax")) {
      LinearClassifier lc = new LinearClassifier().setLoss(loss);
      if (iterations > 0) {
        lc.setMaxIter(iterations);
      }
      fits.add(ours(lc, train, test));
    }
    if (lr) {
      fits.add(
          theirs(
              "LogisticRegression (multinomial)",
              new LogisticRegression().setFamily("multinomial"),
              train,
              test,
              rows));
    }
    if (ovr) {
      fits.add(
          theirs(
              "OneVsRest(LinearSVC)",
              new OneVsRest().setClassifier(new LinearSVC()),
              train,
              test,
              rows));
    }
    return fits;
  }

  private static Fit ours(LinearClassifier lc, Dataset<Row> train, Dataset<Row> test) {
    LinearClassificationModel model;
    FitProbe probe = FitProbe.start(train.sparkSession().sparkContext());
    try (probe) {
      model = lc.fit(train);
    }
    String note =
        String.format(
            Locale.ROOT,
            "%d steps of %d, step size %.3g%s, %s; load %.1f s",
            model.summary().totalIterations(),
            lc.getBatchSize(),
            model.summary().stepSize(),
            model.summary().stepSizeChosen() ? " (sweep)" : "",
            model.summary().precision(),
            model.summary().loadSeconds());
    return new Fit(
        "LinearClassifier " + lc.getLoss(),
        probe.seconds(),
        accuracy(model.transform(test)),
        model.summary().bytesPerRow(),
        probe.peakHeapBytes(),
        note);
  }

  private static <M extends Model<M>> Fit theirs(
      String name, Estimator<M> estimator, Dataset<Row> train, Dataset<Row> test, long rows) {
    M model;
    FitProbe probe = FitProbe.start(train.sparkSession().sparkContext());
    try (probe) {
      model = estimator.fit(train);
    }
    return new Fit(
        name,
        probe.seconds(),
        accuracy(model.transform(test)),
        probe.peakCachedBytes() / (double) rows,
        probe.peakHeapBytes(),
        "defaults; cached bytes: the most Spark held while fitting, sampled");
  }

  /** The fraction of rows whose prediction is their label. */
  static double accuracy(Dataset<Row> predictions) {
    return new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(predictions);
  }
}
