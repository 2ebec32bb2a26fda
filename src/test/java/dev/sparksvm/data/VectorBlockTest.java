package dev.sparksvm.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.core.Batch;
import dev.sparksvm.core.FloatBatch;
import org.junit.jupiter.api.Test;

/** The DataFrame rows' compact block against plain loops over the rows it was given. */
class VectorBlockTest {
  private static final int D = 5;

  /** Row i's feature j: a mix of signs and magnitudes, not representable exactly as a float. */
  private static double value(int i, int j) {
    return (i - 3) * 1.1 + j * 0.37 - (j == 2 ? 1e3 : 0) + 1.0 / (1 + i + j);
  }

  private static double[] row(int i) {
    double[] r = new double[D];
    for (int j = 0; j < D; j++) {
      r[j] = value(i, j);
    }
    return r;
  }

  private static VectorBlock block(int rows, boolean floats) {
    VectorBlock.Builder b = VectorBlock.builder(D, floats);
    for (int i = 0; i < rows; i++) {
      b.add(i % 3, row(i));
    }
    return b.build();
  }

  private static Preprocessing standardizing() {
    return new Preprocessing(new double[] {0.5, -1, 3, 0, 2}, new double[] {2, 0.5, 0, 1, 0.25});
  }

  @Test
  void doubleRowsFillABatchStandardizedWithTheBiasAndLabels() {
    VectorBlock block = block(7, false);
    Preprocessing p = standardizing();
    Batch batch = new Batch(4, D + 1);
    FeatureBlock.Rows rows = block.rows(p);
    rows.fill(batch, new int[] {6, 1, 4, 0, 2}, 1, 5); // rows 1, 4, 0, 2
    int[] expected = {1, 4, 0, 2};
    assertEquals(4, batch.rows());
    for (int r = 0; r < 4; r++) {
      for (int j = 0; j < D; j++) {
        double reference = (value(expected[r], j) - p.mean()[j]) * p.scale()[j];
        assertEquals(reference, batch.x()[r * (D + 1) + j], 0.0, "row " + r + " feature " + j);
      }
      assertEquals(1.0, batch.x()[r * (D + 1) + D], 0.0);
      assertEquals(expected[r] % 3, batch.labels()[r]);
    }
    assertEquals(4, rows.rowsCopied());
    assertEquals(0.0, batch.x()[2], 0.0, "a scale of 0 sends the feature to 0");
  }

