package dev.sparksvm.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Model k of K stacked CIFAR-sized models gets the bits of its own run, under netlib's Java BLAS
 * and under OpenBLAS, in double and float, for chunks on both sides of the stacking threshold and K
 * up to tune's 16; and the same call twice gives the same bits.
 */
class StackedBlasBitsTest {
  private static final int D = 3073;
  private static final int C = 10;

  static BLAS blas(String which) {
    // Select first: netlib builds all its instances when any is first asked for, and one asked
    // before the selection sets the library's path would leave OpenBLAS unloaded for this JVM
    // (this class run alone then skipped its OpenBLAS half).
    LinearBatch.blasName();
    if (which.equals("java")) {
      return JavaBLAS.getInstance();
    }
    assumeTrue(LinearBatch.blasName().equals(BundledOpenBlas.NAME), "OpenBLAS did not load here");
    return LinearBatch.blasInstance();
  }

  @ParameterizedTest
  @ValueSource(strings = {"java", "openblas"})
  void everyStackedModelHasTheBitsOfItsSingleRun(String which) {
    BLAS blas = blas(which);
    List<Weights> models = new ArrayList<>();
    for (int k = 0; k < 16; k++) {
      models.add(Weights.gaussian(C, D, 1e-3, 40 + k));
    }
    // 1 and 13 rows: products below the stacking threshold; 128, 300 and 700 (two chunks) above.
    for (int n : new int[] {1, 13, 128, 300, 700}) {
      MatrixRows rows = MatrixRows.random(n, D, C, n);
      int[] chosen = new int[n];
      Arrays.setAll(chosen, i -> i);
      for (Precision p : Precision.values()) {
        for (Loss loss : List.of(new MulticlassHinge(1), new Softmax())) {
          List<BatchTotals> single = new ArrayList<>();
          BlasSelection.withBlas(
              blas,
              () -> {
                for (Weights w : models) {
                  single.add(
                      BatchKernel.current()
                          .lossAndGradient(rows, chosen, StackedWeights.of(w), loss, p));
                }
              });
          for (int stack : new int[] {2, 3, 5, 16}) {
            BatchTotals[] stacked = new BatchTotals[1];
            BlasSelection.withBlas(
                blas,
                () ->
                    stacked[0] =
                        BatchKernel.current()
                            .lossAndGradient(
                                rows,
                                chosen,
                                StackedWeights.of(models.subList(0, stack)),
                                loss,
                                p));
            for (int k = 0; k < stack; k++) {
              String what = which + " " + p + " " + loss.name() + " " + n + " rows K " + stack;
              assertEquals(
                  single.get(k).lossSums()[0], stacked[0].lossSums()[k], 0.0, what + " m" + k);
              assertArrayEquals(
                  single.get(k).gradientSums(),
                  Arrays.copyOfRange(stacked[0].gradientSums(), k * C * D, (k + 1) * C * D),
                  0.0,
                  what + " model " + k);
            }
          }
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"java", "openblas"})
  void theSameCallGivesTheSameBits(String which) {
    BLAS blas = blas(which);
    MatrixRows rows = MatrixRows.random(900, D, C, 5);
    int[] chosen = new int[900];
    Arrays.setAll(chosen, i -> i);
    StackedWeights w = StackedWeights.of(List.of(Weights.gaussian(C, D, 1e-3, 1)));
    double[][] grads = new double[2][];
    BlasSelection.withBlas(
        blas,
        () -> {
          for (int i = 0; i < 2; i++) {
            grads[i] =
                BatchKernel.current()
                    .lossAndGradient(rows, chosen, w, new MulticlassHinge(1))
                    .gradientSums();
          }
        });
    assertArrayEquals(grads[0], grads[1], 0.0);
  }
}
