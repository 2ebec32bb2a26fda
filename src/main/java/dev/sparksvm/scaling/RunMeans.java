package dev.sparksvm.scaling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The points of several runs of a sweep with one point per configuration (environment, mode,
 * classes, features, executors, partitions, batch, aggregation depth): times are the means over the
 * runs, iterations their sum, and speed-up and efficiency are computed again from the means.
 */
public final class RunMeans {

  private RunMeans() {}

  /** One point per configuration of {@code points}, with its speed-up and efficiency. */
  public static List<ScalingPoint> of(List<ScalingPoint> points) {
    Map<String, List<ScalingPoint>> same = new LinkedHashMap<>();
    for (ScalingPoint p : points) {
      same.computeIfAbsent(
              String.join(
                  "/",
                  p.environment(),
                  p.mode(),
                  Integer.toString(p.classes()),
                  Integer.toString(p.features()),
                  Integer.toString(p.executors()),
                  Integer.toString(p.partitions()),
                  Integer.toString(p.batch()),
                  Integer.toString(p.aggregationDepth())),
              k -> new ArrayList<>())
          .add(p);
    }
    List<ScalingPoint> out = new ArrayList<>();
    for (List<ScalingPoint> runs : same.values()) {
      ScalingPoint f = runs.get(0);
      double n = runs.size();
      out.add(
          new ScalingPoint(
              f.environment(),
              f.mode(),
              f.classes(),
              f.features(),
              f.executors(),
              f.partitions(),
              f.batch(),
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
              f.aggregationDepth()));
    }
    return ScalingPoint.withScaling(out);
  }
}
