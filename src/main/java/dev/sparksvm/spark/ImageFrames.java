package dev.sparksvm.spark;

import dev.sparksvm.core.Precision;
import dev.sparksvm.data.ImageBlock;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Cached images as a spark.ml user holds them, for measuring the spark.ml face: DataFrames of
 * {@code label} (a double) and {@code features} (a dense vector of the raw pixels as doubles, 3072
 * for CIFAR-10), built from the image blocks in a distributed pass, written to Parquet and read
 * back from it (the frames are the Parquet files', as a user's would be).
 */
public final class ImageFrames {
  static final StructType SCHEMA =
      new StructType(
          new StructField[] {
            new StructField("label", DataTypes.DoubleType, false, Metadata.empty()),
            new StructField("features", SQLDataTypes.VectorType(), false, Metadata.empty())
          });

  private final Dataset<Row> train;
  private final Dataset<Row> test;

  private ImageFrames(Dataset<Row> train, Dataset<Row> test) {
    this.train = train;
    this.test = test;
  }

  /**
   * The training and test images as DataFrames read from Parquet copies under {@code work} (any
   * Hadoop file system; replaced when there).
   */
  public static ImageFrames of(JavaSparkContext sc, ImageData train, ImageData test, String work) {
    SparkSession spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
    return new ImageFrames(
        throughParquet(frame(spark, train), work + "/train-" + train.count() + ".parquet"),
        throughParquet(frame(spark, test), work + "/test-" + test.count() + ".parquet"));
  }

  /** The training rows. */
  public Dataset<Row> train() {
    return train;
  }

  /** The test rows. */
  public Dataset<Row> test() {
    return test;
  }

  /** Partitions of the training rows as read from Parquet. */
  public int trainPartitions() {
    return train.rdd().getNumPartitions();
  }

  /**
   * The training rows cached as {@code LinearClassifier} caches them ({@link FrameLoader}), in
   * exactly {@code partitions} partitions (coalesced or repartitioned from Parquet's).
   */
  public FrameBlocks cache(int partitions, Precision precision) {
    Dataset<Row> rows =
        trainPartitions() > partitions ? train.coalesce(partitions) : train.repartition(partitions);
    return FrameLoader.load(
        rows,
        FrameColumns.vector("label", "features"),
        precision == Precision.FLOAT,
        0,
        "image rows (" + precision.label() + ")");
  }

  private static Dataset<Row> frame(SparkSession spark, ImageData images) {
    JavaRDD<Row> rows = images.blocks().flatMap(block -> rows(block).iterator());
    return spark.createDataFrame(rows, SCHEMA);
  }

  private static List<Row> rows(ImageBlock block) {
    List<Row> rows = new ArrayList<>(block.size());
    for (int i = 0; i < block.size(); i++) {
      double[] x = new double[block.imageBytes()];
      for (int j = 0; j < x.length; j++) {
        x[j] = block.pixel(i, j);
      }
      rows.add(RowFactory.create((double) block.label(i), Vectors.dense(x)));
    }
    return rows;
  }

  private static Dataset<Row> throughParquet(Dataset<Row> frame, String path) {
    frame.write().mode(SaveMode.Overwrite).parquet(path);
    return frame.sparkSession().read().parquet(path);
  }
}
