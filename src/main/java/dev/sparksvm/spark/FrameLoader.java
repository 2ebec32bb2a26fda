package dev.sparksvm.spark;

import dev.sparksvm.data.FeatureMoments;
import dev.sparksvm.data.InvalidDataException;
import dev.sparksvm.data.VectorBlock;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Reads a DataFrame's rows into cached {@link VectorBlock}s, one per partition of the frame, in one
 * pass that also takes the training rows' per-feature mean and standard deviation and the largest
 * label: the DataFrame counterpart of {@link ImageLoader}. The columns' types are checked on the
 * driver before any job; each row's values are checked as it is read, and the first bad one stops
 * the load with an {@link InvalidDataException} naming its value, row and partition.
 *
 * <p>The blocks depend only on the frame's rows and partitions, so the same frame gives the same
 * blocks, moments and training bits. They are persisted {@code MEMORY_ONLY}; a lost block is
 * rebuilt from the frame's lineage by Spark.
 */
public final class FrameLoader {
  /** The most features a row may have ({@link VectorBlock#MAX_FEATURES}, which says why). */
  public static final int MAX_FEATURES = VectorBlock.MAX_FEATURES;

  private FrameLoader() {}

  /**
   * Loads the rows of {@code frame} and waits until they are cached.
   *
   * @param floats keep the values as floats (4 bytes a feature), else as doubles
   * @param classes C when known (e.g. from the label column's ML attributes; labels at or above it
   *     are refused), else 0: C is then the largest label + 1
   * @param name what the Spark UI calls the cached blocks
   * @throws InvalidDataException for a column of the wrong type, no training rows, or a bad value
   */
  public static FrameBlocks load(
      Dataset<Row> frame, FrameColumns columns, boolean floats, int classes, String name) {
    int knownFeatures = checkColumns(frame.schema(), columns);
    List<Column> selected = new ArrayList<>();
    selected.add(functions.col(columns.label()));
    if (columns.vector() != null) {
      selected.add(functions.col(columns.vector()));
    } else {
      columns.numeric().forEach(c -> selected.add(functions.col(c)));
    }
    if (columns.validation() != null) {
      selected.add(functions.col(columns.validation()));
    }
    JavaRDD<Row> rows = frame.select(selected.toArray(new Column[0])).javaRDD();
    RowReader reader =
        new RowReader(columns, knownFeatures, floats, classes, columns.validation() != null);
    JavaRDD<SplitBlock> cached =
        rows.mapPartitionsWithIndex(reader, true).setName(name).persist(StorageLevel.MEMORY_ONLY());
    List<RowReader.Summary> read;
    try {
      read = cached.map(RowReader.Summary::of).collect();
    } catch (Exception e) { // SparkException is checked, but Scala does not declare it
      cached.unpersist(false);
      InvalidDataException bad = invalidData(e);
      if (bad != null) {
        // One line on the driver, as a bad option or file would give; the task's is in the log.
        throw new InvalidDataException(bad.getMessage());
      }
      throw e;
    }
    return summarize(cached, read, classes, floats);
  }

  private static FrameBlocks summarize(
      JavaRDD<SplitBlock> cached, List<RowReader.Summary> read, int classes, boolean floats) {
    int partitions = read.size();
    long[] trainSizes = new long[partitions];
    long[] validationSizes = new long[partitions];
    int features = 0;
    int maxLabel = -1;
    for (int p = 0; p < partitions; p++) {
      RowReader.Summary s = read.get(p);
      trainSizes[p] = s.trainRows();
      validationSizes[p] = s.validationRows();
      maxLabel = Math.max(maxLabel, s.maxLabel());
      if (s.features() > 0 && features > 0 && s.features() != features) {
        cached.unpersist(false);
        throw new InvalidDataException(
            "rows of "
                + features
                + " features and rows of "
                + s.features()
                + " (partition "
                + p
                + "): every row needs the same");
      }
      features = Math.max(features, s.features());
    }
    FeatureMoments moments = new FeatureMoments(Math.max(1, features));
    for (RowReader.Summary s : read) {
      if (s.trainRows() > 0) {
        moments.merge(s.moments());
      }
    }
    if (moments.count() == 0) {
      cached.unpersist(false);
      throw new InvalidDataException("no rows to train on");
    }
    int c = classes > 0 ? classes : maxLabel + 1;
    FeatureData train =
        new FeatureData(cached.map(SplitBlock::trainBlock), c, features + 1, trainSizes);
    FeatureData validation =
        read.get(0).hasValidation()
            ? new FeatureData(
                cached.map(SplitBlock::validationBlock), c, features + 1, validationSizes)
            : null;
    return new FrameBlocks(train, validation, moments, cachedBytes(cached), floats, cached);
  }

  /** The number of features when the schema says it (-1 when only the rows will). */
  private static int checkColumns(StructType schema, FrameColumns columns) {
    StructField label = field(schema, columns.label(), "label");
    require(label.dataType() instanceof NumericType, "label", label);
    if (columns.validation() != null) {
      StructField indicator = field(schema, columns.validation(), "validation indicator");
      require(indicator.dataType() instanceof BooleanType, "validation indicator", indicator);
    }
    if (columns.vector() == null) {
      for (String name : columns.numeric()) {
        StructField f = field(schema, name, "feature");
        require(f.dataType() instanceof NumericType, "feature", f);
      }
      return VectorBlock.checkedWidth(columns.numeric().size(), columns.featuresName());
    }
    StructField vector = field(schema, columns.vector(), "features");
    require(vector.dataType() instanceof VectorUDT, "features", vector);
    int size = AttributeGroup.fromStructField(vector).size();
    return size < 0 ? -1 : VectorBlock.checkedWidth(size, columns.featuresName());
  }

  private static StructField field(StructType schema, String name, String role) {
    for (StructField f : schema.fields()) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    throw new InvalidDataException(
        "no " + role + " column '" + name + "' among " + List.of(schema.fieldNames()));
  }

  private static void require(boolean ok, String role, StructField field) {
    if (!ok) {
      DataType type = field.dataType();
      throw new InvalidDataException(
          "the "
              + role
              + " column '"
              + field.name()
              + "' is of type "
              + type.simpleString()
              + ", expected "
              + switch (role) {
                case "features" -> "a vector (VectorAssembler makes one)";
                case "validation indicator" -> "boolean";
                default -> "a number";
              });
    }
  }

  /** The bad value a task refused, found among the causes of the job's failure, or null. */
  static InvalidDataException invalidData(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InvalidDataException bad) {
        return bad;
      }
    }
    return null;
  }

  private static long cachedBytes(JavaRDD<?> rdd) {
    return StorageMemory.cached(JavaSparkContext.fromSparkContext(rdd.context()), rdd.rdd())
        .bytes();
  }
}
