package dev.sparksvm.measure;

import dev.sparksvm.core.L2Regularizer;
import dev.sparksvm.core.MulticlassHinge;
import dev.sparksvm.core.Precision;
import dev.sparksvm.core.Seeds;
import dev.sparksvm.core.Weights;
import dev.sparksvm.optim.MiniBatchPlan;
import dev.sparksvm.spark.SparkObjective;
import dev.sparksvm.spark.TrainingSet;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code bench --soak N}: a long run of training steps that watches the driver's memory. Every
 * 1,000 steps it collects garbage and records the used heap; a run that leaks (a broadcast not
 * destroyed, an accumulator that grows, a listener bus that falls behind) shows as a rising series.
 * It also reports the least-squares slope of the series in bytes per 1,000 steps.
 */
final class Soak {
  private static final int EVERY = 1000;

  private Soak() {}

  static Map<String, Object> run(
      JavaSparkContext sc,
      TrainingSet set,
      int batch,
      long steps,
      long seed,
      int depth,
      Precision precision) {
    MiniBatchPlan plan = new MiniBatchPlan(batch, seed, set.train().partitionSizes());
    Weights w =
        Weights.gaussian(
            set.train().schema().classes(),
            set.train().schema().features(),
            1e-3,
            Seeds.derive(seed, 0x50A4));
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    List<Long> heap = new ArrayList<>();
    long start = System.nanoTime();
    try (SparkObjective objective =
        new SparkObjective(
            sc,
            set.train(),
            set.mean(),
            plan,
            new MulticlassHinge(1),
            new L2Regularizer(2.5e4),
            depth,
            precision)) {
      objective.describeSteps(step -> "soak: step " + (step + 1) + "/" + steps);
      for (long t = 0; t < steps; t++) {
        w.addScaled(-1e-7, objective.evaluate(w, t).gradient());
        if ((t + 1) % EVERY == 0) {
          System.gc();
          long used = memory.getHeapMemoryUsage().getUsed();
          heap.add(used);
          System.out.printf(
              Locale.ROOT,
              "soak: step %d, driver heap after GC %.1f MB, %.1f ms per " + "step so far%n",
              t + 1,
              used / 1e6,
              (System.nanoTime() - start) / 1e6 / (t + 1));
        }
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("steps", steps);
    m.put("batch", batch);
    m.put("heap_bytes_every_1000_steps", heap);
    m.put("slope_bytes_per_1000_steps", slope(heap));
    m.put("ms_per_step", (System.nanoTime() - start) / 1e6 / steps);
    System.out.printf(
        Locale.ROOT,
        "soak: %d steps at batch %d; heap slope %.0f bytes per 1,000 steps%n",
        steps,
        batch,
        slope(heap));
    return m;
  }

  /** Least-squares slope of the series against its index (0 for fewer than two points). */
  static double slope(List<Long> y) {
    int n = y.size();
    if (n < 2) {
      return 0;
    }
    double mx = (n - 1) / 2.0;
    double my = y.stream().mapToDouble(Long::doubleValue).average().orElse(0);
    double num = 0;
    double den = 0;
    for (int i = 0; i < n; i++) {
      num += (i - mx) * (y.get(i) - my);
      den += (i - mx) * (i - mx);
    }
    return num / den;
  }
}
