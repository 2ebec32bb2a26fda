package dev.sparksvm.measure;

import dev.sparksvm.core.Precision;
import dev.sparksvm.options.BenchOptions;
import dev.sparksvm.spark.TrainingSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;

/** {@code bench --models K}: K models trained side by side (as {@code tune} does) against one. */
final class StackedTiming {
  private StackedTiming() {}

  /**
   * K models side by side against one, at the first batch size, in each precision: each K's ratio
   * is to one model in the same precision, and in the first precision given (the usual reference,
   * double).
   */
  static List<Object> measure(JavaSparkContext sc, TrainingSet set, BenchOptions o) {
    int batch = o.timing().batches().get(0);
    int classes = set.train().schema().classes();
    Map<Precision, Double> one = new LinkedHashMap<>();
    for (Precision p : o.precisions()) {
      one.put(p, medianMs(sc, set, o, classes, 1, p));
    }
    double reference = one.get(o.precisions().get(0));
    List<Object> rows = new ArrayList<>();
    for (int k : o.models()) {
      for (Precision p : o.precisions()) {
        double ms = medianMs(sc, set, o, classes, k, p);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("models", k);
        row.put("batch", batch);
        row.put("precision", p.label());
        row.put("ms", ms);
        row.put("one_model_ms", one.get(p));
        row.put("ratio", ms / one.get(p));
        row.put("ratio_to_one_" + o.precisions().get(0).label() + "_model", ms / reference);
        rows.add(row);
        System.out.printf(
            Locale.ROOT,
            "batch %6d, %s: %d models %.2f ms per step, one model %.2f "
                + "ms: %.2fx (%.2fx one %s model)%n",
            batch,
            p.label(),
            k,
            ms,
            one.get(p),
            ms / one.get(p),
            ms / reference,
            o.precisions().get(0).label());
      }
    }
    return rows;
  }

  /** The median step of {@code models} models at the first batch size, in {@code p}. */
  private static double medianMs(
      JavaSparkContext sc, TrainingSet set, BenchOptions o, int classes, int models, Precision p) {
    return IterationTimer.time(
            sc,
            set.train(),
            set.mean(),
            classes,
            models,
            o.timing().batches().get(0),
            o.data().seed(),
            o.depth().value(),
            o.timing().warmup(),
            o.timing().iterations(),
            p)
        .median();
  }
}
