package dev.sparksvm.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.cli.TrainCommandRunner;
import dev.sparksvm.spark.CifarFixtures;
import dev.sparksvm.spark.LocalSpark;
import dev.sparksvm.spark.LoopbackSockets;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code submit/yarn.sh} against a real YARN cluster started in this JVM: a MiniYARNCluster (one
 * ResourceManager, one NodeManager whose containers are real JVMs) beside a MiniDFSCluster, every
 * listener on 127.0.0.1. yarn.sh spark-submits {@code train} once in client and once in cluster
 * deploy mode (the driver then runs in the ApplicationMaster's container), reading the data from
 * HDFS and writing its outputs there, with Spark's jars from the local Maven repository ({@code
 * local:} URIs in spark.yarn.jars). Both final W must be bit-identical to a {@code local[2]} run in
 * this JVM on the same bytes from the local disk. The client configuration, submission logs and the
 * NodeManager's container logs stay in {@code target/test-yarn/}; both clusters are stopped after
 * the tests (and by a shutdown hook if this JVM is stopped first).
 */
@Tag("yarn")
class YarnClusterTest {
  private static final Path DIR = ClusterScripts.ROOT.resolve("target").resolve("test-yarn");
  private static final String NAME = "YarnClusterTest";
  private static final String LOOPBACK = "127.0.0.1";
  private static final Pattern SHA = Pattern.compile("\"weights_sha256\": \"([0-9a-f]{64})\"");

  /** The training options of all three runs (500 synthetic images: 400 to train on). */
  private static final List<String> OPTIONS =
      List.of(
          "--partitions",
          "2",
          "--iters",
          "20",
          "--batch",
          "64",
          "--seed",
          "42",
          "--eval-every",
          "0",
          "--val",
          "100",
          "--print-every",
          "10");

  /** The shaded Jersey of the YARN web apps logs each of its bindings (java.util.logging, INFO). */
  private static final java.util.logging.Logger JERSEY =
      java.util.logging.Logger.getLogger("org.apache.hadoop.shaded.com.sun.jersey");

  private static MiniDFSCluster hdfs;
  private static MiniYARNCluster yarn;
  private static Thread hook;
  private static String hdfsRoot;
  private static Path localData;
  private static Path confDir;
  private static Map<String, Object> local;

