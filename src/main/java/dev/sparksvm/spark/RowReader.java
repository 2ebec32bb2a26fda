package dev.sparksvm.spark;

import dev.sparksvm.data.FeatureMoments;
import dev.sparksvm.data.InvalidDataException;
import dev.sparksvm.data.RowValues;
import dev.sparksvm.data.VectorBlock;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

/**
 * What one task of {@link FrameLoader} does: reads its partition's rows (label, features, and the
 * validation indicator when there is one) into a training and a validation {@link VectorBlock},
 * checking every value on the way. A named class: the task ships only these few fields.
 */
final class RowReader
    implements Function2<Integer, Iterator<Row>, Iterator<SplitBlock>>, Serializable {
  private static final long serialVersionUID = 1L;
  private final int knownFeatures;
  private final String featuresName;
  private final int numericColumns;
  private final boolean floats;
  private final int classes;
  private final boolean split;

  /**
   * @param knownFeatures D when the schema says it, else -1 (the first row says it)
   * @param classes C when known (labels at or above it are refused), else 0
   * @param split whether the last column is the validation indicator
   */
  RowReader(FrameColumns columns, int knownFeatures, boolean floats, int classes, boolean split) {
    this.knownFeatures = knownFeatures;
    this.featuresName = columns.featuresName();
    this.numericColumns = columns.numeric() == null ? 0 : columns.numeric().size();
    this.floats = floats;
    this.classes = classes;
    this.split = split;
  }

  @Override
  public Iterator<SplitBlock> call(Integer partition, Iterator<Row> rows) {
    int features = knownFeatures;
    VectorBlock.Builder train = null;
    VectorBlock.Builder validation = null;
    double[] values = numericColumns > 0 ? new double[numericColumns] : null;
    long index = 0;
    while (rows.hasNext()) {
      Row row = rows.next();
      try {
        int label = label(row.get(0));
        boolean held = split && indicator(row.get(row.size() - 1));
        Object raw = numericColumns > 0 ? null : row.get(1);
        if (numericColumns == 0 && raw == null) {
          throw new InvalidDataException("the features are null");
        }
        if (train == null) {
          if (features < 0) {
            features = VectorBlock.checkedWidth(((Vector) raw).size(), featuresName);
          }
          train = VectorBlock.builder(features, floats);
          validation = split ? VectorBlock.builder(features, floats) : null;
        }
        VectorBlock.Builder into = held ? validation : train;
        if (numericColumns > 0) {
          for (int j = 0; j < numericColumns; j++) {
            Object v = row.get(1 + j);
            if (v == null) {
              throw new InvalidDataException("feature " + j + " is null");
            }
            values[j] = ((Number) v).doubleValue();
          }
          into.add(label, values);
        } else if (raw instanceof SparseVector s) {
          into.addSparse(label, s.size(), s.indices(), s.values());
        } else {
          into.add(label, ((DenseVector) raw).values());
        }
      } catch (InvalidDataException e) {
        throw new InvalidDataException(
            "row " + index + " of partition " + partition + ": " + e.getMessage());
      }
      index++;
    }
    VectorBlock t = train == null ? VectorBlock.empty(floats) : train.build();
    VectorBlock v =
        !split ? null : validation == null ? VectorBlock.empty(floats) : validation.build();
    return List.of(new SplitBlock(t, v)).iterator();
  }

  private int label(Object value) {
    if (value == null) {
      throw new InvalidDataException("the label is null");
    }
    int label = RowValues.classIndex(((Number) value).doubleValue());
    if (classes > 0 && label >= classes) {
      throw new InvalidDataException(
          "label "
              + label
              + " is not one of the "
              + classes
              + " classes the label column's ML attributes name");
    }
    return label;
  }

  private static boolean indicator(Object value) {
    if (value == null) {
      throw new InvalidDataException("the validation indicator is null");
    }
    return (Boolean) value;
  }

  /**
   * What the driver needs of one partition: its row counts, D (0 for no rows), the largest label
   * (-1 for none) and the training rows' moments.
   */
  record Summary(
      long trainRows,
      long validationRows,
      int features,
      int maxLabel,
      FeatureMoments moments,
      boolean hasValidation)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    static Summary of(SplitBlock split) {
      VectorBlock t = split.train();
      VectorBlock v = split.validation();
      int features = Math.max(t.features(), v == null ? 0 : v.features());
      int max = Math.max(maxLabel(t), v == null ? -1 : maxLabel(v));
      return new Summary(
          t.size(), v == null ? 0 : v.size(), features, max, FeatureMoments.of(t), v != null);
    }

    private static int maxLabel(VectorBlock b) {
      int max = -1;
      for (int i = 0; i < b.size(); i++) {
        max = Math.max(max, b.label(i));
      }
      return max;
    }
  }
}
