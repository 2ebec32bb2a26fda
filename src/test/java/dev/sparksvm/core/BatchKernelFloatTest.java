package dev.sparksvm.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.data.Cifar10;
import dev.sparksvm.data.ImageBlock;
import dev.sparksvm.data.SyntheticBlocks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The kernel's single-precision path ({@link Precision#FLOAT}) against the double one, and its K
 * stacked models against K single runs, at CIFAR-10's shape (D = 3073, C = 10).
 */
class BatchKernelFloatTest {
  private static final int D = Cifar10.FEATURES;
  private static final int C = 10;

  private static int[] allRows(int n) {
    int[] rows = new int[n];
    Arrays.setAll(rows, i -> i);
    return rows;
  }

  /** ||a - b|| / ||b||. */
  private static double relativeError(double[] a, double[] b) {
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < a.length; i++) {
      diff += (a[i] - b[i]) * (a[i] - b[i]);
      norm += b[i] * b[i];
    }
    return Math.sqrt(diff / norm);
  }

  @Test
  void floatGradientAndLossAgreeWithDoubleOnCifarSizedImages() {
    // 1,100 synthetic CIFAR-10 images through the real preprocessing (uint8 pixels, mean
    // subtracted):
    // three chunks, the last one partial.
    List<ImageBlock> blocks = SyntheticBlocks.partitions(1100, 1, 1);
    FeatureRows rows = blocks.get(0).centred(SyntheticBlocks.mean(blocks));
    int[] chosen = allRows(1100);
    for (double scale : new double[] {1e-3, 1e-2}) {
      StackedWeights w = StackedWeights.of(Weights.gaussian(C, D, scale, 2));
      for (Loss loss : List.of(new MulticlassHinge(1), new Softmax())) {
        BatchTotals d =
            BatchKernel.current().lossAndGradient(rows, chosen, w, loss, Precision.DOUBLE);
        BatchTotals f =
            BatchKernel.current().lossAndGradient(rows, chosen, w, loss, Precision.FLOAT);
        String what = loss.name() + " at W scale " + scale;
        double gradientError = relativeError(f.gradientSums(), d.gradientSums());
        double lossError = Math.abs(f.lossSums()[0] - d.lossSums()[0]) / d.lossSums()[0];
        assertEquals(1100, f.examples());
        // Measured: 7e-8 to 2e-7 for the gradient, 1e-9 to 7e-9 for the loss (sums stay double).
        assertTrue(gradientError < 1e-5, what + ": gradient relative error " + gradientError);
        assertTrue(lossError < 1e-6, what + ": loss relative error " + lossError);
        assertTrue(gradientError > 0, what + ": float differs from double, so it did run in float");
      }
    }
  }

  @Test
  void doublePrecisionIsTheDoublePathBitForBit() {
    MatrixRows rows = MatrixRows.random(600, D, C, 3);
    StackedWeights w =
        StackedWeights.of(
            List.of(Weights.gaussian(C, D, 1e-3, 4), Weights.gaussian(C, D, 1e-3, 5)));
    BatchTotals plain = BatchKernel.current().lossAndGradient(rows, allRows(600), w, new Softmax());
    BatchTotals chosen =
        BatchKernel.current()
            .lossAndGradient(rows, allRows(600), w, new Softmax(), Precision.DOUBLE);
    assertArrayEquals(plain.gradientSums(), chosen.gradientSums(), 0.0);
    assertArrayEquals(plain.lossSums(), chosen.lossSums(), 0.0);
  }

  @Test
  void stackedFloatModelsGiveEachModelTheBitsOfItsOwnFloatRun() {
    // 13 rows: a product too small for the BLAS's large path; 128 and 700: large (700 in two
    // chunks).
    for (int n : new int[] {13, 128, 700}) {
      MatrixRows rows = MatrixRows.random(n, D, C, n);
      int[] chosen = allRows(n);
      List<Weights> models = new ArrayList<>();
      for (int k = 0; k < 16; k++) {
        models.add(Weights.gaussian(C, D, 1e-3, 20 + k));
      }
      for (Loss loss : List.of(new MulticlassHinge(1), new Softmax())) {
        List<BatchTotals> alone = new ArrayList<>();
        for (Weights m : models) {
          alone.add(
              BatchKernel.current()
                  .lossAndGradient(rows, chosen, StackedWeights.of(m), loss, Precision.FLOAT));
        }
        for (int stackSize : new int[] {2, 3, 5, 16}) {
          BatchTotals stacked =
              BatchKernel.current()
                  .lossAndGradient(
                      rows,
                      chosen,
                      StackedWeights.of(models.subList(0, stackSize)),
                      loss,
                      Precision.FLOAT);
          for (int k = 0; k < stackSize; k++) {
            String what = loss.name() + ", " + n + " rows, K " + stackSize + ", model " + k;
            assertEquals(alone.get(k).lossSums()[0], stacked.lossSums()[k], 0.0, what);
            assertArrayEquals(
                alone.get(k).gradientSums(),
                Arrays.copyOfRange(stacked.gradientSums(), k * C * D, (k + 1) * C * D),
                0.0,
                what);
          }
        }
      }
    }
  }

  @Test
  void floatResultsAreDeterministicAcrossCallsAndBufferReuse() {
    MatrixRows rows = MatrixRows.random(700, D, C, 7);
    MatrixRows other = MatrixRows.random(40, 9, 3, 8);
    StackedWeights w =
        StackedWeights.of(
            List.of(
                Weights.gaussian(C, D, 1e-3, 9),
                Weights.gaussian(C, D, 1e-3, 10),
                Weights.gaussian(C, D, 1e-3, 11)));
    BatchTotals first =
        BatchKernel.current()
            .lossAndGradient(rows, allRows(700), w, new Softmax(), Precision.FLOAT);
    BatchKernel.current()
        .lossAndGradient(
            other,
            allRows(40),
            StackedWeights.of(Weights.gaussian(3, 9, 0.5, 12)),
            new Softmax(),
            Precision.FLOAT);
    BatchTotals again =
        BatchKernel.current()
            .lossAndGradient(rows, allRows(700), w, new Softmax(), Precision.FLOAT);
    assertArrayEquals(first.gradientSums(), again.gradientSums(), 0.0);
    assertArrayEquals(first.lossSums(), again.lossSums(), 0.0);
  }

  @Test
  void noRowsGiveZeroSums() {
    MatrixRows rows = MatrixRows.random(10, D, C, 13);
    BatchTotals t =
        BatchKernel.current()
            .lossAndGradient(
                rows,
                new int[0],
                StackedWeights.of(Weights.gaussian(C, D, 1e-3, 14)),
                new Softmax(),
                Precision.FLOAT);
    assertEquals(0, t.examples());
    assertArrayEquals(new double[C * D], t.gradientSums(), 0.0);
    assertArrayEquals(new double[1], t.lossSums(), 0.0);
  }
}
