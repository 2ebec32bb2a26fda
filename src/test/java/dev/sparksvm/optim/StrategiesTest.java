package dev.sparksvm.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.check.GradientCheck;
import dev.sparksvm.core.CandidateSet;
import dev.sparksvm.core.Candidates;
import dev.sparksvm.core.L2Regularizer;
import dev.sparksvm.core.Loss;
import dev.sparksvm.core.MulticlassHinge;
import dev.sparksvm.core.Plane;
import dev.sparksvm.core.Softmax;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Cifar10;
import dev.sparksvm.data.ImageBlock;
import dev.sparksvm.data.SyntheticCifar10;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CS231n strategies over the in-memory objective (no Spark). */
class StrategiesTest {
  private static final List<ImageBlock> BLOCKS = blocks(300, 2);
  private static final double[] MEAN = dev.sparksvm.data.PixelSums.meanOf(BLOCKS, Cifar10.PIXELS);

  static List<ImageBlock> blocks(int images, int partitions) {
    byte[] records = SyntheticCifar10.records(images, 77);
    List<ImageBlock> out = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      int n = (images - p + partitions - 1) / partitions;
      byte[] pixels = new byte[n * Cifar10.PIXELS];
      byte[] labels = new byte[n];
      for (int i = 0; i < n; i++) {
        int r = (p + i * partitions) * Cifar10.RECORD_BYTES;
        labels[i] = records[r];
        System.arraycopy(records, r + 1, pixels, i * Cifar10.PIXELS, Cifar10.PIXELS);
      }
      out.add(new ImageBlock(pixels, labels, Cifar10.PIXELS));
    }
    return out;
  }

  private static LocalObjective objective(Loss loss, int batch, double reg) {
    long[] sizes = BLOCKS.stream().mapToLong(ImageBlock::size).toArray();
    return new LocalObjective(
        BLOCKS,
        MEAN,
        Cifar10.CLASSES,
        new MiniBatchPlan(batch, 3, sizes),
        loss,
        new L2Regularizer(reg));
  }

  private static Weights random(double scale, long seed) {
    return Weights.gaussian(Cifar10.CLASSES, Cifar10.FEATURES, scale, seed);
  }

  @Test
  void stackedCandidateLossesEqualOneAtATimeAndTheGradientsLoss() {
    LocalObjective objective = objective(new Softmax(), 64, 10);
    CandidateSet set = Candidates.gaussian(Cifar10.CLASSES, Cifar10.FEATURES, 1e-4, 9, 70);
    double[] together = objective.losses(set, 5);
    for (int k = 0; k < set.size(); k += 23) {
      Weights w = Weights.zeros(Cifar10.CLASSES, Cifar10.FEATURES);
      set.fill(k, w.values(), 0);
      double alone = objective.losses(Candidates.of(List.of(w)), 5)[0];
      assertEquals(alone, together[k], 1e-12 * alone);
      assertEquals(objective.evaluate(w, 5).loss(), together[k], 1e-12 * alone);
    }
  }

  @Test
  void randomSearchKeepsTheLowestLossAndIsReproducible() {
    LocalObjective objective = objective(new MulticlassHinge(1), 300, 0);
    RandomSearch.Result r = new RandomSearch(40, 1e-4, 5).run(objective);
    for (double loss : r.losses()) {
      assertTrue(r.bestLoss() <= loss);
    }
    assertEquals(r.bestLoss(), objective.loss(r.best(), 0), 1e-12);
    assertEquals(r.best(), new RandomSearch(40, 1e-4, 5).run(objective).best());
    assertThrows(IllegalArgumentException.class, () -> new RandomSearch(0, 1e-4, 1));
    assertThrows(IllegalArgumentException.class, () -> new RandomSearch(10, -1, 1));
  }

  @Test
  void randomLocalSearchOnlyEverLowersTheLoss() {
    LocalObjective objective = objective(new MulticlassHinge(1), 300, 0);
    RandomLocalSearch search = new RandomLocalSearch(60, 1e-4, 1e-3, 8);
    double start =
        objective.loss(
            Weights.gaussian(
                Cifar10.CLASSES, Cifar10.FEATURES, 1e-3, dev.sparksvm.core.Seeds.derive(8, 0)),
            0);
    RandomLocalSearch.Result r = search.run(objective, (step, loss, accepted) -> {});
    double previous = start;
    for (double loss : r.lossPerStep()) {
      assertTrue(loss <= previous, "best loss never rises");
      previous = loss;
    }
    assertTrue(r.accepted() > 0 && r.bestLoss() < start, "some moves help: " + r.accepted());
    assertEquals(r.bestLoss(), objective.loss(r.best(), 0), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> new RandomLocalSearch(10, 0, 1e-3, 1));
  }

  @Test
  void stepSizeSweepFallsForSmallStepsAndExplodesForLargeOnes() {
    LocalObjective objective = objective(new MulticlassHinge(1), 300, 0);
    Weights w = random(1e-3, 4);
    Objective.Evaluation e = objective.evaluate(w, 0);
    List<StepSizeSweep.Row> rows =
        StepSizeSweep.run(objective, w, e.gradient(), StepSizeSweep.notesStepSizes());
    assertEquals(10, rows.size());
    assertTrue(rows.get(0).loss() < e.loss(), "a tiny step along -grad lowers the loss");
    assertTrue(rows.get(9).loss() > 10 * e.loss(), "a huge step overshoots: " + rows.get(9));
    double best = rows.stream().mapToDouble(StepSizeSweep.Row::loss).min().orElseThrow();
    assertTrue(best < rows.get(0).loss(), "a middle step beats the smallest");
  }

  @Test
  void gradientCheckPassesForBothLossesAndForwardDifferencesAreWorse() {
    int[] coords = {0, 17, 3072, 5000, 12345, 30729, 22222, 777};
    Weights w = random(1e-3, 12);
    GradientCheck.Report softmax =
        GradientCheck.run(objective(new Softmax(), 100, 50), w, coords, 1e-5, false, 50);
    assertTrue(softmax.maxCenteredError() < 1e-7, "softmax centered " + softmax.maxCenteredError());
    assertTrue(softmax.maxForwardError() > 10 * softmax.maxCenteredError());
    GradientCheck.Report svm =
        GradientCheck.run(objective(new MulticlassHinge(1), 100, 50), w, coords, 1e-5, true, 50);
    assertTrue(svm.maxCenteredErrorAwayFromKinks() < 1e-7, "svm " + svm);
    assertTrue(svm.maxForwardError() > svm.maxCenteredErrorAwayFromKinks());
    assertEquals(coords.length, svm.rows().size());
  }

  @Test
  void kinksAreDetectedWhereTheStepCrossesAHinge() {
    // One example, a step h large enough to cross margins: some coordinates must be flagged and
    // their centered errors are what dominates.
    LocalObjective one = objective(new MulticlassHinge(1), 1, 0);
    Weights w = random(1e-3, 3);
    int[] coords = new int[300];
    for (int i = 0; i < coords.length; i++) {
      coords[i] = i * 101;
    }
    GradientCheck.Report r = GradientCheck.run(one, w, coords, 2e-3, true, 0);
    assertTrue(r.kinks() > 0, "a 2e-3 step crosses some margin of a single example");
    assertTrue(r.maxCenteredErrorAwayFromKinks() < 1e-7, "linear pieces are exact: " + r);
    assertTrue(r.maxCenteredError() > 1e-3, "kinks dominate: " + r.maxCenteredError());
  }

  @Test
  void planeAndRayLossesEqualTheLossAtEachPoint() {
    LocalObjective objective = objective(new MulticlassHinge(1), 100, 7);
    Weights w = random(1e-3, 1);
    Weights w1 = random(1e-3, 2);
    Weights w2 = random(1e-3, 3);
    double[] a = LossLandscape.grid(5, 1);
    double[] plane = LossLandscape.plane(objective, w, w1, w2, a, a);
    double[] ray = LossLandscape.ray(objective, w, w1, a);
    Weights point = Weights.zeros(w.classes(), w.features());
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a.length; j++) {
        Plane p = new Plane(w, w1, w2, new double[] {a[i]}, new double[] {a[j]});
        double direct = objective.loss(p.point(0, point), 0);
        assertEquals(direct, plane[i * a.length + j], 1e-10 * direct);
      }
      double direct = objective.loss(Plane.line(w, w1, new double[] {a[i]}).point(0, point), 0);
      assertEquals(direct, ray[i], 1e-10 * direct);
    }
    assertArrayEquals(new double[] {-1, -0.5, 0, 0.5, 1}, a, 0);
  }
}
