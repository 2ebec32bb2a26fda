package dev.sparksvm.scaling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One measured point of a scaling sweep: a configuration and the median milliseconds per training
 * iteration, split into phases: the median over the timed iterations of each measured phase, and
 * the remainder of the median as scheduling, so that the five add up to the median.
 *
 * @param environment where it ran: {@code local} (one JVM, {@code local[E]}) or {@code standalone}
 * @param mode {@code strong} (fixed global batch), {@code weak} (fixed batch per task) or {@code
 *     "model"} (a larger one: more classes, fixed global batch)
 * @param classes C, the rows of W
 * @param features D, the columns of W: the data's pixels plus the bias
 * @param executors task slots the application had: threads of {@code local[E]}, or executors of one
 *     core each
 * @param partitions tasks per iteration (the parallelism; at most {@code executors} in a sweep)
 * @param batch global mini-batch
 * @param iterations timed iterations behind the medians
 * @param medianMs median wall time of an iteration (evaluation and update of W)
 * @param q1Ms first quartile
 * @param q3Ms third quartile
 * @param broadcastMs creating the broadcast of W and the critical task's read of it
 * @param computeMs the critical task's sampling, batch building and GEMMs
 * @param aggregationMs from the critical task's result to {@code treeAggregate} returning
 * @param driverMs averaging, regularization and the update of W on the driver
 * @param schedulingMs the remainder of the median: job submission and task launch
 * @param speedup against the smallest parallelism of its group (NaN until {@link #withScaling})
 * @param efficiency speed-up per task added (strong) or time ratio (weak); NaN until set
 * @param aggregationDepth treeAggregate depth
 */
public record ScalingPoint(
    String environment,
    String mode,
    int classes,
    int features,
    int executors,
    int partitions,
    int batch,
    int iterations,
    double medianMs,
    double q1Ms,
    double q3Ms,
    double broadcastMs,
    double computeMs,
    double aggregationMs,
    double driverMs,
    double schedulingMs,
    double speedup,
    double efficiency,
    int aggregationDepth) {

  /**
   * D of the points of a CSV written before it had a {@code features} column: every sweep then ran
   * on CIFAR-10 (3072 pixels and the bias).
   */
  public static final int LEGACY_FEATURES = 3073;

  /** Columns of {@link #toCsv}. */
  public static final List<String> COLUMNS =
      List.of(
          "environment",
          "mode",
          "classes",
          "features",
          "executors",
          "partitions",
          "batch",
          "batch_per_task",
          "iterations",
          "median_ms",
          "q1_ms",
          "q3_ms",
          "broadcast_ms",
          "compute_ms",
          "aggregation_ms",
          "driver_ms",
          "scheduling_ms",
          "examples_per_second",
          "speedup",
          "efficiency",
          "aggregation_depth",
          "weights_bytes",
          "result_bytes");

  public ScalingPoint {
    if (classes < 1
        || features < 1
        || executors < 1
        || partitions < 1
        || batch < 1
        || iterations < 1) {
      throw new IllegalArgumentException(
          "classes, features, executors, partitions, batch and " + "iterations must be >= 1");
    }
    if (!List.of("strong", "weak", "model").contains(mode)) {
      throw new IllegalArgumentException("mode must be strong, weak or model, got " + mode);
    }
  }

  /** Rows of the largest share of the batch a task draws (the critical task's). */
  public int batchPerTask() {
    return (batch + partitions - 1) / partitions;
  }

  public double examplesPerSecond() {
    return batch / (medianMs / 1000);
  }

  /** Bytes of W as broadcast: C x D doubles. */
  public long weightsBytes() {
    return weightsBytes(classes, features);
  }

  /** Bytes of one task's partial sums as exact 128-bit fixed point: (C x D + 1) x 16. */
  public long resultBytes() {
    return resultBytes(classes, features);
  }

  /** Bytes of a W of C x D doubles. */
  public static long weightsBytes(int classes, int features) {
    return 8L * classes * features;
  }

  /** Bytes of one task's exact partial sums of a C x D model: (C x D + 1) x 16. */
  public static long resultBytes(int classes, int features) {
    return 16L * ((long) classes * features + 1);
  }

  /** The same point with its speed-up and efficiency. */
  public ScalingPoint withScaling(double speedup, double efficiency) {
    return new ScalingPoint(
        environment,
        mode,
        classes,
        features,
        executors,
        partitions,
        batch,
        iterations,
        medianMs,
        q1Ms,
        q3Ms,
        broadcastMs,
        computeMs,
        aggregationMs,
        driverMs,
        schedulingMs,
        speedup,
        efficiency,
        aggregationDepth);
  }

  /**
   * Speed-up and efficiency of every point against the point of its group with the fewest
   * partitions. A group is (environment, mode, classes, and the global batch for strong and model
   * points, the batch per task for weak ones). Strong: speed-up {@code T(n0) / T(n)}, efficiency
   * speed-up x {@code n0 / n}. Weak: efficiency {@code T(n0) / T(n)}, speed-up (of throughput)
   * efficiency x {@code n / n0}.
   */
  public static List<ScalingPoint> withScaling(List<ScalingPoint> points) {
    Map<String, ScalingPoint> base = new LinkedHashMap<>();
    for (ScalingPoint p : points) {
      base.merge(p.group(), p, (a, b) -> b.partitions < a.partitions ? b : a);
    }
    List<ScalingPoint> out = new ArrayList<>();
    for (ScalingPoint p : points) {
      ScalingPoint b = base.get(p.group());
      double ratio = b.medianMs / p.medianMs;
      double tasks = p.partitions / (double) b.partitions;
      out.add(
          "weak".equals(p.mode)
              ? p.withScaling(ratio * tasks, ratio)
              : p.withScaling(ratio, ratio / tasks));
    }
    return out;
  }

  private String group() {
    return environment
        + "/"
        + mode
        + "/"
        + classes
        + "/"
        + features
        + "/"
        + ("weak".equals(mode) ? "per-task " + batch / partitions : "batch " + batch);
  }

  /** One CSV line (no newline) in {@link #COLUMNS} order. */
  public String toCsv() {
    return CsvTable.line(
        environment,
        mode,
        classes,
        features,
        executors,
        partitions,
        batch,
        batchPerTask(),
        iterations,
        medianMs,
        q1Ms,
        q3Ms,
        broadcastMs,
        computeMs,
        aggregationMs,
        driverMs,
        schedulingMs,
        examplesPerSecond(),
        speedup,
        efficiency,
        aggregationDepth,
        weightsBytes(),
        resultBytes());
  }

  /** The CSV file: header and one line per point. */
  public static String toCsv(List<ScalingPoint> points) {
    return CsvTable.table(COLUMNS, points.stream().map(ScalingPoint::toCsv).toList());
  }

  /**
   * Reads a file written by {@link #toCsv(List)}; derived columns are recomputed, not read. A file
   * without the {@code features} column (written before it existed) is read with D = {@value
   * #LEGACY_FEATURES}.
   */
  public static List<ScalingPoint> fromCsv(String text) {
    List<String> legacy = COLUMNS.stream().filter(c -> !c.equals("features")).toList();
    return CsvTable.read(
        text,
        "scaling",
        List.of(COLUMNS, legacy),
        (header, f) -> {
          if (header == 1) {
            f.add(3, Integer.toString(LEGACY_FEATURES));
          }
          return new ScalingPoint(
              f.get(0),
              f.get(1),
              Integer.parseInt(f.get(2)),
              Integer.parseInt(f.get(3)),
              Integer.parseInt(f.get(4)),
              Integer.parseInt(f.get(5)),
              Integer.parseInt(f.get(6)),
              Integer.parseInt(f.get(8)),
              number(f, 9),
              number(f, 10),
              number(f, 11),
              number(f, 12),
              number(f, 13),
              number(f, 14),
              number(f, 15),
              number(f, 16),
              number(f, 18),
              number(f, 19),
              Integer.parseInt(f.get(20)));
        });
  }

  private static double number(List<String> fields, int i) {
    return Double.parseDouble(fields.get(i));
  }
}
