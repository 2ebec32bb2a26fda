package dev.sparksvm.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.cli.TrainCommandRunner;
import dev.sparksvm.ml.LinearClassificationModel;
import dev.sparksvm.spark.CifarFixtures;
import dev.sparksvm.spark.LocalSpark;
import dev.sparksvm.spark.LoopbackSockets;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training data read from {@code hdfs://}, served by a real in-process MiniDFSCluster (one
 * NameNode, one DataNode, all on 127.0.0.1), and the outputs written back to it.
 */
@Tag("hdfs")
class HdfsInputTest {
  @TempDir static Path tmp;
  private static MiniDFSCluster hdfs;
  private static String root;
  private static Path local;

  @BeforeAll
  static void startHdfs() throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("hdfs").toString());
    hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    hdfs.waitActive();
    FileSystem fs = hdfs.getFileSystem();
    root = fs.getUri().toString();
    local = CifarFixtures.batches(tmp.resolve("local"), 100);
    fs.mkdirs(new org.apache.hadoop.fs.Path("/cifar-10-batches-bin"));
    try (var files = Files.list(local)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".bin")).toList()) {
        fs.copyFromLocalFile(
            new org.apache.hadoop.fs.Path(f.toUri()),
            new org.apache.hadoop.fs.Path("/cifar-10-batches-bin/" + f.getFileName()));
      }
    }
  }

  @AfterAll
  static void stopHdfs() {
    if (hdfs != null) {
      hdfs.shutdown();
    }
  }

  @Test
  void servesEverythingOnLoopbackOnly() throws Exception {
    assertTrue(root.startsWith("hdfs://localhost:") || root.startsWith("hdfs://127.0.0.1:"), root);
    Assumptions.assumeTrue(
        LoopbackSockets.available(),
        "no /proc/net/tcp here: the listening sockets cannot be listed");
    assertEquals(
        List.of(),
        LoopbackSockets.nonLoopbackListeners(List.of(ProcessHandle.current().pid())),
        "listeners of this JVM (NameNode, DataNode, Spark) outside 127.0.0.1");
  }

  @Test
  void trainsFromHdfsAndWritesItsOutputsThereBitIdenticalToLocalFiles() throws Exception {
    JavaSparkContext sc = LocalSpark.get();
    String[] common = {
      "--iters",
      "5",
      "--batch",
      "64",
      "--partitions",
      "2",
      "--val",
      "100",
      "--eval-every",
      "0",
      "--print-every",
      "100"
    };
    Map<String, Object> fromHdfs =
        TrainCommandRunner.train(sc, root + "/cifar-10-batches-bin", root + "/runs/hdfs", common);
    Map<String, Object> fromDisk =
        TrainCommandRunner.train(
            sc, local.toString(), tmp.resolve("runs-local").toString(), common);

    FileSystem fs = hdfs.getFileSystem();
    for (String name : List.of("model.bin", "history.csv", "metrics.json")) {
      assertTrue(fs.exists(new org.apache.hadoop.fs.Path("/runs/hdfs/" + name)), name + " on HDFS");
    }
    String metrics;
    try (InputStream in = fs.open(new org.apache.hadoop.fs.Path("/runs/hdfs/metrics.json"))) {
      metrics = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertTrue(metrics.contains("\"weights_sha256\": \"" + fromHdfs.get("weights_sha256") + "\""));
    assertEquals(400L, fromHdfs.get("train_images"));
    assertEquals(
        fromDisk.get("weights_sha256"),
        fromHdfs.get("weights_sha256"),
        "the same bytes from HDFS and from the local disk train the same W");
  }

  /**
   * {@code train --format libsvm} from HDFS, its spark.ml model written there and loaded back: the
   * same W as from the local disk, the same scores.
   */
  @Test
  void aLibsvmFileOnHdfsTrainsAndItsSparkMlModelLoadsFromThere() throws Exception {
    StringBuilder text = new StringBuilder();
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    for (int i = 0; i < 120; i++) {
      int c = i % 3;
      text.append(c);
      for (int j = 1; j <= 4; j++) {
        text.append(' ').append(j).append(':').append((j % 3 == c ? 2.0 : 0.0) + r.nextGaussian());
      }
      text.append('\n');
    }
    Path file = tmp.resolve("rows.libsvm");
    Files.writeString(file, text);
    FileSystem fs = hdfs.getFileSystem();
    fs.copyFromLocalFile(
        new org.apache.hadoop.fs.Path(file.toUri()), new org.apache.hadoop.fs.Path("/rows.libsvm"));
    JavaSparkContext sc = LocalSpark.get();
    String[] common = {
      "--format", "libsvm", "--iters", "30", "--batch", "32", "--val", "0", "--partitions", "1"
    };
    Map<String, Object> fromHdfs =
        TrainCommandRunner.trainFrame(
            sc, root + "/runs/libsvm", with(common, "--data", root + "/rows.libsvm"));
    Map<String, Object> fromDisk =
        TrainCommandRunner.trainFrame(
            sc, tmp.resolve("runs-libsvm").toString(), with(common, "--data", file.toString()));
    assertEquals(fromDisk.get("weights_sha256"), fromHdfs.get("weights_sha256"));
    assertTrue(fs.exists(new org.apache.hadoop.fs.Path("/runs/libsvm/metrics.json")));
    LinearClassificationModel onHdfs = LinearClassificationModel.load(root + "/runs/libsvm/model");
    LinearClassificationModel onDisk =
        LinearClassificationModel.load(tmp.resolve("runs-libsvm/model").toString());
    org.junit.jupiter.api.Assertions.assertArrayEquals(
        onDisk.coefficientMatrix().toArray(), onHdfs.coefficientMatrix().toArray(), 0.0);
    assertTrue((Double) fromHdfs.get("train_accuracy") > 0.8, fromHdfs.toString());
  }

  private static String[] with(String[] first, String... more) {
    List<String> all = new java.util.ArrayList<>(List.of(first));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }
}
