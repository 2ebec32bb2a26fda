package dev.sparksvm.measure;

import dev.sparksvm.baseline.MllibBaseline;
import dev.sparksvm.data.DataFormat;
import dev.sparksvm.data.SyntheticSet;
import dev.sparksvm.input.ImageFiles;
import dev.sparksvm.input.RecordSelection;
import dev.sparksvm.options.ScaleOptions;
import dev.sparksvm.options.UsageException;
import dev.sparksvm.scaling.DataPoint;
import dev.sparksvm.spark.ExecutorBlas;
import dev.sparksvm.spark.ImageData;
import dev.sparksvm.spark.ImageLoader;
import dev.sparksvm.spark.SparkContexts;
import dev.sparksvm.spark.SparkObjective;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The data-size sweep of {@code scale --images}: one application; for each size N the first N
 * images of the data (of {@code --data}, or of a synthetic set generated once with {@code
 * generate}'s code and kept in {@code --work}) are loaded and cached in each partition count, and
 * the step is timed at each batch on each aggregation path, then MLlib's step on the same cached
 * data when its examples fit in storage memory. Points go to {@code data-scaling.csv} ({@link
 * DataScaleReport}).
 */
final class DataScaleRun {
  private static final Logger LOG = LoggerFactory.getLogger(DataScaleRun.class);

  /** MLlib's bytes per cached example beyond its D doubles, to decide before building them. */
  private static final double MLLIB_OVERHEAD_BYTES = 96;

  private DataScaleRun() {}

  /** Every point of the sweep; adds the executors' BLAS names to {@code blas}. */
  static List<DataPoint> measure(ScaleOptions o, Set<String> blas) {
    ScaleOptions.DataAxis axis = o.dataAxis();
    Configuration conf = SparkContexts.hadoopConfiguration();
    // --data is checked before Spark starts; a generated set needs Spark to be written.
    ImageFiles given =
        o.data() == null ? null : ImageFiles.resolve(o.data(), ImageFiles.Request.training(), conf);
    if (given != null && given.totalRecords() < axis.maxImages()) {
      throw new UsageException(
          "--images "
              + axis.maxImages()
              + " is more than --data holds ("
              + given.description()
              + ")");
    }
    String master =
        o.spark().master() != null
            ? o.spark().master()
            : System.getProperty("spark.master", "local[2]");
    List<DataPoint> points = new ArrayList<>();
    try (JavaSparkContext sc =
        SparkContexts.open("sparksvm scale (data sizes)", master, o.spark().settings(conf))) {
      sc.setJobGroup("sparksvm scale", "sparksvm scale --images " + axis.images(), false);
      ImageFiles all =
          given != null
              ? given
              : GenerateRun.ensure(
                  sc,
                  new SyntheticSet(
                      DataFormat.CIFAR10,
                      axis.maxImages(),
                      10,
                      SyntheticSet.MAX_PER_FILE,
                      o.seed()),
                  axis.work() + "/cifar10-" + axis.maxImages() + "-seed" + o.seed());
      int slots = sc.defaultParallelism();
      List<Integer> partitionCounts =
          axis.partitions().isEmpty() ? List.of(slots) : axis.partitions();
      checkBlocks(all, axis.images(), partitionCounts);
      String environment = ScaleRun.environment(master);
      boolean warm = false;
      for (int images : axis.images()) {
        ImageFiles files = all.firstRecords(images);
        for (int partitions : partitionCounts) {
          Setting s = new Setting(environment, images, partitions, slots, files);
          Loaded loaded = load(sc, s);
          ImageData train = loaded.train();
          try {
            double[] mean = train.pixelMean();
            if (!warm) {
              blas.addAll(ExecutorBlas.of(train).names());
              // Spark's own cost per job falls over the first ~100 jobs of an application (JIT).
              IterationTimer.time(
                  sc, train, mean, 10, Math.min(256, images), o.seed(), 0, o.contextWarmup(), 0);
              warm = true;
            }
            points.addAll(ours(sc, s, loaded, mean, o));
            if (axis.mllib()) {
              points.addAll(MllibPoints.measure(sc, s, train, mean, o));
            }
          } finally {
            train.unpersist(true);
          }
        }
      }
    }
    return points;
  }

  /** One size in one partition count: what every point of it shares. */
  record Setting(String environment, long images, int partitions, int slots, ImageFiles files) {
    /** A point of this setting; {@code t} null: not measured ({@code note} says why). */
    DataPoint point(
        String system,
        String path,
        int batch,
        IterationTimer.Timings t,
        double loadSeconds,
        long dataBytes,
        long cachedBytes,
        String note) {
      double[] phases = new double[5];
      for (int i = 0; i < phases.length; i++) {
        phases[i] = t == null || system.equals("mllib") ? Double.NaN : t.median(i);
      }
      return new DataPoint(
          environment,
          system,
          images,
          partitions,
          slots,
          files.layout().recordBytes(),
          files.schema().features(),
          files.schema().classes(),
          loadSeconds,
          dataBytes,
          cachedBytes,
          path,
          batch,
          t == null ? 0 : t.total().length,
          t == null ? Double.NaN : t.median(),
          t == null ? Double.NaN : t.quantile(0.25),
          t == null ? Double.NaN : t.quantile(0.75),
          phases,
          note);
    }
  }

  /** A block must fit one Java array: refuse partition counts that would need larger ones. */
  private static void checkBlocks(ImageFiles files, List<Integer> sizes, List<Integer> partitions) {
    long pixels = files.layout().pixels();
    int fewest = partitions.stream().mapToInt(Integer::intValue).min().orElseThrow();
    long largest = sizes.stream().mapToLong(Integer::longValue).max().orElseThrow();
    long block = (largest + fewest - 1) / fewest * pixels;
    if (block > Integer.MAX_VALUE - 8) {
      throw new UsageException(
          String.format(
              Locale.ROOT,
              "--images %d in %d partitions makes blocks of %,d bytes, more than one Java array"
                  + " holds: use at least %d partitions (--partitions-list)",
              largest,
              fewest,
              block,
              (largest * pixels + Integer.MAX_VALUE - 9) / (Integer.MAX_VALUE - 8)));
    }
  }

  /**
   * A cached training set and what loading it took: files read, blocks cached, pixel sums taken.
   *
   * @param note empty, or why the steps' times are not those of a cached set
   */
  private record Loaded(ImageData train, double seconds, String note) {}

  private static Loaded load(JavaSparkContext sc, Setting s) {
    sc.setJobDescription(
        String.format(
            Locale.ROOT, "load: cache %,d images in %d partitions", s.images(), s.partitions()));
    long start = System.nanoTime();
    ImageData train =
        ImageLoader.load(
            sc,
            s.files(),
            RecordSelection.all(),
            s.partitions(),
            "train images (" + s.images() + ")");
    double seconds = (System.nanoTime() - start) / 1e9;
    // MEMORY_ONLY drops a block that does not fit, and every step would read it from the files
    // again.
    long expected = s.images() * s.files().layout().pixels();
    String note =
        train.cachedBytes() >= expected
            ? ""
            : String.format(
                Locale.ROOT,
                "only %d of %d " + "bytes cached (storage memory full): steps re-read the files",
                train.cachedBytes(),
                expected);
    if (!note.isEmpty()) {
      LOG.warn(
          "{} images in {} partitions: {}; give the driver (or executors) more memory",
          s.images(),
          s.partitions(),
          note);
    }
    LOG.info(
        String.format(
            Locale.ROOT,
            "%,d images in %d partitions on %s: loaded in %.2f s "
                + "(%.0f MB/s), cached %,d bytes (%.1f per image)",
            s.images(),
            s.partitions(),
            sc.master(),
            seconds,
            s.files().dataBytes() / 1e6 / seconds,
            train.cachedBytes(),
            train.cachedBytes() / (double) s.images()));
    return new Loaded(train, seconds, note);
  }

  /** Our step at every batch on every path. */
  private static List<DataPoint> ours(
      JavaSparkContext sc, Setting s, Loaded loaded, double[] mean, ScaleOptions o) {
    ImageData train = loaded.train();
    List<DataPoint> out = new ArrayList<>();
    // auto is direct or tree at this partition count: each path is timed once.
    TreeSet<Integer> depths = new TreeSet<>();
    for (String path : o.dataAxis().paths()) {
      int depth = ScaleOptions.DataAxis.PATHS.indexOf(path);
      depths.add(depth == 0 ? SparkObjective.autoDepth(s.partitions()) : depth);
    }
    for (int depth : depths) {
      String taken = depth == 1 ? "direct" : "tree";
      for (int batch : batches(o, s.images())) {
        IterationTimer.Timings t =
            IterationTimer.time(
                sc,
                train,
                mean,
                train.schema().classes(),
                batch,
                o.seed(),
                depth,
                o.warmup(),
                o.iterations());
        DataPoint p =
            s.point(
                "ours",
                taken,
                batch,
                t,
                loaded.seconds(),
                s.files().dataBytes(),
                train.cachedBytes(),
                loaded.note());
        LOG.info(
            String.format(
                Locale.ROOT,
                "ours  N=%-9d P=%-4d %-6s B=%-6d %8.2f ms/step "
                    + "(compute %.2f, aggregation %.2f, scheduling %.2f)",
                s.images(),
                s.partitions(),
                taken,
                batch,
                p.medianMs(),
                p.phasesMs()[1],
                p.phasesMs()[2],
                p.phasesMs()[4]));
        out.add(p);
      }
    }
    return out;
  }

  /** The batches that fit N images. */
  static List<Integer> batches(ScaleOptions o, long images) {
    List<Integer> fit = o.batches().stream().filter(b -> b <= images).toList();
    if (fit.size() < o.batches().size()) {
      LOG.warn(
          "N={}: skipping batches larger than the data: {}",
          images,
          o.batches().stream().filter(b -> b > images).toList());
    }
    return fit;
  }

  /** MLlib's step on the same cached data, when its examples fit. */
  private static final class MllibPoints {
    static List<DataPoint> measure(
        JavaSparkContext sc, Setting s, ImageData train, double[] mean, ScaleOptions o) {
      List<DataPoint> out = new ArrayList<>();
      int features = train.schema().features();
      double needed = s.images() * (8.0 * features + MLLIB_OVERHEAD_BYTES);
      double free = freeStorageBytes(sc);
      String note = "";
      if (needed > 0.9 * free) {
        note =
            String.format(
                Locale.ROOT,
                "skipped: its examples need about %.1f GB of storage "
                    + "memory (8 bytes per feature per image) and %.1f GB are free",
                needed / 1e9,
                free / 1e9);
      } else {
        long start = System.nanoTime();
        sc.setJobDescription("MLlib: build and cache (label, DenseVector) examples");
        try (MllibBaseline mllib = new MllibBaseline(sc, train, mean, train.schema().classes())) {
          double build = (System.nanoTime() - start) / 1e9;
          for (int batch : batches(o, s.images())) {
            String failed = "";
            IterationTimer.Timings t = null;
            try {
              double[] ms = mllib.stepMillis(batch, o.warmup(), o.iterations(), o.seed());
              t = new IterationTimer.Timings(ms, new double[5][ms.length]);
            } catch (IllegalStateException e) {
              failed = oneLine(e.getMessage());
            }
            DataPoint p = s.point("mllib", "", batch, t, build, 0, mllib.cachedBytes(), failed);
            LOG.info(
                String.format(
                    Locale.ROOT,
                    "MLlib N=%-9d P=%-4d B=%-6d %8.2f ms/step, cached" + " %.1f bytes per image %s",
                    s.images(),
                    s.partitions(),
                    batch,
                    p.medianMs(),
                    p.cachedBytesPerImage(),
                    failed));
            out.add(p);
          }
          return out;
        } catch (IllegalStateException e) {
          note = "did not fit: " + oneLine(e.getMessage());
        }
      }
      LOG.warn("MLlib N={} P={}: {}", s.images(), s.partitions(), note);
      for (int batch : batches(o, s.images())) {
        out.add(s.point("mllib", "", batch, null, Double.NaN, 0, 0, note));
      }
      return out;
    }

    /** Storage memory free on the executors (the driver's own counts only on a local master). */
    private static double freeStorageBytes(JavaSparkContext sc) {
      String driver = SparkEnv.get().blockManager().blockManagerId().hostPort();
      var status = CollectionConverters.asJava(sc.sc().getExecutorMemoryStatus());
      double free = 0;
      for (var e : status.entrySet()) {
        Tuple2<Object, Object> maxAndFree = e.getValue();
        if (status.size() == 1 || !e.getKey().equals(driver)) {
          free += ((Number) maxAndFree._2()).doubleValue();
        }
      }
      return free;
    }

    private static String oneLine(String message) {
      String m = String.valueOf(message).lines().findFirst().orElse("");
      return m.replace(',', ';');
    }
  }
}
