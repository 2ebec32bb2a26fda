package dev.sparksvm.scaling;

import dev.sparksvm.core.Aggregation;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cost model of one iteration of distributed mini-batch gradient descent, phase by phase, in
 * milliseconds, for n tasks (one per executor core), a global batch B and a model of C classes over
 * D features (W is C x D doubles; D is the data's pixels plus the bias, 3073 for CIFAR):
 *
 * <pre>
 *   broadcast   = b0 + b1 Mw + log2(n) (b2 + b3 Mw)            Mw = 8 C D bytes (in MB)
 *   compute     = k0 + k1 CD + b D (k2 + k3 C)                 b = ceil(B / n) rows; CD, bD, bCD in
 *                                                              millions
 *   aggregation = a0 + a1 Ma + (F - 1)(a2 + a3 Ma)             Ma = 16 (C D + 1) bytes (in MB)
 *                 + for each intermediate treeAggregate level l with n_l tasks and fan-in f_l:
 *                   scheduling(n_l) + f_l (a2 + a3 Ma) + a0 + a1 Ma
 *   driver      = d0 + d1 CD
 *   scheduling  = s0 + s1 n
 * </pre>
 *
 * Broadcast: TorrentBroadcast as a tree, one latency-plus-bytes round per doubling of the
 * executors. Compute: the critical task's rows, each built from D pixels and put through a GEMM
 * pair of C x D multiply-adds, plus its exact-sum conversion of C x D values. Aggregation: the
 * critical task's result (latency plus bytes), each further result the driver folds in, and Spark's
 * own treeAggregate levels ({@link Aggregation#levels}: for n tasks at depth d, while {@code n > s
 * + ceil(n / s)} with {@code s = max(ceil(n^(1/d)), 2)}, a shuffle stage cuts n to {@code n / s});
 * a level is modelled as a stage launch plus a fan-in of results, not measured. Scheduling: job
 * submission plus one task launch per task.
 *
 * <p>Each phase's constants are fitted separately to the measured phase medians by non-negative
 * least squares, weighted by {@code 1 / (y + 0.5 ms)} (relative error, floored). Points whose
 * treeAggregate had intermediate levels are left out of the aggregation fit (the level terms are
 * derived, not fitted).
 */
public final class CostModel {
  /** The phases and the names of their constants, in fitting order. */
  public enum Phase {
    BROADCAST(
        "b0 ms", "b1 ms/MB of W", "b2 ms per doubling of n", "b3 ms/MB of W per doubling of n"),
    COMPUTE(
        "k0 ms",
        "k1 ms per million weights",
        "k2 ms per million row features",
        "k3 ms per million multiply-adds (row x class x feature)"),
    AGGREGATION(
        "a0 ms", "a1 ms/MB of result", "a2 ms per further result", "a3 ms/MB per further result"),
    DRIVER("d0 ms", "d1 ms per million weights"),
    SCHEDULING("s0 ms", "s1 ms per task");

    @SuppressWarnings("ImmutableEnumChecker") // List.of is immutable
    private final List<String> constants;

    Phase(String... constants) {
      this.constants = List.of(constants);
    }

    /** Names (with units) of the constants, in order. */
    public List<String> constants() {
      return constants;
    }
  }

  /** Predicted milliseconds of one iteration, by phase. */
  public record Prediction(
      int tasks,
      int batch,
      int classes,
      int features,
      double broadcastMs,
      double computeMs,
      double aggregationMs,
      double driverMs,
      double schedulingMs) {
    public double totalMs() {
      return broadcastMs + computeMs + aggregationMs + driverMs + schedulingMs;
    }
  }

  private final int aggregationDepth;
  private final EnumMap<Phase, double[]> constants;

  /** A model with the given constants (one array per phase, in {@link Phase#constants()} order). */
  public CostModel(int aggregationDepth, Map<Phase, double[]> constants) {
    if (aggregationDepth < 1) {
      throw new IllegalArgumentException("aggregation depth must be >= 1, got " + aggregationDepth);
    }
    this.aggregationDepth = aggregationDepth;
    this.constants = new EnumMap<>(Phase.class);
    for (Phase p : Phase.values()) {
      double[] c = constants.get(p);
      if (c == null || c.length != p.constants().size()) {
        throw new IllegalArgumentException(p + " needs " + p.constants().size() + " constants");
      }
      this.constants.put(p, c.clone());
    }
  }

  public int aggregationDepth() {
    return aggregationDepth;
  }

  /**
   * The same constants for another aggregation path: depth 1 is every result straight to the driver
   * (the direct path), 2 or more a treeAggregate of that depth.
   */
  public CostModel withAggregationDepth(int depth) {
    return new CostModel(depth, constants);
  }

  /** The fitted constants of a phase, in {@link Phase#constants()} order. */
  public double[] constants(Phase phase) {
    return constants.get(phase).clone();
  }

  /**
   * Fits every phase to the points (all of one environment and one aggregation depth).
   *
   * @throws IllegalArgumentException when the points mix depths or are empty
   */
  public static CostModel fit(List<ScalingPoint> points) {
    if (points.isEmpty()) {
      throw new IllegalArgumentException("no points to fit");
    }
    int depth = points.get(0).aggregationDepth();
    for (ScalingPoint p : points) {
      if (p.aggregationDepth() != depth) {
        throw new IllegalArgumentException(
            "points of aggregation depths "
                + depth
                + " and "
                + p.aggregationDepth()
                + " cannot share one model");
      }
    }
    Map<Phase, double[]> fitted = new EnumMap<>(Phase.class);
    for (Phase phase : Phase.values()) {
      List<ScalingPoint> used =
          phase != Phase.AGGREGATION
              ? points
              : points.stream()
                  .filter(p -> Aggregation.levels(p.partitions(), depth).isEmpty())
                  .toList();
      if (used.isEmpty()) {
        throw new IllegalArgumentException(
            "no point without intermediate treeAggregate levels to fit" + " the aggregation to");
      }
      double[][] x = new double[used.size()][];
      double[] y = new double[used.size()];
      double[] w = new double[used.size()];
      for (int i = 0; i < used.size(); i++) {
        ScalingPoint p = used.get(i);
        x[i] = features(phase, p.partitions(), p.batchPerTask(), p.classes(), p.features(), depth);
        y[i] = measured(phase, p);
        w[i] = 1 / (Math.max(0, y[i]) + 0.5);
      }
      fitted.put(phase, NonNegativeLeastSquares.solve(x, y, w));
    }
    return new CostModel(depth, fitted);
  }

  /**
   * The predicted phases of one iteration with n tasks, global batch B, C classes and D features.
   */
  public Prediction predict(int tasks, int batch, int classes, int features) {
    if (tasks < 1 || batch < 1 || classes < 1 || features < 1) {
      throw new IllegalArgumentException("tasks, batch, classes and features must be >= 1");
    }
    int rows = Math.max(1, (int) Math.ceil(batch / (double) tasks));
    Map<Phase, Double> phase = new EnumMap<>(Phase.class);
    for (Phase p : Phase.values()) {
      phase.put(p, apply(p, tasks, rows, classes, features));
    }
    double[] a = constants.get(Phase.AGGREGATION);
    double ma = ScalingPoint.resultBytes(classes, features) / 1e6;
    int previous = tasks;
    for (int level : Aggregation.levels(tasks, aggregationDepth)) {
      int fanIn = (previous + level - 1) / level;
      phase.merge(
          Phase.AGGREGATION,
          apply(Phase.SCHEDULING, level, rows, classes, features)
              + fanIn * (a[2] + a[3] * ma)
              + a[0]
              + a[1] * ma,
          Double::sum);
      previous = level;
    }
    return new Prediction(
        tasks,
        batch,
        classes,
        features,
        phase.get(Phase.BROADCAST),
        phase.get(Phase.COMPUTE),
        phase.get(Phase.AGGREGATION),
        phase.get(Phase.DRIVER),
        phase.get(Phase.SCHEDULING));
  }

  /** Predicted speed-up of n tasks over one task at the same global batch. */
  public double speedup(int tasks, int batch, int classes, int features) {
    return TaskCountSearch.speedup(time(classes, features), tasks, batch);
  }

  /**
   * The global batch below which going from n to 2n tasks makes an iteration slower: the smallest B
   * (up to 2^30) with {@code T(2n, B) < T(n, B)}, or {@link Integer#MAX_VALUE} when none is.
   */
  public int criticalBatch(int tasks, int classes, int features) {
    return TaskCountSearch.criticalBatch(time(classes, features), tasks);
  }

  /** The task count in 1..maxTasks with the shortest predicted iteration at batch B. */
  public int bestTasks(int batch, int classes, int features, int maxTasks) {
    return TaskCountSearch.bestTasks(time(classes, features), batch, maxTasks);
  }

  /** The predicted time of an iteration of this model of C classes and D features. */
  private TaskCountSearch.IterationTime time(int classes, int features) {
    return (tasks, batch) -> predict(tasks, batch, classes, features).totalMs();
  }

  /** The constants as a map from their names to values, phase by phase (for metrics.json). */
  public Map<String, Object> toMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("aggregation_depth", aggregationDepth);
    for (Phase p : Phase.values()) {
      Map<String, Object> c = new LinkedHashMap<>();
      double[] v = constants.get(p);
      for (int i = 0; i < v.length; i++) {
        c.put(p.constants().get(i), v[i]);
      }
      out.put(p.name().toLowerCase(java.util.Locale.ROOT), c);
    }
    return out;
  }

  private double apply(Phase phase, int tasks, int rows, int classes, int features) {
    return NonNegativeLeastSquares.dot(
        features(phase, tasks, rows, classes, features, aggregationDepth), constants.get(phase));
  }

  /** The feature vector of a phase; units as in the constant names (MB = 10^6 bytes). */
  static double[] features(
      Phase phase, int tasks, int rowsPerTask, int classes, int features, int depth) {
    double cd = (double) classes * features / 1e6;
    double mw = ScalingPoint.weightsBytes(classes, features) / 1e6;
    double ma = ScalingPoint.resultBytes(classes, features) / 1e6;
    double doublings = Math.log(tasks) / Math.log(2);
    double rowFeatures = (double) rowsPerTask * features / 1e6;
    return switch (phase) {
      case BROADCAST -> new double[] {1, mw, doublings, doublings * mw};
      case COMPUTE -> new double[] {1, cd, rowFeatures, rowFeatures * classes};
      case AGGREGATION -> {
        int further = Aggregation.finalResults(tasks, depth) - 1;
        yield new double[] {1, ma, further, further * ma};
      }
      case DRIVER -> new double[] {1, cd};
      case SCHEDULING -> new double[] {1, tasks};
    };
  }

  private static double measured(Phase phase, ScalingPoint p) {
    return switch (phase) {
      case BROADCAST -> p.broadcastMs();
      case COMPUTE -> p.computeMs();
      case AGGREGATION -> p.aggregationMs();
      case DRIVER -> p.driverMs();
      case SCHEDULING -> p.schedulingMs();
    };
  }
}
