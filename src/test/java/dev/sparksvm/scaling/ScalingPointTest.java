package dev.sparksvm.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV round trip and speed-up / efficiency against the smallest task count. */
class ScalingPointTest {
  private static ScalingPoint point(String mode, int tasks, int batch, double ms) {
    return new ScalingPoint(
        "local",
        mode,
        10,
        3073,
        tasks,
        tasks,
        batch,
        20,
        ms,
        ms - 1,
        ms + 1,
        1,
        ms - 5,
        1,
        1,
        2,
        Double.NaN,
        Double.NaN,
        2);
  }

  @Test
  void speedupAndEfficiency() {
    List<ScalingPoint> points =
        ScalingPoint.withScaling(
            List.of(
                point("strong", 1, 8192, 200),
                point("strong", 2, 8192, 125),
                point("weak", 1, 1024, 50),
                point("weak", 2, 2048, 62.5)));
    assertEquals(1.0, points.get(0).speedup(), 0.0);
    assertEquals(1.6, points.get(1).speedup(), 1e-12);
    assertEquals(0.8, points.get(1).efficiency(), 1e-12);
    assertEquals(0.8, points.get(3).efficiency(), 1e-12, "weak: T(1) / T(n)");
    assertEquals(1.6, points.get(3).speedup(), 1e-12, "weak: throughput ratio");
    assertEquals(8192 / 0.125, points.get(1).examplesPerSecond(), 1e-6);
  }

  @Test
  void runsOfTheSameConfigurationAreAveraged() {
    List<ScalingPoint> means =
        RunMeans.of(
            List.of(
                point("strong", 1, 256, 40),
                point("strong", 2, 256, 30),
                point("strong", 1, 256, 44),
                point("strong", 2, 256, 34)));
    assertEquals(2, means.size());
    assertEquals(42, means.get(0).medianMs(), 1e-12);
    assertEquals(40, means.get(0).iterations());
    assertEquals(42.0 / 32, means.get(1).speedup(), 1e-12);
  }

  @Test
  void csvRoundTrip() {
    List<ScalingPoint> points =
        ScalingPoint.withScaling(
            List.of(point("strong", 1, 256, 40), point("model", 2, 256, 90.125)));
    String csv = ScalingPoint.toCsv(points);
    assertTrue(csv.startsWith("environment,mode,classes,features,executors,partitions,batch,"));
    List<ScalingPoint> back = ScalingPoint.fromCsv(csv);
    assertEquals(points, back);
    assertEquals(128, back.get(1).batchPerTask());
    assertEquals(16L * (10 * 3073 + 1), back.get(0).resultBytes());
    assertThrows(IllegalArgumentException.class, () -> ScalingPoint.fromCsv("a,b\n1,2\n"));
  }

  @Test
  void aCsvWrittenBeforeTheFeaturesColumnIsReadAsCifar() {
    String old =
        """
        environment,mode,classes,executors,partitions,batch,batch_per_task,iterations,median_ms,\
        q1_ms,q3_ms,broadcast_ms,compute_ms,aggregation_ms,driver_ms,scheduling_ms,\
        examples_per_second,speedup,efficiency,aggregation_depth,weights_bytes,result_bytes
        local,strong,10,1,1,256,256,40,19.8,18.0,22.1,1.4,4.4,3.5,0.9,9.6,12929.3,1.0,1.0,2,\
        245840,491696
        """;
    ScalingPoint p = ScalingPoint.fromCsv(old).get(0);
    assertEquals(3073, p.features());
    assertEquals(256, p.batch());
    assertEquals(9.6, p.schedulingMs(), 0.0);
    assertEquals(245840, p.weightsBytes());
    ScalingPoint mnist =
        new ScalingPoint(
            "local",
            "strong",
            10,
            785,
            1,
            1,
            256,
            20,
            5,
            4,
            6,
            1,
            1,
            1,
            1,
            1,
            Double.NaN,
            Double.NaN,
            2);
    assertEquals(List.of(mnist), ScalingPoint.fromCsv(ScalingPoint.toCsv(List.of(mnist))));
    assertEquals(8L * 10 * 785, mnist.weightsBytes());
  }
}
