package dev.sparksvm.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.core.GradientAccumulator;
import dev.sparksvm.core.L2Regularizer;
import dev.sparksvm.core.OrderedSums;
import dev.sparksvm.core.StackedWeights;
import dev.sparksvm.core.Weights;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MiniBatchPlanTest {

  @Test
  void batchMustBeBetweenOneAndTheTrainingSetSize() {
    long[] sizes = {30, 20};
    for (int bad : new int[] {0, -1, 51}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> new MiniBatchPlan(bad, 1, sizes));
      assertTrue(e.getMessage().contains("batch"), e.getMessage());
      assertTrue(e.getMessage().contains("1..50"), e.getMessage());
    }
    new MiniBatchPlan(1, 1, sizes);
    new MiniBatchPlan(50, 1, sizes);
  }

  @Test
  void sharesAndEpochs() {
    long[] sizes = {30, 20, 0};
    MiniBatchPlan full = new MiniBatchPlan(50, 1, sizes);
    assertArrayEquals(new int[] {30, 20, 0}, full.shares(7));
    assertEquals(50, full.trainingSize());
    assertEquals(1, full.iterationsPerEpoch());
    MiniBatchPlan mini = new MiniBatchPlan(8, 1, sizes);
    for (long step = 0; step < 20; step++) {
      assertEquals(8, Arrays.stream(mini.shares(step)).sum());
    }
    assertEquals(7, mini.iterationsPerEpoch()); // ceil(50 / 8)
    assertEquals(50, new MiniBatchPlan(1, 1, sizes).iterationsPerEpoch());
  }

  @Test
  void partitionSizesAreCopied() {
    long[] sizes = {30, 20};
    MiniBatchPlan g = new MiniBatchPlan(50, 1, sizes);
    sizes[0] = 0;
    assertEquals(50, g.trainingSize());
  }

  @Test
  void finishAveragesAndAddsTheRegularization() {
    Weights w = new Weights(1, 2, new double[] {1, -1});
    GradientAccumulator totals = new GradientAccumulator(1, 2).add(new double[] {4, 8}, 10, 4);
    Objective.Evaluation e =
        new MiniBatchPlan(4, 1, new long[] {4}).finish(totals, 0, w, new L2Regularizer(0.5));
    assertEquals(4, e.examples());
    assertEquals(10.0 / 4 + 0.5 * 2, e.loss(), 0.0);
    assertArrayEquals(new double[] {1 + 1, 2 - 1}, e.gradient().values(), 0.0);
  }

  @Test
  void finishReportsDivergenceAndEmptyBatches() {
    MiniBatchPlan g = new MiniBatchPlan(1, 1, new long[] {4});
    Weights w = Weights.zeros(1, 2);
    GradientAccumulator bad = new GradientAccumulator(1, 2).add(new double[] {Double.NaN, 0}, 1, 1);
    assertTrue(Double.isNaN(g.finish(bad, 0, w, new L2Regularizer(0)).loss()));
    assertThrows(
        IllegalStateException.class,
        () -> g.finish(new GradientAccumulator(1, 2), 0, w, new L2Regularizer(0)));
  }

  @Test
  void aDivergedModelOfAStackLeavesTheOthersFinite() {
    MiniBatchPlan plan = new MiniBatchPlan(2, 1, new long[] {4});
    Weights w = Weights.zeros(1, 2);
    GradientAccumulator totals =
        new GradientAccumulator(2, 1, 2)
            .add(new double[] {1, 2, Double.POSITIVE_INFINITY, 0}, new double[] {3, 4}, 2);
    Objective.Evaluation ok = plan.finish(totals, 0, w, new L2Regularizer(0));
    assertEquals(1.5, ok.loss(), 0.0);
    assertArrayEquals(new double[] {0.5, 1}, ok.gradient().values(), 0.0);
    assertTrue(Double.isNaN(plan.finish(totals, 1, w, new L2Regularizer(0)).loss()));
  }

  @Test
  void aStackFinishesToTheBitsOfEachModelAlone() {
    MiniBatchPlan plan = new MiniBatchPlan(3, 1, new long[] {7});
    SplittableRandom random = new SplittableRandom(11);
    int models = 3;
    int size = 2 * 5;
    double[] sums = random.doubles((long) models * size, -3, 3).toArray();
    double[] losses = random.doubles(models, 0, 9).toArray();
    List<Weights> ws = new ArrayList<>();
    L2Regularizer[] regs = {new L2Regularizer(0), new L2Regularizer(0.37), new L2Regularizer(1e-3)};
    for (int k = 0; k < models; k++) {
      ws.add(new Weights(2, 5, random.doubles(size, -1, 1).toArray()));
    }
    Objective.Evaluation[] stacked =
        plan.finish(
            new OrderedSums(models, 2, 5).add(sums, losses, 3), StackedWeights.of(ws), regs);
    for (int k = 0; k < models; k++) {
      Objective.Evaluation alone =
          plan.finish(new OrderedSums(models, 2, 5).add(sums, losses, 3), k, ws.get(k), regs[k]);
      assertEquals(
          Double.doubleToRawLongBits(alone.loss()), Double.doubleToRawLongBits(stacked[k].loss()));
      assertArrayEquals(alone.gradient().values(), stacked[k].gradient().values(), 0.0);
    }
  }

  @Test
  void rowsAreTheSeededDrawOfThePartitionsShare() {
    MiniBatchPlan plan = new MiniBatchPlan(10, 5, new long[] {30, 20});
    int[] rows = plan.rows(1, 3, 4, 20);
    // Golden values, computed once from the code of commit 5ec3159: the rows of (seed 5, step 3,
    // partition 1). A resumed run draws what the run it continues drew only while they stay the
    // same; changing them breaks checkpoint compatibility.
    assertArrayEquals(new int[] {1, 13, 17, 19}, rows);
    assertArrayEquals(new int[] {6, 4}, plan.shares(3));
    assertTrue(
        !Arrays.equals(rows, plan.rows(1, 4, 4, 20))
            || !Arrays.equals(rows, plan.rows(0, 3, 4, 20)),
        "draws depend on the step and the partition");
  }
}
