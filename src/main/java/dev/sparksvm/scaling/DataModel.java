package dev.sparksvm.scaling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The data-size axis of the cost model, fitted to a sweep's {@link DataPoint}s: what N images cost
 * to load, to hold, and per step.
 *
 * <pre>
 *   load(N, P, n) = l0 + l1 (N R / 10^6) / min(P, n) + l2 ceil(P / n)
 *                   seconds; R bytes per record, n task slots
 *   cached(N)     = N (bytes per image)
 *                   ours and MLlib's, measured
 *   step(N)       = t + e (N / P) / 10^6
 *                   ms, per (system, path, batch, P): e per million images in a block
 * </pre>
 *
 * Load: every slot reads its share of the bytes (l1, seconds per MB), and each wave of tasks costs
 * a launch (l2); fitted by non-negative least squares with relative weights. The step's slope e is
 * an ordinary least-squares line through the medians at two or more sizes: ours draws its batch in
 * O(B) from each block, so its e should be zero within noise; MLlib's {@code data.sample} visits
 * every example of every step, so its e is what a step pays per image held.
 *
 * @param load l0, l1, l2 (NaN when the points never varied the bytes per slot)
 * @param oursBytesPerImage cached bytes per image of our blocks, mean over the points
 * @param oursOverhead of those, the bytes beyond an image's pixels and its one label byte
 * @param mllibBytesPerImage MLlib's, or NaN when it was never cached
 * @param mllibOverhead of those, the bytes beyond its D doubles (NaN when never cached)
 * @param slopes per series {@code system/path/B=batch/P=partitions}: {t ms, e ms per million images
 *     per block, points, smallest N, largest N}
 */