  @Test
  void withoutAScaleTheMeanIsSubtractedToTheBit() {
    VectorBlock block = block(3, false);
    double[] mean = {1, 2, 3, 4, 5};
    Batch batch = new Batch(3, D + 1);
    block.rows(Preprocessing.centring(mean)).fill(batch, null, 0, 3);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < D; j++) {
        assertEquals(value(i, j) - mean[j], batch.x()[i * (D + 1) + j], 0.0);
      }
    }
  }

  @Test
  void floatRowsKeepTheNearestFloatAndTheFloatBatchRoundsTheDoubleOnce() {
    VectorBlock block = block(4, true);
    assertTrue(block.floats());
    Preprocessing p = standardizing();
    Batch doubles = new Batch(4, D + 1);
    FloatBatch floats = new FloatBatch(4, D + 1);
    block.rows(p).fill(doubles, null, 0, 4);
    block.rows(p).fill(floats, null, 0, 4);
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < D; j++) {
        double stored = (float) value(i, j);
        assertEquals(stored, block.value(i, j), 0.0);
        double reference = (stored - p.mean()[j]) * p.scale()[j];
        assertEquals(reference, doubles.x()[i * (D + 1) + j], 0.0);
        assertEquals((float) reference, floats.x()[i * (D + 1) + j], 0.0f);
      }
      assertEquals(1.0f, floats.x()[i * (D + 1) + D], 0.0f);
    }
    assertEquals(4L * D * 4 + 4, block.payloadBytes(), "4 bytes a value, 1 a label");
  }

  @Test
  void sparseRowsAreDensified() {
    VectorBlock.Builder b = VectorBlock.builder(D, false);
    b.addSparse(2, D, new int[] {1, 4}, new double[] {7.5, -2});
    b.add(1, row(0));
    b.addSparse(0, D, new int[0], new double[0]);
    VectorBlock block = b.build();
    assertEquals(3, block.size());
    double[] first = block.row(0, new double[D]);
    assertEquals(0.0, first[0], 0.0);
    assertEquals(7.5, first[1], 0.0);
    assertEquals(-2.0, first[4], 0.0);
    assertEquals(value(0, 3), block.value(1, 3), 0.0);
    for (int j = 0; j < D; j++) {
      assertEquals(0.0, block.value(2, j), 0.0);
    }
    assertEquals(2, block.label(0));
  }

  @Test
  void rowsSpanPagesAndLabelsWidenPast255() {
    int d = VectorBlock.PAGE_VALUES / 3; // three rows a page
    VectorBlock.Builder b = VectorBlock.builder(d, true);
    for (int i = 0; i < 7; i++) {
      b.addSparse(i == 5 ? 300 : i, d, new int[] {0, d - 1}, new double[] {i, -i});
    }
    VectorBlock block = b.build();
    assertEquals(7, block.size());
    for (int i = 0; i < 7; i++) {
      assertEquals(i, block.value(i, 0), 0.0);
      assertEquals(-i, block.value(i, d - 1), 0.0);
      assertEquals(i == 5 ? 300 : i, block.label(i));
    }
    assertEquals(7L * d * 4 + 7 * 4, block.payloadBytes(), "int labels once one is above 255");
    Batch batch = new Batch(2, d + 1);
    block.rows(Preprocessing.centring(new double[d])).fill(batch, new int[] {5, 6}, 0, 2);
    assertEquals(5.0, batch.x()[0], 0.0);
    assertEquals(-6.0, batch.x()[(d + 1) + d - 1], 0.0);
    assertEquals(300, batch.labels()[0]);
  }

  @Test
  void anEmptyBlockTakesTheWidthOfItsPreprocessing() {
    VectorBlock empty = VectorBlock.empty(true);
    assertEquals(0, empty.size());
    FeatureBlock.Rows rows = empty.rows(Preprocessing.centring(new double[D]));
    assertEquals(D + 1, rows.features());
    assertEquals(0, rows.size());
    assertFalse(VectorBlock.empty(false).floats());
  }

  @Test
  void labelsThatAreNotClassIndicesAreRefusedNamingTheValue() {
    assertEquals(3, RowValues.classIndex(3.0));
    for (double bad : new double[] {-1.0, 1.5, Double.NaN, Double.POSITIVE_INFINITY, 3e9}) {
      InvalidDataException e =
          assertThrows(InvalidDataException.class, () -> RowValues.classIndex(bad));
      assertTrue(
          e.getMessage().startsWith("label " + bad + " is not a class index"), e.getMessage());
    }
  }

  @Test
  void featuresThatAreNotFiniteOrTooLargeForAFloatAreRefused() {
    VectorBlock.Builder doubles = VectorBlock.builder(2, false);
    InvalidDataException nan =
        assertThrows(
            InvalidDataException.class, () -> doubles.add(0, new double[] {1, Double.NaN}));
    assertTrue(nan.getMessage().startsWith("feature 1 is NaN"), nan.getMessage());
    InvalidDataException inf =
        assertThrows(
            InvalidDataException.class,
            () -> doubles.addSparse(0, 2, new int[] {0}, new double[] {Double.NEGATIVE_INFINITY}));
    assertTrue(inf.getMessage().startsWith("feature 0 is -Infinity"), inf.getMessage());
    doubles.add(0, new double[] {1e300, 0}); // a double keeps it
    VectorBlock.Builder floats = VectorBlock.builder(2, true);
    InvalidDataException big =
        assertThrows(InvalidDataException.class, () -> floats.add(0, new double[] {0, 1e300}));
    assertTrue(big.getMessage().contains("beyond the range of a float"), big.getMessage());
    InvalidDataException width =
        assertThrows(InvalidDataException.class, () -> floats.add(0, new double[] {1, 2, 3}));
    assertTrue(width.getMessage().startsWith("a row of 3 features among rows of 2"));
  }

  @Test
  void aPreprocessingOfAnotherWidthIsABug() {
    assertThrows(
        IllegalArgumentException.class,
        () -> block(2, false).rows(Preprocessing.centring(new double[D + 1])));
    Batch narrow = new Batch(2, D);
    assertThrows(
        IllegalArgumentException.class,
        () -> block(2, false).rows(Preprocessing.centring(new double[D])).fill(narrow, null, 0, 2));
  }
}
