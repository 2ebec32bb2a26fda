package dev.sparksvm.spark;

import dev.sparksvm.data.Cifar10;
import dev.sparksvm.data.ImageBlock;
import dev.sparksvm.data.InvalidDataException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.FixedLengthInputFormat;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.storage.RDDInfo;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Reads CIFAR-10 batch files into cached {@link ImageBlock}s, one per partition.
 *
 * <p>Records come from Spark's Hadoop input ({@code newAPIHadoopFile}) with Hadoop's public {@link
 * FixedLengthInputFormat}. Spark's {@code binaryRecords} does the same with an internal format but
 * returns bare byte arrays; here each record keeps its file (from the input split) and byte offset (the
 * key), so a bad label is reported as "file: record N". Record i of the sorted file list gets the global index i, which decides
 * its partition ({@code i mod P}) and its place inside the block (ascending), so the blocks are the same
 * whatever order Spark's shuffle delivers records in, and the same seed gives the same run.
 */
public final class CifarLoader {
  private CifarLoader() {}

  /**
   * Loads the selected records of {@code files} into {@code partitions} cached blocks and waits until
   * they are cached.
   *
   * @throws InvalidDataException (possibly wrapped in a SparkException) for a bad record
   */
  public static ImageData load(JavaSparkContext sc, CifarFiles files, RecordSelection selection,
      int partitions, String name) {
    JavaRDD<ImageBlock> blocks = records(sc, files)
        .filter(r -> selection.keeps(r._1()))
        .partitionBy(new HashPartitioner(partitions)) // Long keys below 2^31 hash to themselves
        .mapPartitions(CifarLoader::toBlock)
        .setName(name)
        .persist(StorageLevel.MEMORY_ONLY());
    List<Integer> sizes = blocks.map(ImageBlock::size).collect();
    long[] partitionSizes = sizes.stream().mapToLong(Integer::longValue).toArray();
    return new ImageData(blocks, Cifar10.SCHEMA, partitionSizes, cachedBytes(sc, blocks.rdd()));
  }

  /** Validated records as (global index, 3073 record bytes). */
  static JavaPairRDD<Long, byte[]> records(JavaSparkContext sc, CifarFiles files) {
    Configuration conf = new Configuration(sc.hadoopConfiguration());
    FixedLengthInputFormat.setRecordLength(conf, Cifar10.RECORD_BYTES);
    Map<String, Long> firstIndex = new HashMap<>();
    long[] first = files.firstIndex();
    for (int i = 0; i < files.paths().size(); i++) {
      firstIndex.put(pathKey(files.paths().get(i)), first[i]);
    }
    @SuppressWarnings("unchecked")
    JavaNewHadoopRDD<LongWritable, BytesWritable> raw =
        (JavaNewHadoopRDD<LongWritable, BytesWritable>) sc.newAPIHadoopFile(
            String.join(",", files.paths()), FixedLengthInputFormat.class, LongWritable.class,
            BytesWritable.class, conf);
    JavaRDD<Tuple2<Long, byte[]>> indexed = raw.mapPartitionsWithInputSplit((split, it) -> {
      String file = ((FileSplit) split).getPath().toString();
      Long start = firstIndex.get(pathKey(file));
      if (start == null) {
        throw new IllegalStateException(file + ": not among the resolved input files");
      }
      List<Tuple2<Long, byte[]>> out = new ArrayList<>();
      while (it.hasNext()) {
        Tuple2<LongWritable, BytesWritable> kv = it.next();
        long record = kv._1().get() / Cifar10.RECORD_BYTES;
        BytesWritable value = kv._2();
        if (value.getLength() != Cifar10.RECORD_BYTES) {
          throw new InvalidDataException(file + ": record " + record + " is cut short");
        }
        byte[] bytes = java.util.Arrays.copyOf(value.getBytes(), Cifar10.RECORD_BYTES);
        int label = bytes[0] & 0xFF;
        if (label >= Cifar10.CLASSES) {
          throw InvalidDataException.badLabel(file, record, label);
        }
        out.add(new Tuple2<>(start + record, bytes));
      }
      return out.iterator();
    }, false);
    return JavaPairRDD.fromJavaRDD(indexed);
  }

  private static Iterator<ImageBlock> toBlock(Iterator<Tuple2<Long, byte[]>> records) {
    List<Tuple2<Long, byte[]>> list = new ArrayList<>();
    records.forEachRemaining(list::add);
    list.sort((a, b) -> Long.compare(a._1(), b._1()));
    byte[] pixels = new byte[list.size() * Cifar10.PIXELS];
    byte[] labels = new byte[list.size()];
    for (int i = 0; i < list.size(); i++) {
      byte[] record = list.get(i)._2();
      labels[i] = record[0];
      System.arraycopy(record, 1, pixels, i * Cifar10.PIXELS, Cifar10.PIXELS);
    }
    return List.of(new ImageBlock(pixels, labels, Cifar10.PIXELS)).iterator();
  }

  private static long cachedBytes(JavaSparkContext sc, RDD<?> rdd) {
    for (RDDInfo info : sc.sc().getRDDStorageInfo()) {
      if (info.id() == rdd.id()) {
        return info.memSize() + info.diskSize();
      }
    }
    return 0;
  }

  /** The path part of a path string, so that "file:/a" and "file:///a" match. */
  private static String pathKey(String path) {
    return new Path(path).toUri().getPath();
  }
}
