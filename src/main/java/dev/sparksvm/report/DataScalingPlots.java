package dev.sparksvm.report;

import dev.sparksvm.report.LineChart.Series;
import dev.sparksvm.report.LineChart.Style;
import dev.sparksvm.scaling.DataPoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The charts of a data-size sweep: the median step against the number of images (log-log), ours on
 * each aggregation path and MLlib, one line per batch size; and against the partition count, where
 * the direct and the tree path cross.
 */
public final class DataScalingPlots {
  private DataScalingPlots() {}

  /**
   * Median ms per step against images, log-log; a line per system, path and batch (and P if
   * several).
   */
  public static byte[] stepsAgainstImages(List<DataPoint> points) {
    boolean severalP = points.stream().mapToInt(DataPoint::partitions).distinct().count() > 1;
    return LineChart.of(
            "Median step against the training-set size (same cached data, same run)",
            "images",
            "ms per step")
        .add(
            series(
                points,
                DataPoint::images,
                p -> p.series() + (severalP ? ", P=" + p.partitions() : "")))
        .logXCounts()
        .logY()
        .png();
  }

  /**
   * Median ms per step against partitions (log); a line per system, path and batch (and N if
   * several).
   */
  public static byte[] stepsAgainstPartitions(List<DataPoint> points) {
    boolean severalN = points.stream().mapToLong(DataPoint::images).distinct().count() > 1;
    return LineChart.of(
            "Median step against partitions: the direct path against treeAggregate",
            "partitions",
            "ms per step")
        .add(
            series(
                points,
                DataPoint::partitions,
                p ->
                    p.series()
                        + (severalN ? String.format(Locale.ROOT, ", N=%,d", p.images()) : "")))
        .logXCounts()
        .logY()
        .png();
  }

  private static List<Series> series(
      List<DataPoint> points,
      ToDoubleFunction<DataPoint> x,
      java.util.function.Function<DataPoint, String> name) {
    Map<String, List<DataPoint>> lines = new LinkedHashMap<>();
    for (DataPoint p : points) {
      if (p.measured()) {
        lines.computeIfAbsent(name.apply(p), k -> new ArrayList<>()).add(p);
      }
    }
    List<Series> out = new ArrayList<>();
    int colour = 0;
    for (Map.Entry<String, List<DataPoint>> line : lines.entrySet()) {
      List<DataPoint> ps = new ArrayList<>(line.getValue());
      ps.sort(Comparator.comparingDouble(x));
      out.add(
          new Series(
              line.getKey(),
              ps.stream().mapToDouble(x).toArray(),
              ps.stream().mapToDouble(DataPoint::medianMs).toArray(),
              Style.MEASURED,
              colour++));
    }
    return out;
  }
}
