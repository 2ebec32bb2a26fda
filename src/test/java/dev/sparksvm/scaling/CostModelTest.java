package dev.sparksvm.scaling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cost model on numbers alone: Spark's tree levels, fitting known constants back, predictions.
 */
class CostModelTest {
  /** CIFAR's D: 3072 pixels and the bias. */
  private static final int D = 3073;

  private static CostModel known() {
    Map<CostModel.Phase, double[]> c = new EnumMap<>(CostModel.Phase.class);
    c.put(CostModel.Phase.BROADCAST, new double[] {2, 3, 1.5, 0.5});
    // k2, k3 per million row features and multiply-adds: 0.02 ms per row and 0.002 per row per
    // class
    // at D = 3073.
    c.put(CostModel.Phase.COMPUTE, new double[] {0.5, 40, 6.5, 0.65});
    c.put(CostModel.Phase.AGGREGATION, new double[] {4, 6, 2, 1});
    c.put(CostModel.Phase.DRIVER, new double[] {1, 7});
    c.put(CostModel.Phase.SCHEDULING, new double[] {15, 3});
    return new CostModel(2, c);
  }

  /** A point measured exactly as the model says. */
  private static ScalingPoint exact(CostModel m, String mode, int classes, int tasks, int batch) {
    return exact(m, mode, classes, tasks, batch, D);
  }

  private static ScalingPoint exact(
      CostModel m, String mode, int classes, int tasks, int batch, int features) {
    CostModel.Prediction p = m.predict(tasks, batch, classes, features);
    return new ScalingPoint(
        "test",
        mode,
        classes,
        features,
        tasks,
        tasks,
        batch,
        30,
        p.totalMs(),
        p.totalMs(),
        p.totalMs(),
        p.broadcastMs(),
        p.computeMs(),
        p.aggregationMs(),
        p.driverMs(),
        p.schedulingMs(),
        Double.NaN,
        Double.NaN,
        2);
  }

  @Test
  void fittingPointsMadeByAModelGivesItsConstantsBack() {
    CostModel m = known();
    List<ScalingPoint> points = new ArrayList<>();
    for (int n : new int[] {1, 2}) {
      for (int b : new int[] {256, 8192}) {
        points.add(exact(m, "strong", 10, n, b));
      }
      points.add(exact(m, "weak", 10, n, 1024 * n));
      points.add(exact(m, "model", 100, n, 256));
      points.add(exact(m, "model", 1000, n, 256));
    }
    CostModel fitted = CostModel.fit(points);
    for (CostModel.Phase phase : CostModel.Phase.values()) {
      double[] want = m.constants(phase);
      double[] got = fitted.constants(phase);
      for (int i = 0; i < want.length; i++) {
        assertEquals(want[i], got[i], 1e-6 * (1 + want[i]), phase + " " + phase.constants().get(i));
      }
    }
  }

  @Test
  void predictionsAddTheTreeLevelAndGrowWithTheModel() {
    CostModel m = known();
    CostModel.Prediction four = m.predict(4, 256, 10, D);
    CostModel.Prediction eight = m.predict(8, 256, 10, D);
    // From 4 to 8 tasks a level appears: a stage launch (s0 + s1 * 2) plus a fan-in of 4 results.
    double ma = ScalingPoint.resultBytes(10, D) / 1e6;
    double level = 15 + 3 * 2 + 4 * (2 + ma) + 4 + 6 * ma;
    double finalFold = (2 - 1) * (2 + ma) - (4 - 1) * (2 + ma);
    assertEquals(four.aggregationMs() + level + finalFold, eight.aggregationMs(), 1e-9);
    assertTrue(m.predict(1, 256, 1000, D).totalMs() > m.predict(1, 256, 10, D).totalMs());
    assertEquals(1.0, m.speedup(1, 8192, 10, D), 0.0);
  }

  @Test
  void theDataDecidesDAndDScalesTheWorkAndTheBytes() {
    CostModel m = known();
    CostModel.Prediction cifar = m.predict(2, 512, 10, D);
    CostModel.Prediction mnist = m.predict(2, 512, 10, 785);
    // compute = k0 + k1 CD + b D (k2 + k3 C), in millions: 256 rows per task.
    assertEquals(
        0.5 + 40 * 10 * 785 / 1e6 + 256 * 785 / 1e6 * (6.5 + 0.65 * 10), mnist.computeMs(), 1e-12);
    assertTrue(cifar.computeMs() > mnist.computeMs());
    assertEquals(
        2 + 3 * 8 * 10 * 785 / 1e6 + (1.5 + 0.5 * 8 * 10 * 785 / 1e6),
        mnist.broadcastMs(),
        1e-12,
        "W of 10 x 785 doubles, one doubling");
    // Points of two data sets fit one model: D is a feature of each point, not a constant.
    List<ScalingPoint> points = new ArrayList<>();
    for (int d : new int[] {785, D}) {
      for (int n : new int[] {1, 2}) {
        points.add(exact(m, "strong", 10, n, 256, d));
        points.add(exact(m, "strong", 10, n, 8192, d));
        points.add(exact(m, "model", 100, n, 256, d));
      }
    }
    CostModel fitted = CostModel.fit(points);
    assertEquals(
        m.predict(8, 1024, 1000, 2000).totalMs(),
        fitted.predict(8, 1024, 1000, 2000).totalMs(),
        1e-6);
  }

  @Test
  void criticalBatchIsWhereDoublingTheTasksStartsToPay() {
    CostModel m = known();
    for (int n : new int[] {1, 2, 16, 128}) {
      int b = m.criticalBatch(n, 10, D);
      assertTrue(b > 1 && b < Integer.MAX_VALUE, "critical batch " + b);
      assertTrue(m.predict(2 * n, b, 10, D).totalMs() < m.predict(n, b, 10, D).totalMs());
      assertTrue(m.predict(2 * n, b - 1, 10, D).totalMs() >= m.predict(n, b - 1, 10, D).totalMs());
    }
    assertTrue(m.criticalBatch(128, 10, D) > m.criticalBatch(2, 10, D), "overheads grow with n");
    int best = m.bestTasks(8192, 10, D, 512);
    assertTrue(best > 1 && best < 512, "a best task count inside the range: " + best);
  }

  @Test
  void badInputIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> CostModel.fit(List.of()));
    assertThrows(IllegalArgumentException.class, () -> known().predict(0, 256, 10, D));
    Map<CostModel.Phase, double[]> c = new EnumMap<>(CostModel.Phase.class);
    c.put(CostModel.Phase.DRIVER, new double[] {1});
    assertThrows(IllegalArgumentException.class, () -> new CostModel(2, c));
  }

  @Test
  void nonNegativeLeastSquaresClampsAtZeroAndFitsExactData() {
    double[][] x = {{1, 1}, {1, 2}, {1, 3}};
    double[] w = {1, 1, 1};
    assertArrayEquals(
        new double[] {1, 2}, NonNegativeLeastSquares.solve(x, new double[] {3, 5, 7}, w), 1e-9);
    // The unconstrained slope is negative: NNLS sets it to 0 and fits the mean.
    double[] c = NonNegativeLeastSquares.solve(x, new double[] {7, 5, 3}, w);
    assertEquals(0, c[1], 0.0);
    assertEquals(5, c[0], 1e-9);
  }
}
