package dev.sparksvm.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.cli.TrainCommandRunner;
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
}
