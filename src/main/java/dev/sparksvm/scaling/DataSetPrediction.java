package dev.sparksvm.scaling;

import dev.sparksvm.core.Aggregation;
import dev.sparksvm.core.BatchKernel;
import java.util.ArrayList;
import java.util.List;

/**
 * What training on a data set of another size would cost on n executors of one core, predicted from
 * this machine's constants: the iteration {@link CostModel} (fitted to an executor sweep, which
 * gives the per-class and per-result constants) and the {@link DataModel} (fitted to a data-size
 * sweep, which gives load speed, bytes per image and any step cost per image held). A prediction,
 * not a measurement: {@link PredictionReport} says what it leaves out.
 */
public final class DataSetPrediction {
  /** Spark's unified memory takes this share of the heap above {@link #RESERVED_MB}. */
  static final double MEMORY_FRACTION = 0.6;

  /** Spark's reserved system memory, MB. */
  static final double RESERVED_MB = 300;

  /** spark.driver.maxResultSize in conf/spark-defaults.conf, MB. */
  public static final double MAX_RESULT_MB = 1024;

  /**
   * Bytes per feature of the chunk of the batch matrix an executor keeps: the larger of the double
   * path's ({@link BatchKernel#CHUNK_ROWS} rows of doubles) and the float path's ({@link
   * BatchKernel#FLOAT_CHUNK_ROWS} rows of floats).
   */
  static final double CHUNK_BYTES_PER_FEATURE =
      Math.max(8.0 * BatchKernel.CHUNK_ROWS, 4.0 * BatchKernel.FLOAT_CHUNK_ROWS);

  private DataSetPrediction() {}

  /**
   * A data set to predict for.
   *
   * @param name what to call it
   * @param images N
   * @param classes C
   * @param pixels bytes of an image (D = pixels + 1)
   * @param labelBytes bytes of a label as stored and cached (2 for more than 256 classes)
   */
  public record Target(String name, long images, int classes, int pixels, int labelBytes) {
    /**
     * Downsampled ImageNet at 32 x 32 (Chrabaszcz, Loshchilov and Hutter, 2017): 1,281,167 training
     * images of 1000 classes, so a label needs two bytes.
     */
    public static final Target IMAGENET32 = new Target("imagenet32", 1_281_167, 1000, 3072, 2);

    public Target {
      if (images < 1 || classes < 2 || pixels < 1 || labelBytes < 1) {
        throw new IllegalArgumentException(
            "a data set needs images, classes >= 2, pixels and label "
                + "bytes, got "
                + images
                + ", "
                + classes
                + ", "
                + pixels
                + ", "
                + labelBytes);
      }
    }

    /** D: pixels and the bias. */
    public int features() {
      return pixels + 1;
    }

    /** {@code imagenet32}, or IMAGESxCLASSESxPIXELS (e.g. 1281167x1000x3072). */
    public static Target parse(String text) {
      if (text.equals(IMAGENET32.name)) {
        return IMAGENET32;
      }
      String[] f = text.split("x", -1);
      if (f.length != 3) {
        throw new IllegalArgumentException("not imagenet32 or IMAGESxCLASSESxPIXELS: " + text);
      }
      int classes = Integer.parseInt(f[1]);
      return new Target(
          text, Long.parseLong(f[0]), classes, Integer.parseInt(f[2]), classes > 256 ? 2 : 1);
    }
  }

  /**
   * One prediction.
   *
   * @param executors n, one core and one cached block each
   * @param batch global mini-batch B
   * @param path the aggregation path train would take: {@code direct} up to the crossover, else
   *     {@code tree}
   * @param loadSeconds reading and caching the set once
   * @param cachedMbPerExecutor our blocks, per executor
   * @param executorHeapMb the heap an executor needs: reserved memory plus the cached block within
   *     Spark's storage share, and room for the task's buffers
   * @param driverResultMb the task results the driver holds at once at the end of a step
   * @param step the iteration's phases at (n, B, C, D)
   * @param dataMs the step's cost per image held (the worst measured slope, never below 0)
   * @param epochSeconds one pass over the data: ceil(N / B) steps
   * @param mllibCachedMbPerExecutor MLlib's examples (8 bytes per feature), per executor
   * @param mllibDataMs MLlib's step cost per image held (its measured slope)
   */
  public record Row(
      int executors,
      int batch,
      String path,
      double loadSeconds,
      double cachedMbPerExecutor,
      double executorHeapMb,
      double driverResultMb,
      CostModel.Prediction step,
      double dataMs,
      double epochSeconds,
      double mllibCachedMbPerExecutor,
      double mllibDataMs) {
    /** The predicted step: the iteration plus the cost per image held. */
    public double stepMs() {
      return step.totalMs() + dataMs;
    }
  }

  /**
   * Predictions for every executor count and batch.
   *
   * @param directMaxPartitions partitions up to which train merges results on the driver
   */
  public static List<Row> predict(
      Target t,
      CostModel iteration,
      DataModel data,
      List<Integer> executors,
      List<Integer> batches,
      int directMaxPartitions) {
    List<Row> rows = new ArrayList<>();
    int c = t.classes();
    int d = t.features();
    double bytesPerImage = t.pixels() + t.labelBytes() + Math.max(0, data.oursOverhead());
    // MLlib holds one DenseVector of D doubles per image, plus a few objects' headers.
    double mllibPerImage = 8.0 * d + data.mllibOverhead();
    for (int n : executors) {
      boolean direct = n <= directMaxPartitions;
      CostModel model = iteration.withAggregationDepth(direct ? 1 : 2);
      double cached = t.images() * bytesPerImage / n / 1e6;
      // Per task: a chunk of the batch matrix, and W about four times (the broadcast bytes, its
      // doubles, the padded stack, the gradient), all outside Spark's own memory accounting.
      double buffers = (CHUNK_BYTES_PER_FEATURE * d + 32.0 * c * d) / 1e6;
      double heap =
          RESERVED_MB + Math.max(cached / MEMORY_FRACTION, buffers / (1 - MEMORY_FRACTION));
      double results =
          direct
              ? n * 8.0 * c * d / 1e6
              : Aggregation.finalResults(n, 2) * 16.0 * ((double) c * d + 1) / 1e6;
      double load = data.loadSeconds(t.images() * (t.pixels() + (long) t.labelBytes()), n, n);
      for (int b : batches) {
        double perBlock = t.images() / (double) n / 1e6;
        double dataMs = nanToZero(data.worstSlope("ours", b)) * perBlock;
        CostModel.Prediction step = model.predict(n, b, c, d);
        double epoch = Math.ceil(t.images() / (double) b) * (step.totalMs() + dataMs) / 1000;
        rows.add(
            new Row(
                n,
                b,
                direct ? "direct" : "tree",
                load,
                cached,
                heap,
                results,
                step,
                dataMs,
                epoch,
                t.images() * mllibPerImage / n / 1e6,
                data.worstSlope("mllib", b) * perBlock));
      }
    }
    return rows;
  }

  private static double nanToZero(double v) {
    return Double.isNaN(v) ? 0 : v;
  }
}
