package dev.sparksvm.measure;

import dev.sparksvm.data.DataFormat;
import dev.sparksvm.data.SyntheticSet;
import dev.sparksvm.input.ImageFiles;
import dev.sparksvm.input.RecordSelection;
import dev.sparksvm.options.Comparison;
import dev.sparksvm.options.DataAxis;
import dev.sparksvm.options.ScaleOptions;
import dev.sparksvm.options.UsageException;
import dev.sparksvm.scaling.DataPoint;
import dev.sparksvm.session.Session;
import dev.sparksvm.spark.ExecutorBlas;
import dev.sparksvm.spark.Executors;
import dev.sparksvm.spark.ImageData;
import dev.sparksvm.spark.ImageLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

  /** The master when neither {@code --master} nor spark-submit names one. */
  static final String DEFAULT_MASTER = "local[2]";

  private DataScaleRun() {}

  /**
   * The images of {@code --data}, checked before Spark starts, or null for a synthetic set
   * generated once into {@code --work} (which needs Spark to be written).
   */
  static ImageFiles given(ScaleOptions o, Configuration conf) {
    if (o.data().data() == null) {
      return null;
    }
    ImageFiles given =
        ImageFiles.resolve(o.data().data(), o.data().request(ImageFiles.Which.TRAINING), conf);
    int largest = o.dataAxis().maxImages();
    if (given.totalRecords() < largest) {
      throw new UsageException(
          "--images " + largest + " is more than --data holds (" + given.description() + ")");
    }
    return given;
  }

  /** Every point of the sweep; adds the executors' BLAS names to {@code blas}. */
  static List<DataPoint> measure(Session<ImageFiles> session, ScaleOptions o, Set<String> blas) {
    DataAxis axis = o.dataAxis();
    JavaSparkContext sc = session.start("sparksvm scale --images " + axis.images());
    ImageFiles all =
        session.inputs() != null
            ? session.inputs()
            : GenerateRun.ensure(
                sc,
                session.conf(),
                new SyntheticSet(
                    DataFormat.CIFAR10,
                    axis.maxImages(),
                    10,
                    SyntheticSet.MAX_PER_FILE,
                    o.data().seed()),
                axis.work() + "/cifar10-" + axis.maxImages() + "-seed" + o.data().seed());
    int slots = session.defaultParallelism();
    List<Integer> partitionCounts =
        axis.partitions().isEmpty() ? List.of(slots) : axis.partitions();
    String environment = Executors.environment(session.master());
    List<DataPoint> points = new ArrayList<>();
    boolean warm = false;
    for (int images : axis.images()) {
      ImageFiles files = all.firstRecords(images);
      for (int partitions : partitionCounts) {
        SweepSetting s = new SweepSetting(environment, images, partitions, slots, files);
        Loaded loaded = load(session, s);
        ImageData train = loaded.train();
        try {
          double[] mean = train.pixelMean();
          if (!warm) {
            blas.addAll(ExecutorBlas.of(train).names());
            // Spark's own cost per job falls over the first ~100 jobs of an application (JIT).
            IterationTimer.time(
                sc,
                train,
                mean,
                10,
                Math.min(256, images),
                o.data().seed(),
                0,
                o.contextWarmup(),
                0);
            warm = true;
          }
          points.addAll(ours(sc, s, loaded, mean, o));
          if (axis.compare() == Comparison.MLLIB) {
            points.addAll(MllibPoints.measure(session, s, train, mean, o));
          }
        } finally {
          train.unpersistNow();
        }
      }
    }
    return points;
  }

  /**
   * A cached training set and what loading it took: files read, blocks cached, pixel sums taken.
   *
   * @param note empty, or why the steps' times are not those of a cached set
   */
  private record Loaded(ImageData train, double seconds, String note) {}

  private static Loaded load(Session<?> session, SweepSetting s) {
    session.describe(
        String.format(
            Locale.ROOT, "load: cache %,d images in %d partitions", s.images(), s.partitions()));
    long start = System.nanoTime();
    ImageData train =
        ImageLoader.load(
            session.sc(),
            s.files(),
            RecordSelection.all(),
            s.partitions(),
            "train images (" + s.images() + ")");
    double seconds = (System.nanoTime() - start) / 1e9;
    // MEMORY_ONLY drops a block that does not fit, and every step would read it from the files
    // again; the memory plan keeps in memory only what fits (the rest is on local disk).
    long expected = train.memoryBytes() - s.images();
    String note =
        train.cachedBytes() >= expected
            ? ""
            : String.format(
                Locale.ROOT,
                "only %d of %d bytes cached (storage memory full): steps re-read the files",
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
                + "(%.0f MB/s), cached %,d bytes (%.1f per image), %,d on local disk",
            s.images(),
            s.partitions(),
            session.master(),
            seconds,
            s.files().dataBytes() / 1e6 / seconds,
            train.cachedBytes(),
            train.cachedBytes() / (double) s.images(),
            train.diskBytes()));
    return new Loaded(train, seconds, note);
  }

  /** Our step at every batch on every path. */
  private static List<DataPoint> ours(
      JavaSparkContext sc, SweepSetting s, Loaded loaded, double[] mean, ScaleOptions o) {
    ImageData train = loaded.train();
    List<DataPoint> out = new ArrayList<>();
    // auto is direct or tree at this partition count: each path is timed once.
    TreeSet<Integer> depths = new TreeSet<>();
    for (DataAxis.Path path : o.dataAxis().paths()) {
      depths.add(path.depth(s.partitions()));
    }
    for (int depth : depths) {
      String taken = depth == 1 ? "direct" : "tree";
      for (int batch : s.batches(o)) {
        IterationTimer.Timings t =
            IterationTimer.time(
                sc,
                train,
                mean,
                train.schema().classes(),
                batch,
                o.data().seed(),
                depth,
                o.timing().warmup(),
                o.timing().iterations());
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
}
