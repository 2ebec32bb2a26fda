package dev.sparksvm.spark;

import dev.sparksvm.data.ImageBlock;
import dev.sparksvm.data.InvalidDataException;
import dev.sparksvm.data.MemoryPlan;
import dev.sparksvm.data.PixelSums;
import dev.sparksvm.data.RecordSource;
import dev.sparksvm.input.ImageFiles;
import dev.sparksvm.input.LabelScan;
import dev.sparksvm.input.RangeReader;
import dev.sparksvm.input.RecordRange;
import dev.sparksvm.input.RecordSelection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.RDD;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag$;

/**
 * Reads a data set's files into cached {@link ImageBlock}s, one per partition, without a shuffle.
 *
 * <p>Partition p of P holds the global records {@code [p*N/P, (p+1)*N/P)} (files in sorted order,
 * records numbered across them) that the {@link RecordSelection} keeps, in index order. Its task
 * reads that byte range itself through the Hadoop FileSystem API ({@link RangeReader}: large {@code
 * seek} + {@code readFully} calls, labels checked on the way) and builds the block directly. The
 * RDD is P small {@link RecordRange} descriptors, preferring the hosts that store each range where
 * the file system says (HDFS), mapped to blocks and persisted, so a lost block is rebuilt by
 * re-reading only its own range. The blocks depend only on the files, the selection and P: the same
 * seed gives the same run.
 *
 * <p>Before reading, a {@link MemoryPlan} decides from Spark's storage memory what of each block
 * stays in memory; the rest of the block is written, in the same pass, to a file in Spark's local
 * directories ({@link LocalDisk}) and read from there by the row ({@link BlockLoad}). The plan is
 * logged, and a set that cannot work (a disk too small for its part) is refused before anything is
 * read: by the plan where the driver knows the disk (a local master), else by each task before it
 * reads its range. A lost block, file included, is rebuilt from its range as before; a dropped
 * block's file goes with it.
 */
public final class ImageLoader {
  private static final Logger LOG = LoggerFactory.getLogger(ImageLoader.class);

  private ImageLoader() {}

  /**
   * Loads the selected records of {@code files} into {@code partitions} cached blocks and waits
   * until they are cached.
   *
   * @throws dev.sparksvm.data.InvalidDataException (possibly wrapped in a SparkException) for a bad
   *     label
   */
  public static ImageData load(
      JavaSparkContext sc,
      ImageFiles files,
      RecordSelection selection,
      int partitions,
      String name) {
    return load(sc, files, selection, partitions, name, Long.MAX_VALUE);
  }

  /** As above, caching at most {@code cacheBytes} of the set in memory (tests). */
  static ImageData load(
      JavaSparkContext sc,
      ImageFiles files,
      RecordSelection selection,
      int partitions,
      String name,
      long cacheBytes) {
    return load(
        sc,
        files,
        selection,
        partitions,
        name,
        sizes -> MemoryPlanner.plan(sc, sizes, files.layout().pixels(), cacheBytes));
  }

  /** As above, with the memory plan {@code planner} makes for the partitions' sizes (tests). */
  static ImageData load(
      JavaSparkContext sc,
      ImageFiles files,
      RecordSelection selection,
      int partitions,
      String name,
      java.util.function.Function<long[], MemoryPlan> planner) {
    if (partitions < 1) {
      throw new IllegalArgumentException("cannot load into " + partitions + " partitions");
    }
    long records = files.totalRecords();
    List<Tuple2<RecordRange, scala.collection.immutable.Seq<String>>> ranges = new ArrayList<>();
    long[] sizes = new long[partitions];
    for (int p = 0; p < partitions; p++) {
      RecordRange range = RecordRange.of(p, partitions, records, selection);
      sizes[p] = range.size();
      ranges.add(
          new Tuple2<>(
              range,
              CollectionConverters.asScala(hosts(files, range, sc.hadoopConfiguration()))
                  .toList()));
    }
    MemoryPlan plan = planner.apply(sizes);
    LOG.info(plan.describe(name));
    // The configuration stays broadcast as long as the blocks may need rebuilding.
    Broadcast<SerializableConfiguration> conf =
        SerializableConfiguration.broadcast(sc.sc(), sc.hadoopConfiguration());
    RDD<RecordRange> descriptors =
        sc.sc()
            .makeRDD(
                CollectionConverters.asScala(ranges).toList(),
                ClassTag$.MODULE$.apply(RecordRange.class));
    JavaRDD<ImageBlock> blocks =
        new BlockLoad(files, selection, conf, plan.memoryImages())
            .cached(
                JavaRDD.fromRDD(
                    descriptors, ClassTag$.MODULE$.<RecordRange>apply(RecordRange.class)),
                name);
    // The job that reads and caches the blocks also takes their pixel sums (for the training mean),
    // in the same tasks: no second job over the data.
    int pixels = files.layout().pixels();
    List<PixelSums> read;
    try {
      read = blocks.map(block -> new PixelSums(pixels).add(block)).collect();
    } catch (Exception e) { // SparkException is checked, but Scala does not declare it
      blocks.unpersist(false);
      if (badLabel(e)) {
        // The first task to fail names its own record: name the file's first instead, every time.
        InvalidDataException first = LabelScan.firstBad(files, sc.hadoopConfiguration());
        if (first != null) {
          first.addSuppressed(e);
          throw first;
        }
      }
      throw e;
    }
    PixelSums sums = new PixelSums(pixels);
    for (int p = 0; p < partitions; p++) {
      if (read.get(p).images() != sizes[p]) {
        throw new IllegalStateException(
            "partition " + p + " read " + read.get(p).images() + " images, expected " + sizes[p]);
      }
      sums.merge(read.get(p));
    }
    return new ImageData(blocks, files.schema(), sizes, cachedBytes(sc, blocks.rdd()), sums, plan);
  }

  /** Whether a task failed on a record whose label is not a class. */
  private static boolean badLabel(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (String.valueOf(t.getMessage()).contains(") has label ")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The hosts that store most of the range's bytes, where the file system knows (HDFS); none for
   * local files (every machine has its own) and gzipped ones (read from their start).
   */
  private static List<String> hosts(ImageFiles files, RecordRange range, Configuration conf) {
    Map<String, Long> bytesByHost = new HashMap<>();
    long[] first = files.firstIndex();
    for (int s = 0; s < first.length; s++) {
      RecordSource source = files.sources().get(s);
      long from = Math.max(range.from(), first[s]) - first[s];
      long to = Math.min(range.to(), first[s] + source.records()) - first[s];
      if (from >= to || RecordSource.compressed(source.path())) {
        continue;
      }
      try {
        Path path = new Path(source.path());
        FileSystem fs = path.getFileSystem(conf);
        if ("file".equals(fs.getScheme())) {
          continue;
        }
        long start = files.layout().recordOffset(from);
        long end = files.layout().recordOffset(to);
        FileStatus status = fs.getFileStatus(path);
        for (BlockLocation block : fs.getFileBlockLocations(status, start, end - start)) {
          long overlap =
              Math.min(end, block.getOffset() + block.getLength())
                  - Math.max(start, block.getOffset());
          for (String host : block.getHosts()) {
            bytesByHost.merge(host, Math.max(0, overlap), Long::sum);
          }
        }
      } catch (IOException | UnsupportedOperationException e) {
        LOG.debug("no block locations for {}: {}", source.path(), e.toString());
      }
    }
    return bytesByHost.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(3)
        .map(Map.Entry::getKey)
        .toList();
  }

  private static long cachedBytes(JavaSparkContext sc, RDD<?> rdd) {
    return StorageMemory.cached(sc, rdd).bytes();
  }
}
