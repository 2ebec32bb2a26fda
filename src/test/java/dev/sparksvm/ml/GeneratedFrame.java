package dev.sparksvm.ml;

import dev.sparksvm.spark.LocalSession;
import dev.sparksvm.spark.LocalSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Generated classification rows for the spark.ml tests: C = 3 Gaussian blobs in D = 8 features,
 * each feature with its own offset and scale (0.01 to 100, so standardization matters) and feature
 * 7 constant (standard deviation 0). Columns: {@code label} (double), {@code features} (vector),
 * {@code x0..x7} (the same values as doubles, for VectorAssembler), {@code held} (every fifth row)
 * and {@code fold} (row % 2).
 */
final class GeneratedFrame {
  static final int CLASSES = 3;
  static final int D = 8;

  private GeneratedFrame() {}

  static SparkSession spark() {
    return LocalSession.get();
  }

  /** Each class's centre, before offset and scale. */
  private static double[][] centres(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] centres = new double[CLASSES][D];
    for (double[] c : centres) {
      for (int j = 0; j < D; j++) {
        c[j] = 3 * (r.nextDouble() - 0.5);
      }
    }
    return centres;
  }

  static double offset(int j) {
    return 50.0 * j - 120;
  }

  static double scale(int j) {
    return Math.pow(10, j % 5 - 2);
  }

  /** The raw rows: label, then D features; every seed draws other rows of the same classes. */
  static List<double[]> values(int n, long seed) {
    double[][] centres = centres(42);
    SplittableRandom r = new SplittableRandom(seed + 1);
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int c = i % CLASSES;
      double[] row = new double[D + 1];
      row[0] = c;
      for (int j = 0; j < D; j++) {
        row[1 + j] =
            j == D - 1 ? 5.0 : offset(j) + scale(j) * (centres[c][j] + 0.6 * r.nextGaussian());
      }
      rows.add(row);
    }
    return rows;
  }

  static StructType schema() {
    List<StructField> fields = new ArrayList<>();
    fields.add(new StructField("label", DataTypes.DoubleType, false, Metadata.empty()));
    fields.add(new StructField("features", SQLDataTypes.VectorType(), false, Metadata.empty()));
    for (int j = 0; j < D; j++) {
      fields.add(new StructField("x" + j, DataTypes.DoubleType, false, Metadata.empty()));
    }
    fields.add(new StructField("held", DataTypes.BooleanType, false, Metadata.empty()));
    fields.add(new StructField("fold", DataTypes.IntegerType, false, Metadata.empty()));
    return new StructType(fields.toArray(new StructField[0]));
  }

  /** {@code n} rows in {@code partitions} partitions of consecutive rows. */
  static Dataset<Row> frame(int n, int partitions, long seed) {
    List<Row> rows = new ArrayList<>();
    int i = 0;
    for (double[] v : values(n, seed)) {
      Object[] cells = new Object[D + 4];
      cells[0] = v[0];
      double[] x = java.util.Arrays.copyOfRange(v, 1, D + 1);
      cells[1] = Vectors.dense(x);
      for (int j = 0; j < D; j++) {
        cells[2 + j] = x[j];
      }
      cells[D + 2] = i % 5 == 0;
      cells[D + 3] = i % 2;
      rows.add(RowFactory.create(cells));
      i++;
    }
    return spark().createDataFrame(LocalSpark.get().parallelize(rows, partitions), schema());
  }

  /** The fraction of rows whose prediction is their label. */
  static double accuracy(Dataset<Row> predictions) {
    List<Row> rows = predictions.select("label", "prediction").collectAsList();
    long right = rows.stream().filter(r -> r.getDouble(0) == r.getDouble(1)).count();
    return right / (double) rows.size();
  }
}
