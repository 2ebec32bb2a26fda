package dev.sparksvm.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The executor kernel against plain references, and its K stacked models against K single ones. */
class BatchKernelTest {
  private static final int D = 23;
  private static final int C = 5;

  private static int[] someRows(int n, int step) {
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < n; i += step) {
      rows.add(i);
    }
    return rows.stream().mapToInt(Integer::intValue).toArray();
  }

  @Test
  void gradientOverManyChunksMatchesOneBatchMatrix() {
    // 1,300 rows: eleven chunks of at most 128.
    MatrixRows rows = MatrixRows.random(1300, D, C, 1);
    int[] chosen = someRows(1300, 1);
    Weights w = Weights.gaussian(C, D, 0.3, 2);
    for (Loss loss : List.of(new MulticlassHinge(1), new Softmax())) {
      BatchTotals t =
          BatchKernel.current().lossAndGradient(rows, chosen, StackedWeights.of(w), loss);
      double[] expected = new double[C * D];
      double expectedLoss = LinearBatch.addLossAndGradient(w, rows.batch(chosen), loss, expected);
      assertEquals(1300, t.examples());
      assertEquals(expectedLoss, t.lossSums()[0], 1e-9 * Math.abs(expectedLoss));
      for (int i = 0; i < expected.length; i++) {
        assertEquals(
            expected[i],
            t.gradientSums()[i],
            1e-9 * (1 + Math.abs(expected[i])),
            loss.name() + " coordinate " + i);
      }
    }
  }

  @Test
  void stackedModelsGiveEachModelTheBitsOfItsOwnRun() {
    MatrixRows rows = MatrixRows.random(700, D, C, 3);
    int[] chosen = someRows(700, 3);
    List<Weights> models =
        List.of(
            Weights.gaussian(C, D, 0.1, 4),
            Weights.gaussian(C, D, 1.0, 5),
            Weights.gaussian(C, D, 0.01, 6));
    for (Loss loss : List.of(new MulticlassHinge(1), new Softmax())) {
      BatchTotals stacked =
          BatchKernel.current().lossAndGradient(rows, chosen, StackedWeights.of(models), loss);
      for (int k = 0; k < models.size(); k++) {
        BatchTotals one =
            BatchKernel.current()
                .lossAndGradient(rows, chosen, StackedWeights.of(models.get(k)), loss);
        assertEquals(one.lossSums()[0], stacked.lossSums()[k], 0.0, loss.name() + " model " + k);
        double[] part =
            java.util.Arrays.copyOfRange(stacked.gradientSums(), k * C * D, (k + 1) * C * D);
        assertArrayEquals(one.gradientSums(), part, 0.0, loss.name() + " model " + k);
      }
    }
  }

  @Test
  void stackedModelsOfCifarSizeMatchTheirSingleRunsForSmallAndLargeChunks() {
    int d = 3073;
    int c = 10;
    // 13 rows: a product too small for the BLAS's large path; 128 and 700: large (700 in two
    // chunks).
    for (int n : new int[] {13, 128, 700}) {
      MatrixRows rows = MatrixRows.random(n, d, c, n);
      int[] chosen = someRows(n, 1);
      List<Weights> models = new ArrayList<>();
      for (int k = 0; k < 5; k++) {
        models.add(Weights.gaussian(c, d, 1e-3, 20 + k));
      }
      for (int stackSize : new int[] {2, 3, 5}) {
        BatchTotals stacked =
            BatchKernel.current()
                .lossAndGradient(
                    rows,
                    chosen,
                    StackedWeights.of(models.subList(0, stackSize)),
                    new MulticlassHinge(1));
        for (int k = 0; k < stackSize; k++) {
          BatchTotals one =
              BatchKernel.current()
                  .lossAndGradient(
                      rows, chosen, StackedWeights.of(models.get(k)), new MulticlassHinge(1));
          assertEquals(one.lossSums()[0], stacked.lossSums()[k], 0.0, n + " rows, model " + k);
          assertArrayEquals(
              one.gradientSums(),
              java.util.Arrays.copyOfRange(stacked.gradientSums(), k * c * d, (k + 1) * c * d),
              0.0,
              n + " rows, K " + stackSize + ", model " + k);
        }
      }
    }
  }

  @Test
  void countCorrectMatchesAPlainArgmaxLoopForEveryStackedModel() {
    MatrixRows rows = MatrixRows.random(600, D, C, 7);
    List<Weights> models = List.of(Weights.gaussian(C, D, 1.0, 8), Weights.gaussian(C, D, 1.0, 9));
    long[] correct = BatchKernel.current().countCorrect(rows, StackedWeights.of(models));
    for (int k = 0; k < models.size(); k++) {
      long expected = 0;
      for (int i = 0; i < rows.size(); i++) {
        int best = 0;
        for (int c = 1; c < C; c++) {
          if (rows.score(models.get(k), i, c) > rows.score(models.get(k), i, best)) {
            best = c;
          }
        }
        expected += best == rows.labels[i] ? 1 : 0;
      }
      assertEquals(expected, correct[k], "model " + k);
      // Random labels on random weights: about 1 in 5 right, so the loop above is not vacuous.
      assertEquals(600 / 5.0, (double) correct[k], 40);
    }
  }

  @Test
  void candidateAndPlaneLossesMatchTheLossOfEachPoint() {
    MatrixRows rows = MatrixRows.random(530, D, C, 10);
    int[] chosen = someRows(530, 2);
    Loss loss = new MulticlassHinge(1);
    Weights w = Weights.gaussian(C, D, 0.2, 11);
    Weights w1 = Weights.gaussian(C, D, 0.2, 12);
    Weights w2 = Weights.gaussian(C, D, 0.2, 13);
    Plane plane = new Plane(w, w1, w2, new double[] {0, 0.5, -1}, new double[] {0, 2, 0.25});
    double[] planeSums = BatchKernel.current().planeLossSums(rows, chosen, plane, loss);
    List<Weights> points = new ArrayList<>();
    for (int k = 0; k < plane.size(); k++) {
      points.add(plane.point(k, Weights.zeros(C, D)));
    }
    double[] candidateSums =
        BatchKernel.current().candidateLossSums(rows, chosen, Candidates.of(points), loss);
    for (int k = 0; k < points.size(); k++) {
      double expected = 0;
      Batch b = rows.batch(chosen);
      double[] s = LinearBatch.scores(points.get(k), b, null);
      expected = loss.loss(s, b.labels(), b.rows(), C);
      assertEquals(expected, candidateSums[k], 1e-9 * expected, "candidate " + k);
      assertEquals(expected, planeSums[k], 1e-9 * expected, "plane point " + k);
    }
    assertTrue(planeSums[1] != planeSums[0], "the points differ");
  }

  @Test
  void buffersReusedAcrossCallsOfOtherShapesDoNotLeak() {
    MatrixRows big = MatrixRows.random(900, D, C, 14);
    MatrixRows small = MatrixRows.random(40, 9, 3, 15);
    Weights wSmall = Weights.gaussian(3, 9, 0.5, 16);
    Loss loss = new Softmax();
    BatchTotals first =
        BatchKernel.current()
            .lossAndGradient(small, someRows(40, 1), StackedWeights.of(wSmall), loss);
    BatchKernel.current()
        .lossAndGradient(
            big, someRows(900, 1), StackedWeights.of(Weights.gaussian(C, D, 0.5, 17)), loss);
    BatchTotals again =
        BatchKernel.current()
            .lossAndGradient(small, someRows(40, 1), StackedWeights.of(wSmall), loss);
    assertArrayEquals(first.gradientSums(), again.gradientSums(), 0.0);
    assertArrayEquals(first.lossSums(), again.lossSums(), 0.0);
  }
}
