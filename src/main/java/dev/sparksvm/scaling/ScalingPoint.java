package dev.sparksvm.scaling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

  /**
   * The points of several runs with one point per configuration (environment, mode, classes,
   * executors, partitions, batch): times are the means over the runs, iterations their sum, and
   * speed-up and efficiency are computed again from the means.
   */
  public static List<ScalingPoint> meanOverRuns(List<ScalingPoint> points) {
    Map<String, List<ScalingPoint>> same = new LinkedHashMap<>();
    for (ScalingPoint p : points) {
      same.computeIfAbsent(
              p.environment
                  + "/"
                  + p.mode
                  + "/"
                  + p.classes
                  + "/"
                  + p.features
                  + "/"
                  + p.executors
                  + "/"
                  + p.partitions
                  + "/"
                  + p.batch
                  + "/"
                  + p.aggregationDepth,
              k -> new ArrayList<>())
          .add(p);
    }
    List<ScalingPoint> out = new ArrayList<>();
    for (List<ScalingPoint> runs : same.values()) {
      ScalingPoint f = runs.get(0);
      double n = runs.size();
      out.add(
          new ScalingPoint(
              f.environment,
              f.mode,
              f.classes,
              f.features,
              f.executors,
              f.partitions,
              f.batch,
              runs.stream().mapToInt(ScalingPoint::iterations).sum(),
              runs.stream().mapToDouble(ScalingPoint::medianMs).sum() / n,
              runs.stream().mapToDouble(ScalingPoint::q1Ms).sum() / n,
              runs.stream().mapToDouble(ScalingPoint::q3Ms).sum() / n,
              runs.stream().mapToDouble(ScalingPoint::broadcastMs).sum() / n,
              runs.stream().mapToDouble(ScalingPoint::computeMs).sum() / n,
              runs.stream().mapToDouble(ScalingPoint::aggregationMs).sum() / n,
              runs.stream().mapToDouble(ScalingPoint::driverMs).sum() / n,
              runs.stream().mapToDouble(ScalingPoint::schedulingMs).sum() / n,
              Double.NaN,
              Double.NaN,
              f.aggregationDepth));
    }
    return withScaling(out);
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
    Object[] v = {
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
      resultBytes()
    };
    StringBuilder out = new StringBuilder();
    for (Object o : v) {
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(o instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : o);
    }
    return out.toString();
  }

  /** The CSV file: header and one line per point. */
  public static String toCsv(List<ScalingPoint> points) {
    StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append('\n');
    for (ScalingPoint p : points) {
      out.append(p.toCsv()).append('\n');
    }
    return out.toString();
  }

  /**
   * Reads a file written by {@link #toCsv(List)}; derived columns are recomputed, not read. A file
   * without the {@code features} column (written before it existed) is read with D = {@value
   * #LEGACY_FEATURES}.
   */
  public static List<ScalingPoint> fromCsv(String text) {
    List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
    List<String> legacy = COLUMNS.stream().filter(c -> !c.equals("features")).toList();
    boolean old = !lines.isEmpty() && lines.get(0).equals(String.join(",", legacy));
    if (lines.isEmpty() || !(old || lines.get(0).equals(String.join(",", COLUMNS)))) {
      throw new IllegalArgumentException(
          "not a scaling CSV: the header must be " + String.join(",", COLUMNS));
    }
    List<ScalingPoint> points = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      List<String> f = new ArrayList<>(Arrays.asList(lines.get(i).split(",", -1)));
      if (f.size() != (old ? legacy : COLUMNS).size()) {
        throw new IllegalArgumentException(
            "line "
                + (i + 1)
                + ": "
                + f.size()
                + " fields, expected "
                + (old ? legacy : COLUMNS).size()
                + ": "
                + f);
      }
      if (old) {
        f.add(3, Integer.toString(LEGACY_FEATURES));
      }
      try {
        points.add(
            new ScalingPoint(
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
                Integer.parseInt(f.get(20))));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage());
      }
    }
    return points;
  }

  private static double number(List<String> fields, int i) {
    return Double.parseDouble(fields.get(i));
  }
}