  /** Submissions started, stopped with the clusters if still running (e.g. after a failed test). */
  private static final List<ClusterScripts.Run> SUBMITTED =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeAll
  static void startClusters() throws Exception {
    JERSEY.setLevel(java.util.logging.Level.WARNING);
    deleteRecursively(DIR);
    Files.createDirectories(DIR);
    hook = new Thread(YarnClusterTest::stopClusters, "stop-yarn-and-hdfs");
    Runtime.getRuntime().addShutdownHook(hook);

    // Two yarn.sh must not build the jar at the same time: build it (when needed) as yarn.sh would,
    // meanwhile.
    long start = System.nanoTime();
    Process build =
        new ProcessBuilder("bash", "-c", "source submit/common.sh && sparksvm_build yarn")
            .directory(ClusterScripts.ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(DIR.resolve("build.out").toFile())
            .start();

    Configuration dfsConf = new Configuration();
    dfsConf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, DIR.resolve("hdfs").toString());
    hdfs = new MiniDFSCluster.Builder(dfsConf).numDataNodes(1).build();
    hdfs.waitActive();
    FileSystem fs = hdfs.getFileSystem();
    hdfsRoot = fs.getUri().toString();
    localData = CifarFixtures.batches(DIR.resolve("data"), 100);
    fs.mkdirs(new org.apache.hadoop.fs.Path("/cifar"));
    try (Stream<Path> files = Files.list(localData)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".bin")).toList()) {
        fs.copyFromLocalFile(
            new org.apache.hadoop.fs.Path(f.toUri()),
            new org.apache.hadoop.fs.Path("/cifar/" + f.getFileName()));
      }
    }
    double hdfsSeconds = (System.nanoTime() - start) / 1e9;

    start = System.nanoTime();
    yarn = startYarn();
    confDir = writeClientConfiguration(yarn.getConfig());
    System.out.printf(
        "YarnClusterTest: HDFS %s up in %.1f s, YARN (ResourceManager %s, NodeManager %s)"
            + " up in %.1f s%n",
        hdfsRoot,
        hdfsSeconds,
        yarn.getConfig().get(YarnConfiguration.RM_ADDRESS),
        yarn.getNodeManager(0).getNMContext().getNodeId(),
        (System.nanoTime() - start) / 1e9);
    start = System.nanoTime();
    assertTrue(build.waitFor(600, TimeUnit.SECONDS), "the build did not finish in 10 minutes");
    assertEquals(
        0,
        build.exitValue(),
        "building the jar and the yarn classpath failed:\n"
            + ClusterScripts.tail(DIR.resolve("build.out"), 40));
    System.out.printf(
        "YarnClusterTest: the build (when needed) ended %.1f s later%n",
        (System.nanoTime() - start) / 1e9);
  }

  @AfterAll
  static void stopAll() {
    stopClusters();
    if (hook != null) {
      Runtime.getRuntime().removeShutdownHook(hook);
    }
  }

  @Test
  void serversListenOnLoopbackOnly() throws IOException {
    assertTrue(hdfsRoot.matches("hdfs://(localhost|127\\.0\\.0\\.1):\\d+"), hdfsRoot);
    // Hadoop advertises a server bound to 127.0.0.1 by that address's name (localhost).
    String rm = yarn.getConfig().get(YarnConfiguration.RM_ADDRESS);
    assertTrue(InetAddress.getByName(rm.substring(0, rm.lastIndexOf(':'))).isLoopbackAddress(), rm);
    String nm = yarn.getNodeManager(0).getNMContext().getNodeId().getHost();
    assertTrue(InetAddress.getByName(nm).isLoopbackAddress(), nm);
    if (LoopbackSockets.available()) {
      assertEquals(
          List.of(),
          LoopbackSockets.nonLoopbackListeners(List.of(ProcessHandle.current().pid())),
          "listeners of this JVM (ResourceManager, NodeManager, NameNode, DataNode) outside "
              + LOOPBACK);
    }
  }

  @Test
  void clientAndClusterModeTrainTheSameBitsAsLocal2() throws Exception {
    Set<String> exposed = new ConcurrentSkipListSet<>();
    Thread watcher = watchListeners(exposed);
    Map<String, String> metrics = new java.util.TreeMap<>();
    try {
      // Both submissions at once, and the local run meanwhile: on two cores much of a submission is
      // waiting (for containers, for JVMs to start), and overlapping them keeps the test short.
      List<Submission> submissions =
          List.of(Submission.start("client"), Submission.start("cluster"));
      localRun();
      List<String> failures = new ArrayList<>();
      for (Submission s : submissions) {
        try {
          metrics.put(s.mode(), s.await());
        } catch (AssertionError e) {
          failures.add(e.getMessage());
        }
      }
      if (!failures.isEmpty()) {
        throw new AssertionError(String.join("\n\n", failures));
      }
    } finally {
      watcher.interrupt();
    }
    for (Map.Entry<String, String> m : metrics.entrySet()) {
      System.out.printf(
          "YarnClusterTest: W sha256 %s on YARN in %s mode (executors' BLAS %s)%n",
          sha(m.getValue()), m.getKey(), field(m.getValue(), "executor_blas"));
    }
    System.out.printf(
        "YarnClusterTest: W sha256 %s on local[2] (BLAS %s)%n",
        local.get("weights_sha256"), local.get("executor_blas"));
    for (Map.Entry<String, String> m : metrics.entrySet()) {
      String mode = m.getKey();
      assertEquals("yarn", field(m.getValue(), "spark_master"), m.getValue());
      assertEquals(
          local.get("executor_blas"),
          field(m.getValue(), "executor_blas"),
          "the executors (" + mode + " mode) must run the same BLAS as the local run");
      assertEquals(
          local.get("weights_sha256"),
          sha(m.getValue()),
          "final W on YARN (" + mode + " mode) vs local[2], same seed and partitions");
    }
    assertEquals(
        Set.of(), exposed, "listening sockets outside " + LOOPBACK + " during the submissions");
  }

  /** A running {@code submit/yarn.sh train} in one deploy mode. */
  private record Submission(
      String mode,
      ClusterScripts.Run run,
      long startNanos,
      long startMillis,
      java.util.concurrent.CompletableFuture<Long> endNanos) {
    static Submission start(String mode) throws IOException {
      String javaHome = System.getProperty("java.home");
      List<String> args =
          new ArrayList<>(
              List.of(
                  "--deploy-mode",
                  mode,
                  "--num-executors",
                  "1",
                  "--executor-cores",
                  "1",
                  "--executor-memory",
                  "512m",
                  "--driver-memory",
                  "512m",
                  "--conf",
                  "spark.yarn.am.memory=512m",
                  "--conf",
                  "spark.yarn.maxAppAttempts=1",
                  // Spark 4.2's UI can start its handlers while YARN's ApplicationMaster adds its
                  // proxy
                  // filter to them (a ConcurrentModificationException in Jetty, seen once in client
                  // mode);
                  // the UI is not what this test checks.
                  "--conf",
                  "spark.ui.enabled=false",
                  // Staging on the mini HDFS, not in ~/.sparkStaging.
                  "--conf",
                  "spark.yarn.stagingDir=" + hdfsRoot + "/staging",
                  // The containers' java, and 127.0.0.1 for the driver and its UI in the
                  // ApplicationMaster.
                  "--conf",
                  "spark.yarn.appMasterEnv.JAVA_HOME=" + javaHome,
                  "--conf",
                  "spark.executorEnv.JAVA_HOME=" + javaHome,
                  "--conf",
                  "spark.yarn.appMasterEnv.SPARK_LOCAL_IP=" + LOOPBACK,
                  "--conf",
                  "spark.executorEnv.SPARK_LOCAL_IP=" + LOOPBACK,
                  "--",
                  "train",
                  "--data",
                  hdfsRoot + "/cifar",
                  "--out",
                  hdfsRoot + "/runs/" + mode));
      args.addAll(OPTIONS);
      Map<String, String> env =
          Map.of(
              "HADOOP_CONF_DIR",
              confDir.toString(),
              "YARN_CONF_DIR",
              confDir.toString(),
              "JAVA_HOME",
              javaHome,
              "SPARK_LOCAL_IP",
              LOOPBACK,
              "SPARKSVM_DRIVER_MEMORY",
              "1g");
      long startNanos = System.nanoTime();
      long startMillis = System.currentTimeMillis();
      ClusterScripts.Run run =
          ClusterScripts.start(
              DIR.resolve("submit-" + mode + ".out"), env, "yarn.sh", args.toArray(String[]::new));
      SUBMITTED.add(run);
      return new Submission(
          mode,
          run,
          startNanos,
          startMillis,
          run.process().onExit().thenApply(p -> System.nanoTime()));
    }

    /**
     * Waits for yarn.sh to end and returns the metrics.json it wrote to HDFS; fails with the logs.
     */
    String await() throws IOException, InterruptedException {
      int code;
      try {
        code = run.await(300);
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "\n" + containerLogs(startMillis), e);
      }
      String metrics = readHdfs("/runs/" + mode + "/metrics.json");
      if (code != 0 || metrics == null) {
        throw new AssertionError(
            "yarn.sh in "
                + mode
                + " mode: exit code "
                + code
                + (metrics == null ? ", no metrics.json" : "")
                + "\n== "
                + run.log().getFileName()
                + "\n"
                + ClusterScripts.tail(run.log(), 60)
                + "\n"
                + containerLogs(startMillis));
      }
      if (mode.equals("client")) {
        // yarn.sh turns authentication and RPC encryption on; YARN makes the secret (issue 19).
        String log = Files.readString(run.log());
        assertTrue(
            log.contains(
                "security: authentication on (a secret YARN hands this application alone), RPC"
                    + " encryption AES/GCM/NoPadding"),
            "the client-mode driver says how it is secured:\n"
                + ClusterScripts.tail(run.log(), 60));
      }
      System.out.printf(
          "YarnClusterTest: yarn.sh train in %s mode took %.1f s%n",
          mode, (endNanos.join() - startNanos) / 1e9);
      return metrics;
    }
  }

  /** The same training in this JVM on local[2], from the local copy of the data (once). */
  private static synchronized Map<String, Object> localRun() {
    if (local == null) {
      long start = System.nanoTime();
      local =
          TrainCommandRunner.train(
              LocalSpark.get(),
              localData.toUri().toString(),
              DIR.resolve("runs").resolve("local").toUri().toString(),
              OPTIONS.toArray(String[]::new));
      assertEquals("local[2]", local.get("spark_master"));
      System.out.printf(
          "YarnClusterTest: the local[2] run took %.1f s%n", (System.nanoTime() - start) / 1e9);
    }
    return local;
  }

  private static MiniYARNCluster startYarn() throws InterruptedException {
    YarnConfiguration conf = new YarnConfiguration();
    conf.set("fs.defaultFS", hdfsRoot);
    // As Spark's own BaseYarnClusterSuite: no disk-space check, and the capacity scheduler's queue
    // (the shaded jar has no capacity-scheduler.xml).
    conf.set(
        "yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", "100.0");
    conf.set("yarn.scheduler.capacity.root.queues", "default");
    conf.setInt("yarn.scheduler.capacity.root.default.capacity", 100);
    conf.setFloat("yarn.scheduler.capacity.root.default.user-limit-factor", 1);
    conf.setInt("yarn.scheduler.capacity.root.default.maximum-capacity", 100);
    conf.set("yarn.scheduler.capacity.root.default.state", "RUNNING");
    conf.set("yarn.scheduler.capacity.root.default.acl_submit_applications", "*");
    conf.set("yarn.scheduler.capacity.root.default.acl_administer_queue", "*");
    conf.setInt("yarn.scheduler.capacity.node-locality-delay", -1);
    // Both applications' ApplicationMasters at once (by default they may take 10% of the queue).
    conf.setFloat("yarn.scheduler.capacity.maximum-am-resource-percent", 0.5f);
    // Every server on 127.0.0.1, whatever this machine's host name resolves to.
    conf.set(YarnConfiguration.RM_HOSTNAME, LOOPBACK);
    conf.set(YarnConfiguration.RM_BIND_HOST, LOOPBACK);
    conf.set(YarnConfiguration.NM_BIND_HOST, LOOPBACK);
    // Room for the two applications at once: an ApplicationMaster and an executor of 512m (+384m
    // overhead) each; MiniYARNCluster reads the NodeManager's memory from this key (default 4096).
    conf.setInt("yarn.minicluster.yarn.nodemanager.resource.memory-mb", 8192);
    conf.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, 8192);
    conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 128);
    // A fast stop: containers are killed at once, and finished applications' logs are handed to
    // the deletion service after a second...
    conf.setLong(YarnConfiguration.NM_PROCESS_KILL_WAIT_MS, 100);
    conf.setLong(YarnConfiguration.NM_SLEEP_DELAY_BEFORE_SIGKILL_MS, 100);
    conf.setLong(YarnConfiguration.NM_LOG_RETAIN_SECONDS, 1);
    // ...which waits an hour before deleting anything, and drops what is pending when it stops: the
    // container logs and working folders stay in target/test-yarn for a post-mortem.
    conf.setInt(YarnConfiguration.DEBUG_NM_DELETE_DELAY_SEC, 3600);

    // MiniYARNCluster works in ${test.build.data}/NAME (default target/test/data/NAME).
    String testData = System.getProperty("test.build.data");
    System.setProperty("test.build.data", DIR.toString());
    MiniYARNCluster cluster;
    try {
      cluster = new MiniYARNCluster(NAME, 1, 1, 1);
    } finally {
      if (testData == null) {
        System.clearProperty("test.build.data");
      } else {
        System.setProperty("test.build.data", testData);
      }
    }
    cluster.init(conf);
    // MiniYARNCluster gives its servers this machine's host name: advertise 127.0.0.1 instead.
    pinToLoopback(cluster.getConfig());
    pinToLoopback(cluster.getNodeManager(0).getConfig());
    cluster.start();
    // start() may return before the ResourceManager has written its ports into the configuration.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (Stream.of(
            YarnConfiguration.RM_ADDRESS,
            YarnConfiguration.RM_SCHEDULER_ADDRESS,
            YarnConfiguration.RM_RESOURCE_TRACKER_ADDRESS)
        .anyMatch(k -> cluster.getConfig().get(k).endsWith(":0"))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the ResourceManager did not publish its addresses");
      }
      Thread.sleep(100);
    }
    return cluster;
  }

  /** Replaces the host of every {@code *.address} setting that names this machine by 127.0.0.1. */
  private static void pinToLoopback(Configuration conf) {
    String host = MiniYARNCluster.getHostname();
    Map<String, String> pinned = new java.util.HashMap<>();
    for (Map.Entry<String, String> e : conf) {
      if (e.getKey().endsWith(".address") && e.getValue().startsWith(host + ":")) {
        pinned.put(e.getKey(), LOOPBACK + e.getValue().substring(host.length()));
      }
    }
    pinned.forEach(conf::set);
  }

  /**
   * yarn-site.xml (the running cluster's whole configuration) and core-site.xml in a new folder.
   */
  private static Path writeClientConfiguration(Configuration conf) throws IOException {
    Path dir = Files.createDirectories(DIR.resolve("hadoop-conf"));
    try (OutputStream out = Files.newOutputStream(dir.resolve("yarn-site.xml"))) {
      conf.writeXml(out);
    }
    Configuration core = new Configuration(false);
    core.set("fs.defaultFS", hdfsRoot);
    try (OutputStream out = Files.newOutputStream(dir.resolve("core-site.xml"))) {
      core.writeXml(out);
    }
    return dir;
  }

  /**
   * Checks every second that no process of this JVM's tree listens off loopback (servers live for a
   * whole submission). Matching sockets to processes (LoopbackSockets) reads every descriptor of
   * every process, about 0.1 s of CPU for ten JVMs; so it runs only when the machine's table of
   * listening sockets shows one off loopback that was not there before (another program's, or one
   * of ours).
   */
  private static Thread watchListeners(Set<String> exposed) {
    Thread t =
        new Thread(
            () -> {
              Set<String> known = new HashSet<>();
              while (!Thread.currentThread().isInterrupted() && LoopbackSockets.available()) {
                try {
                  Set<String> listening = offLoopbackListeningInodes();
                  if (!known.containsAll(listening)) {
                    List<Long> pids = new ArrayList<>(List.of(ProcessHandle.current().pid()));
                    ProcessHandle.current().descendants().forEach(d -> pids.add(d.pid()));
                    exposed.addAll(LoopbackSockets.nonLoopbackListeners(pids));
                    known.addAll(listening);
                  }
                  Thread.sleep(1000);
                } catch (InterruptedException e) {
                  return;
                } catch (IOException | RuntimeException e) {
                  // a process ended between listing and reading: look again
                }
              }
            },
            "loopback-watcher");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /**
   * The inodes of this network namespace's listening TCP sockets bound to anything but loopback
   * (127.x.x.x, ::1, ::ffff:127.x.x.x), from /proc/net/tcp and tcp6, as LoopbackSockets reads them.
   */
  private static Set<String> offLoopbackListeningInodes() throws IOException {
    Set<String> inodes = new HashSet<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path file = Path.of(table);
      if (!Files.isReadable(file)) {
        continue;
      }
      List<String> lines = Files.readAllLines(file);
      for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
        String[] f = line.trim().split("\\s+", -1);
        if (f.length > 9 && f[3].equals("0A")) {
          String address = f[1].substring(0, f[1].indexOf(':'));
          boolean loopback =
              address.length() == 8
                  ? address.endsWith("7F")
                  : address.equals("00000000000000000000000001000000")
                      || (address.startsWith("0000000000000000FFFF0000") && address.endsWith("7F"));
          if (!loopback) {
            inodes.add(f[9]);
          }
        }
      }
    }
    return inodes;
  }

  private static String readHdfs(String path) throws IOException {
    FileSystem fs = hdfs.getFileSystem();
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
    if (!fs.exists(p)) {
      return null;
    }
    try (InputStream in = fs.open(p)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The end of each container log written since {@code sinceMillis}, for a failed submission. */
  private static String containerLogs(long sinceMillis) {
    StringBuilder logs = new StringBuilder();
    Path logDirs = DIR.resolve(NAME);
    try (Stream<Path> files = Files.walk(logDirs)) {
      for (Path f :
          files
              .filter(Files::isRegularFile)
              .filter(p -> p.getParent().getFileName().toString().startsWith("container_"))
              .filter(p -> p.toString().contains("-logDir-"))
              .filter(
                  p ->
                      Set.of("stdout", "stderr", "prelaunch.err")
                          .contains(p.getFileName().toString()))
              .filter(p -> p.toFile().length() > 0)
              .filter(p -> p.toFile().lastModified() >= sinceMillis - 1000)
              .sorted()
              .toList()) {
        logs.append("== ")
            .append(DIR.relativize(f))
            .append('\n')
            .append(ClusterScripts.tail(f, 40))
            .append('\n');
      }
    } catch (IOException | RuntimeException e) {
      logs.append("(container logs in ").append(logDirs).append(": ").append(e).append(")\n");
    }
    return logs.length() == 0 ? "(no container logs in " + logDirs + ")" : logs.toString();
  }

  private static synchronized void stopClusters() {
    long start = System.nanoTime();
    for (ClusterScripts.Run run : SUBMITTED) {
      if (run.process().isAlive()) {
        System.err.println("YarnClusterTest: stopping " + run.log().getFileName() + "'s yarn.sh");
        run.process().descendants().forEach(ProcessHandle::destroy);
        run.process().destroy();
        try {
          if (!run.process().waitFor(10, TimeUnit.SECONDS)) {
            run.process().descendants().forEach(ProcessHandle::destroyForcibly);
            run.process().destroyForcibly();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    if (yarn != null) {
      try {
        yarn.stop();
      } catch (RuntimeException e) {
        System.err.println("YarnClusterTest: could not stop YARN: " + e);
      }
      yarn = null;
    }
    if (hdfs != null) {
      try {
        hdfs.shutdown();
      } catch (RuntimeException e) {
        System.err.println("YarnClusterTest: could not stop HDFS: " + e);
      }
      hdfs = null;
      System.out.printf(
          "YarnClusterTest: YARN and HDFS stopped in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }
  }

  private static String sha(String metrics) {
    Matcher m = SHA.matcher(metrics);
    assertTrue(m.find(), "no weights_sha256 in " + metrics);
    return m.group(1);
  }

  private static String field(String metrics, String name) {
    Matcher m = Pattern.compile("\"" + name + "\": \"([^\"]*)\"").matcher(metrics);
    return m.find() ? m.group(1) : null;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
