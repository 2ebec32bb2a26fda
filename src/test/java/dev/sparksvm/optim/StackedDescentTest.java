package dev.sparksvm.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.core.L2Regularizer;
import dev.sparksvm.core.Loss;
import dev.sparksvm.core.Softmax;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Cifar10;
import dev.sparksvm.data.ImageBlock;
import dev.sparksvm.data.PixelSums;
import dev.sparksvm.data.SyntheticBlocks;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** K models trained side by side against K single runs, on the in-memory objective. */
class StackedDescentTest {
  private static final List<ImageBlock> BLOCKS = SyntheticBlocks.partitions(300, 3, 5);
  private static final double[] MEAN = PixelSums.meanOf(BLOCKS, Cifar10.PIXELS);
  private static final long[] SIZES = BLOCKS.stream().mapToLong(ImageBlock::size).toArray();
  private static final MiniBatchPlan PLAN = new MiniBatchPlan(40, 11, SIZES);

  private static LocalObjective objective(Loss loss, double reg) {
    return new LocalObjective(BLOCKS, MEAN, Cifar10.CLASSES, PLAN, loss, new L2Regularizer(reg));
  }

  private static Weights start() {
    return Weights.gaussian(Cifar10.CLASSES, Cifar10.FEATURES, 1e-3, 2);
  }

  @Test
  void eachStackedModelTakesTheStepsOfItsOwnRunBitForBit() {
    Loss loss = new Softmax();
    double[][] grid = {{1e-6, 1e3}, {3e-7, 0}, {1e-7, 5e4}};
    List<StackedDescent.Model> models = new ArrayList<>();
    for (double[] g : grid) {
      models.add(
          new StackedDescent.Model(
              new LearningRate(g[0], 0.9, PLAN.iterationsPerEpoch()), new L2Regularizer(g[1])));
    }
    List<double[]> lossesOfModel1 = new ArrayList<>();
    StackedDescent.Result stacked =
        new StackedDescent(models)
            .minimise(
                objective(loss, 0),
                List.of(start(), start(), start()),
                25,
                (step, losses, weights, active) -> lossesOfModel1.add(new double[] {losses[1]}));
    for (int k = 0; k < grid.length; k++) {
      List<Double> single = new ArrayList<>();
      Weights alone =
          new GradientDescent(models.get(k).rate())
              .minimise(
                  objective(loss, grid[k][1]), start(), 25, (step, l, rate, w) -> single.add(l));
      assertArrayEquals(alone.values(), stacked.weights().get(k).values(), 0.0, "model " + k);
      assertFalse(stacked.diverged(k));
      if (k == 1) {
        for (int t = 0; t < 25; t++) {
          assertEquals(single.get(t), lossesOfModel1.get(t)[0], 0.0, "loss at step " + t);
        }
      }
    }
  }

  /**
   * Momentum and Nesterov's momentum in the stack: each model carries its own velocity, and still
   * takes the steps of its own run (with the same update) bit for bit, beside a vanilla model.
   */
  @Test
  void eachStackedModelWithMomentumTakesTheStepsOfItsOwnRunBitForBit() {
    Loss loss = new Softmax();
    double[][] grid = {{1e-7, 1e3}, {3e-8, 0}, {1e-7, 0}, {3e-7, 5e4}};
    UpdateRule[] rules = {
      UpdateRule.MOMENTUM, UpdateRule.NESTEROV, UpdateRule.SGD, UpdateRule.MOMENTUM
    };
    double[] mus = {0.9, 0.95, 0.9, 0.5};
    List<StackedDescent.Model> models = new ArrayList<>();
    for (int k = 0; k < grid.length; k++) {
      models.add(
          new StackedDescent.Model(
              new LearningRate(grid[k][0], 0.9, PLAN.iterationsPerEpoch()),
              new L2Regularizer(grid[k][1]),
              rules[k].start(mus[k], Cifar10.CLASSES, Cifar10.FEATURES)));
    }
    StackedDescent.Result stacked =
        new StackedDescent(models)
            .minimise(
                objective(loss, 0),
                List.of(start(), start(), start(), start()),
                25,
                (step, losses, weights, active) -> {});
    for (int k = 0; k < grid.length; k++) {
      Update own = rules[k].start(mus[k], Cifar10.CLASSES, Cifar10.FEATURES);
      Weights alone =
          new GradientDescent(models.get(k).rate(), own)
              .minimise(objective(loss, grid[k][1]), start(), 25, (step, l, rate, w) -> {});
      assertArrayEquals(alone.values(), stacked.weights().get(k).values(), 0.0, "model " + k);
      assertFalse(stacked.diverged(k));
      if (rules[k].hasVelocity()) {
        assertArrayEquals(
            own.velocity().values(),
            models.get(k).update().velocity().values(),
            0.0,
            "the velocity of model " + k);
      }
    }
    assertFalse(
        java.util.Arrays.equals(
            stacked.weights().get(0).values(),
            new GradientDescent(models.get(0).rate())
                .minimise(objective(loss, grid[0][1]), start(), 25, (step, l, rate, w) -> {})
                .values()),
        "momentum took other steps than the vanilla update would have");
  }

  @Test
  void aDivergingModelIsDroppedAndTheOthersGoOn() {
    List<StackedDescent.Model> models =
        List.of(
            new StackedDescent.Model(LearningRate.constant(1e-6), new L2Regularizer(1e3)),
            new StackedDescent.Model(LearningRate.constant(1e4), new L2Regularizer(1e3)),
            new StackedDescent.Model(LearningRate.constant(3e-7), new L2Regularizer(1e3)));
    List<boolean[]> activity = new ArrayList<>();
    StackedDescent.Result r =
        new StackedDescent(models)
            .minimise(
                objective(new Softmax(), 0),
                List.of(start(), start(), start()),
                30,
                (step, losses, weights, active) -> activity.add(active));
    assertTrue(r.diverged(1), "a step of 1e4 explodes");
    assertFalse(r.diverged(0));
    assertFalse(r.diverged(2));
    assertEquals(30, activity.size(), "the survivors take every step");
    assertFalse(activity.get(29)[1]);
    assertTrue(r.weights().get(0).isFinite() && r.weights().get(2).isFinite());
    // The survivors are unaffected by their neighbour: the same as alone.
    Weights alone =
        new GradientDescent(LearningRate.constant(3e-7))
            .minimise(objective(new Softmax(), 1e3), start(), 30, (s, l, rate, w) -> {});
    assertArrayEquals(alone.values(), r.weights().get(2).values(), 0.0);
  }
}