public record DataModel(
    double[] load,
    double oursBytesPerImage,
    double oursOverhead,
    double mllibBytesPerImage,
    double mllibOverhead,
    Map<String, double[]> slopes) {

  /** Fits the model to the points (of one environment). */
  public static DataModel fit(List<DataPoint> points) {
    Map<String, DataPoint> loads = new LinkedHashMap<>();
    double[] ours = new double[3];
    double[] mllib = new double[3];
    Map<String, List<DataPoint>> series = new LinkedHashMap<>();
    for (DataPoint p : points) {
      if (p.system().equals("ours")) {
        loads.putIfAbsent(p.images() + "/" + p.partitions() + "/" + p.slots(), p);
        add(ours, p.cachedBytesPerImage(), p.cachedBytesPerImage() - p.features());
      } else if (p.cachedBytes() > 0) {
        add(mllib, p.cachedBytesPerImage(), p.cachedBytesPerImage() - 8.0 * p.features());
      }
      if (p.measured()) {
        series
            .computeIfAbsent(
                p.system() + "/" + p.path() + "/B=" + p.batch() + "/P=" + p.partitions(),
                k -> new ArrayList<>())
            .add(p);
      }
    }
    if (ours[2] == 0) {
      throw new IllegalArgumentException("no points of ours to fit the data model to");
    }
    Map<String, double[]> slopes = new LinkedHashMap<>();
    series.forEach(
        (key, ps) -> {
          if (ps.stream().mapToLong(DataPoint::images).distinct().count() >= 2) {
            slopes.put(key, line(ps));
          }
        });
    return new DataModel(
        fitLoad(new ArrayList<>(loads.values())),
        ours[0] / ours[2],
        ours[1] / ours[2],
        mllib[0] / mllib[2],
        mllib[1] / mllib[2],
        slopes);
  }

  /** Adds a point's bytes per image and its overhead to running sums {bytes, overhead, count}. */
  private static void add(double[] sums, double bytes, double overhead) {
    sums[0] += bytes;
    sums[1] += overhead;
    sums[2]++;
  }

  private static double[] fitLoad(List<DataPoint> loads) {
    if (loads.stream()
            .map(p -> p.dataBytes() / Math.min(p.partitions(), p.slots()))
            .distinct()
            .count()
        < 2) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }
    double[][] x = new double[loads.size()][];
    double[] y = new double[loads.size()];
    double[] w = new double[loads.size()];
    for (int i = 0; i < loads.size(); i++) {
      DataPoint p = loads.get(i);
      x[i] = loadFeatures(p.dataBytes(), p.partitions(), p.slots());
      y[i] = p.loadSeconds();
      w[i] = 1 / (y[i] + 0.05);
    }
    return NonNegativeLeastSquares.solve(x, y, w);
  }

  private static double[] loadFeatures(long bytes, int partitions, int slots) {
    return new double[] {
      1, bytes / 1e6 / Math.min(partitions, slots), Math.ceil(partitions / (double) slots)
    };
  }

  /** The least-squares line of median ms against images per block (in millions), with its range. */
  private static double[] line(List<DataPoint> ps) {
    double n = ps.size();
    double mx = ps.stream().mapToDouble(p -> p.images() / (double) p.partitions() / 1e6).sum() / n;
    double my = ps.stream().mapToDouble(DataPoint::medianMs).sum() / n;
    double sxy = 0;
    double sxx = 0;
    for (DataPoint p : ps) {
      double dx = p.images() / (double) p.partitions() / 1e6 - mx;
      sxy += dx * (p.medianMs() - my);
      sxx += dx * dx;
    }
    double slope = sxy / sxx;
    return new double[] {
      my - slope * mx,
      slope,
      n,
      ps.stream().mapToLong(DataPoint::images).min().orElseThrow(),
      ps.stream().mapToLong(DataPoint::images).max().orElseThrow()
    };
  }

  /** Predicted seconds to load {@code bytes} of records into P partitions with n task slots. */
  public double loadSeconds(long bytes, int partitions, int slots) {
    return NonNegativeLeastSquares.dot(loadFeatures(bytes, partitions, slots), load);
  }

  /**
   * The largest slope e (ms per million images per block) measured for a system at a batch, over
   * its paths and partition counts, never below 0: the step cost per image held that a prediction
   * adds. NaN when no series of it spans two sizes.
   */
  public double worstSlope(String system, int batch) {
    double worst = Double.NaN;
    for (Map.Entry<String, double[]> e : slopes.entrySet()) {
      if (e.getKey().startsWith(system + "/") && e.getKey().contains("/B=" + batch + "/")) {
        double s = Math.max(0, e.getValue()[1]);
        worst = Double.isNaN(worst) ? s : Math.max(worst, s);
      }
    }
    return worst;
  }

  /**
   * Where the aggregation paths cross, for each (images, batch) measured on both at two or more
   * partition counts: the smallest partition count at which the tree path's median step is shorter
   * than the direct path's (0: the direct path was as fast or faster at every count measured).
   */
  public static Map<String, Integer> crossovers(List<DataPoint> points) {
    Map<String, java.util.TreeMap<Integer, double[]>> both = new LinkedHashMap<>();
    for (DataPoint p : points) {
      if (p.system().equals("ours") && p.measured()) {
        both.computeIfAbsent(
                    String.format(
                        Locale.ROOT, "%s N=%d B=%d", p.environment(), p.images(), p.batch()),
                    k -> new java.util.TreeMap<>())
                .computeIfAbsent(p.partitions(), k -> new double[] {Double.NaN, Double.NaN})[
                p.path().equals("direct") ? 0 : 1] =
            p.medianMs();
      }
    }
    Map<String, Integer> out = new LinkedHashMap<>();
    both.forEach(
        (key, byPartitions) -> {
          List<Map.Entry<Integer, double[]>> paired =
              byPartitions.entrySet().stream()
                  .filter(e -> !Double.isNaN(e.getValue()[0]) && !Double.isNaN(e.getValue()[1]))
                  .toList();
          if (paired.size() >= 2) {
            out.put(
                key,
                paired.stream()
                    .filter(e -> e.getValue()[1] < e.getValue()[0])
                    .mapToInt(Map.Entry::getKey)
                    .findFirst()
                    .orElse(0));
          }
        });
    return out;
  }

  /** The model for cost-model JSON files. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("l0 s", load[0]);
    m.put("l1 s per MB per slot", load[1]);
    m.put("l2 s per wave of tasks", load[2]);
    m.put("ours_cached_bytes_per_image", oursBytesPerImage);
    m.put("mllib_cached_bytes_per_image", mllibBytesPerImage);
    Map<String, Object> s = new LinkedHashMap<>();
    slopes.forEach(
        (k, v) ->
            s.put(
                k,
                Map.of(
                    "t_ms",
                    v[0],
                    "e_ms_per_million_images_per_block",
                    v[1],
                    "points",
                    (int) v[2],
                    "images_from",
                    (long) v[3],
                    "images_to",
                    (long) v[4])));
    m.put("step_against_images", s);
    return m;
  }

  /** The model as text. */
  public String describe() {
    StringBuilder t =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "data model: load = %.3g s + %.3g s per MB per slot (%s per slot) + %.3g s per wave"
                    + " of tasks; cached bytes per image: ours %.1f, MLlib %.1f%n",
                load[0],
                load[1],
                load[1] > 0
                    ? String.format(Locale.ROOT, "%.0f MB/s", 1 / load[1])
                    : "no rate fitted",
                load[2],
                oursBytesPerImage,
                mllibBytesPerImage));
    t.append("median step against images per block (ms = t + e x millions of images per block):\n");
    slopes.forEach(
        (k, v) ->
            t.append(
                String.format(
                    Locale.ROOT,
                    "  %-28s t = %8.2f ms  e = %+9.3f ms per million  (%d points, N %,d..%,d)%n",
                    k,
                    v[0],
                    v[1],
                    (int) v[2],
                    (long) v[3],
                    (long) v[4])));
    return t.toString();
  }
}
