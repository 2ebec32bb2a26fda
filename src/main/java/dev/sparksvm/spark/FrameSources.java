package dev.sparksvm.spark;

import dev.sparksvm.data.InvalidDataException;
import dev.sparksvm.input.ImageFolder;
import dev.sparksvm.options.FrameSource;
import dev.sparksvm.options.UsageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;

/**
 * {@code train}'s DataFrame sources as spark.ml reads them: a {@code label} (double) and a {@code
 * features} vector a row. LIBSVM through Spark's {@code libsvm} data source; Parquet with its named
 * columns (one vector or numeric-array column, or numeric columns put together in order); a folder
 * of images decoded by {@link ImageFolder} on the executors, a pixel a feature (0-255), the label
 * column carrying the class count. The columns are checked against the schema here, before any job
 * reads a row.
 */
public final class FrameSources {
  /** The columns every frame this gives has. */
  public static final String LABEL = "label";

  public static final String FEATURES = "features";

  private static final String ASSEMBLED = "__sparksvm_features";

  private FrameSources() {}

  /** The LIBSVM file or folder at {@code path}, with {@code features} when given. */
  public static Dataset<Row> libsvm(SparkSession spark, FrameSource source, String path) {
    var reader = spark.read().format("libsvm");
    if (source.features().isPresent()) {
      reader = reader.option("numFeatures", source.features().getAsInt());
    }
    return reader.load(path);
  }

  /** The Parquet file or folder at {@code path}, its columns checked and renamed. */
  public static Dataset<Row> parquet(SparkSession spark, FrameSource source, String path) {
    Dataset<Row> frame = spark.read().parquet(path);
    StructType schema = frame.schema();
    String label = source.labelCol();
    DataType labelType = column(schema, label, "--label-col", path).dataType();
    if (!(labelType instanceof NumericType)) {
      throw new UsageException(
          "--label-col "
              + label
              + ": a column of "
              + labelType.simpleString()
              + " in "
              + path
              + ", not numbers (class indices 0..C-1)");
    }
    Column features;
    List<String> names = source.featuresCols();
    if (names.size() == 1) {
      String name = names.get(0);
      DataType type = column(schema, name, "--features-col", path).dataType();
      if (type instanceof VectorUDT) {
        features = functions.col(name);
      } else if (type instanceof ArrayType array && array.elementType() instanceof NumericType) {
        features = org.apache.spark.ml.functions.array_to_vector(functions.col(name));
      } else if (type instanceof NumericType) {
        frame = assembled(frame, names);
        features = functions.col(ASSEMBLED);
      } else {
        throw new UsageException(
            "--features-col "
                + name
                + ": a column of "
                + type.simpleString()
                + " in "
                + path
                + ", not a vector, an array of numbers or a number");
      }
    } else {
      for (String name : names) {
        DataType type = column(schema, name, "--features-col", path).dataType();
        if (!(type instanceof NumericType)) {
          throw new UsageException(
              "--features-col "
                  + name
                  + ": a column of "
                  + type.simpleString()
                  + " in "
                  + path
                  + ", not a number (several feature columns must all be numeric)");
        }
      }
      frame = assembled(frame, names);
      features = functions.col(ASSEMBLED);
    }
    return frame.select(
        functions.col(label).cast(DataTypes.DoubleType).as(LABEL), features.as(FEATURES));
  }

  /** The images of {@code folder} in {@code partitions} partitions, as their pixels. */
  public static Dataset<Row> images(SparkSession spark, ImageFolder folder, int partitions) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<SerializableConfiguration> conf =
        sc.broadcast(new SerializableConfiguration(sc.hadoopConfiguration()));
    ImageFolder.Image[] images = folder.images().toArray(ImageFolder.Image[]::new);
    JavaRDD<Row> rows =
        sc.parallelize(Arrays.asList(images), Math.min(partitions, images.length))
            .mapPartitions(new Decoder(folder, conf));
    Metadata classes =
        NominalAttribute.defaultAttr()
            .withName(LABEL)
            .withValues(folder.classes().toArray(String[]::new))
            .toMetadata();
    StructType schema =
        new StructType(
            new StructField[] {
              new StructField(LABEL, DataTypes.DoubleType, false, classes),
              new StructField(FEATURES, SQLDataTypes.VectorType(), false, Metadata.empty())
            });
    return spark.createDataFrame(rows, schema);
  }

  /** Decodes a partition's image files into rows, on an executor. */
  private record Decoder(ImageFolder folder, Broadcast<SerializableConfiguration> conf)
      implements org.apache.spark.api.java.function.FlatMapFunction<
          Iterator<ImageFolder.Image>, Row> {
    @Override
    public Iterator<Row> call(Iterator<ImageFolder.Image> images) {
      Configuration hadoop = conf.value().value();
      List<Row> rows = new ArrayList<>();
      while (images.hasNext()) {
        ImageFolder.Image image = images.next();
        byte[] pixels = folder.read(image, hadoop);
        double[] values = new double[pixels.length];
        for (int j = 0; j < pixels.length; j++) {
          values[j] = pixels[j] & 0xff;
        }
        rows.add(RowFactory.create((double) image.label(), Vectors.dense(values)));
      }
      return rows.iterator();
    }
  }

  /** The class names of a frame's label column, when it carries them (images), else null. */
  public static List<String> classNames(Dataset<Row> frame) {
    var attribute =
        org.apache.spark.ml.attribute.Attribute.fromStructField(frame.schema().apply(LABEL));
    if (attribute instanceof NominalAttribute nominal && nominal.values().isDefined()) {
      return List.of(nominal.values().get());
    }
    return null;
  }

  /** The numeric columns {@code names} put together into one vector column. */
  private static Dataset<Row> assembled(Dataset<Row> frame, List<String> names) {
    // "keep": a null or NaN goes through as NaN, for the loader to refuse naming the row.
    return new VectorAssembler()
        .setInputCols(names.toArray(String[]::new))
        .setOutputCol(ASSEMBLED)
        .setHandleInvalid("keep")
        .transform(frame);
  }

  private static StructField column(StructType schema, String name, String option, String path) {
    if (!Arrays.asList(schema.fieldNames()).contains(name)) {
      throw new UsageException(
          option
              + " "
              + name
              + ": no such column in "
              + path
              + " (its columns: "
              + String.join(", ", schema.fieldNames())
              + ")");
    }
    return schema.apply(name);
  }

  /** Refuses a frame's test rows whose width differs from the training rows'. */
  public static void requireSameWidth(String path, int test, int train) {
    if (test != train) {
      throw new InvalidDataException(
          path + ": rows of " + test + " features, but the training rows have " + train);
    }
  }
}
