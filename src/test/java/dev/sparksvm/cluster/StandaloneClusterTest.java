package dev.sparksvm.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.cli.TrainCommandRunner;
import dev.sparksvm.spark.CifarFixtures;
import dev.sparksvm.spark.LocalSpark;
import dev.sparksvm.spark.LoopbackSockets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on 127.0.0.1: {@code submit/cluster-up.sh 2} starts a Master and
 * two Workers (JVMs of their own, from the Maven jars; it builds target/sparksvm.jar first when
 * needed), {@code submit/standalone.sh} spark-submits {@code train} to it, and the final W must be
 * bit-identical to a {@code local[2]} run in this JVM with the same seed and partition count. The
 * cluster is stopped by {@code submit/cluster-down.sh} whatever happens (and by a shutdown hook if
 * this JVM is stopped first). Trains on the real CIFAR-10 training set when {@code ../shared} has
 * it, else on the synthetic default, as {@code train} without {@code --data} does.
 *
 * <p>The cluster runs as cluster-up.sh starts it by default: authentication with its 0600 secret
 * and AES-GCM RPC encryption; the run adds local disk encryption and an event log. Its Master and a
 * Worker are sent garbage on their RPC ports first (the run shows they still serve); the secret
 * must appear on no command line and in no file the run, the daemons or the executors write, and
 * the event log must show it redacted; runs with {@code --no-auth} and with a wrong secret must
 * each end with one line, "authentication failed", exit code 1; and a run the Workers have no room
 * for must say that it waits for executors. A second run with another seed goes at the same time
 * (each run takes one Worker's core): each must end with the W of its own run alone on local[2].
 */
@Tag("cluster")
class StandaloneClusterTest {
  private static final Path DIR = ClusterScripts.ROOT.resolve("target").resolve("test-cluster");
  private static final Pattern SHA = Pattern.compile("\"weights_sha256\": \"([0-9a-f]{64})\"");
  @TempDir Path out;

  @Test
  void twoWorkersTrainTheSameBitsAsLocal2() throws Exception {
    Files.createDirectories(DIR);
    Path real = CifarFixtures.realData();
    System.out.println(
        "StandaloneClusterTest: training on "
            + (real != null
                ? real
                : "the synthetic default (no ../shared/data/cifar-10-batches-bin)"));
    Thread hook = new Thread(StandaloneClusterTest::stopCluster);
    Runtime.getRuntime().addShutdownHook(hook);
    Set<String> exposed = new ConcurrentSkipListSet<>();
    try {
      long start = System.nanoTime();
      ClusterScripts.Run up =
          ClusterScripts.start(
              DIR.resolve("cluster-up.out"),
              "cluster-up.sh",
              "2",
              "--dir",
              DIR.toString(),
              "--port",
              "0",
              "--webui-port",
              "0",
              "--worker-memory",
              "1g");
      int upCode = up.await(600);
      assertEquals(0, upCode, "cluster-up.sh failed:\n" + ClusterScripts.tail(up.log(), 40));
      String master = Files.readString(DIR.resolve("master.url")).trim();
      assertTrue(master.matches("spark://127\\.0\\.0\\.1:\\d+"), master);
      System.out.printf(
          "StandaloneClusterTest: cluster %s up in %.1f s%n",
          master, (System.nanoTime() - start) / 1e9);

      List<String> options =
          new ArrayList<>(
              List.of(
                  "--partitions",
                  "2",
                  "--iters",
                  "30",
                  "--batch",
                  "256",
                  "--seed",
                  "42",
                  "--eval-every",
                  "0",
                  "--print-every",
                  "10"));
      // Authentication and AES-GCM RPC encryption are on (cluster-up.sh's defaults), local disk
      // encryption too: W must still be the same bits. Garbage first: the cluster must serve after.
      String secret = SecurityProbes.secret(DIR);
      SecurityProbes.garbage(Integer.parseInt(master.substring(master.lastIndexOf(':') + 1)));
      SecurityProbes.garbage(SecurityProbes.rpcPort(DIR.resolve("worker-1.log"), "sparkWorker"));
      Path events = Files.createDirectories(DIR.resolve("events"));
      List<String> submit =
          new ArrayList<>(
              List.of(
                  master,
                  "--conf",
                  "spark.executor.memory=1g",
                  "--conf",
                  "spark.cores.max=1",
                  "--conf",
                  "spark.io.encryption.enabled=true",
                  "--conf",
                  "spark.eventLog.enabled=true",
                  "--conf",
                  "spark.eventLog.dir=" + events.toUri(),
                  "--",
                  "train",
                  "--out",
                  out.resolve("cluster").toString()));
      if (real != null) {
        submit.addAll(List.of("--data", real.toString()));
      }
      submit.addAll(options);
      // A second run with another seed at the same time: each takes one Worker's core
      // (spark.cores.max=1), and each must end with its own W, the bits of its run alone.
      List<String> otherOptions = new ArrayList<>(options);
      otherOptions.set(otherOptions.indexOf("--seed") + 1, "7");
      List<String> other =
          new ArrayList<>(
              List.of(
                  master,
                  "--conf",
                  "spark.executor.memory=1g",
                  "--conf",
                  "spark.cores.max=1",
                  "--",
                  "train",
                  "--out",
                  out.resolve("cluster-other").toString()));
      if (real != null) {
        other.addAll(List.of("--data", real.toString()));
      }
      other.addAll(otherOptions);
      start = System.nanoTime();
      ClusterScripts.Run run =
          ClusterScripts.start(
              DIR.resolve("submit.out"),
              Map.of("SPARKSVM_SECRET_FILE", DIR.resolve("secret").toString()),
              "standalone.sh",
              submit.toArray(String[]::new));
      ClusterScripts.Run otherRun =
          ClusterScripts.start(
              DIR.resolve("submit-other.out"),
              Map.of("SPARKSVM_SECRET_FILE", DIR.resolve("secret").toString()),
              "standalone.sh",
              other.toArray(String[]::new));
      Thread watcher = watchListeners(run.process(), exposed, secret);
      int code = run.await(900);
      watcher.interrupt();
      int otherCode = otherRun.await(900);
      assertEquals(
          0, otherCode, "the concurrent run failed:\n" + ClusterScripts.tail(otherRun.log(), 60));
      assertEquals(
          0,
          code,
          "spark-submit train failed:\n"
              + ClusterScripts.tail(run.log(), 60)
              + "\n"
              + executorLogs());
      System.out.printf(
          "StandaloneClusterTest: two concurrent spark-submit train took %.1f s%n",
          (System.nanoTime() - start) / 1e9);
      String clusterMetrics = Files.readString(out.resolve("cluster").resolve("metrics.json"));
      assertTrue(clusterMetrics.contains("\"spark_master\": \"" + master + "\""), clusterMetrics);

      Map<String, Object> local =
          TrainCommandRunner.train(
              LocalSpark.get(),
              real == null ? null : real.toString(),
              out.resolve("local").toString(),
              options.toArray(String[]::new));
      String localMetrics = Files.readString(out.resolve("local").resolve("metrics.json"));
      System.out.printf(
          "StandaloneClusterTest: W sha256 %s on the cluster (executors' BLAS %s), %s on"
              + " local[2] (BLAS %s)%n",
          sha(clusterMetrics),
          field(clusterMetrics, "executor_blas"),
          sha(localMetrics),
          local.get("executor_blas"));
      assertEquals("local[2]", local.get("spark_master"));
      assertEquals(
          field(localMetrics, "executor_blas"),
          field(clusterMetrics, "executor_blas"),
          "the executors must run the same BLAS as the local run");
      assertEquals(
          sha(localMetrics),
          sha(clusterMetrics),
          "final W on the 2-worker cluster vs local[2], same seed and partitions");
      String otherMetrics = Files.readString(out.resolve("cluster-other").resolve("metrics.json"));
      TrainCommandRunner.train(
          LocalSpark.get(),
          real == null ? null : real.toString(),
          out.resolve("local-other").toString(),
          otherOptions.toArray(String[]::new));
      String otherLocal = Files.readString(out.resolve("local-other").resolve("metrics.json"));
      System.out.printf(
          "StandaloneClusterTest: seed 7 at the same time: W sha256 %s on the cluster, %s on"
              + " local[2]%n",
          sha(otherMetrics), sha(otherLocal));
      assertEquals(sha(otherLocal), sha(otherMetrics), "the concurrent run's W (seed 7)");
      assertTrue(!sha(otherMetrics).equals(sha(clusterMetrics)), "two seeds, two Ws");
      assertEquals(
          Set.of(),
          exposed,
          "listening sockets outside 127.0.0.1, or the secret on a command line");
      assertTrue(
          Files.readString(run.log())
              .contains("security: authentication on (the cluster's secret, from " + DIR),
          "the run says how it is secured");
      assertEquals(
          List.of(),
          SecurityProbes.filesHolding(secret, out, DIR, events),
          "files that hold the secret");
      String eventLog = SecurityProbes.eventLog(events);
      assertTrue(
          eventLog.contains("\"spark.authenticate.secret\":\"*********(redacted)\""),
          "the event log redacts spark.authenticate.secret");
      waitsAndSaysSo(master);
      refused(master, "no-auth", Map.of(), "--no-auth");
      Path wrong = DIR.resolve("wrong-secret");
      Files.writeString(wrong, secret.replace('a', 'b').replace('0', '1') + "x\n");
      Files.setPosixFilePermissions(wrong, PosixFilePermissions.fromString("rw-------"));
      refused(master, "wrong-secret", Map.of("SPARKSVM_SECRET_FILE", wrong.toString()));
    } finally {
      stopCluster();
      Runtime.getRuntime().removeShutdownHook(hook);
    }
    for (long pid : ClusterScripts.recordedPids(DIR)) {
      throw new AssertionError("cluster-down.sh left the PID file of " + pid);
    }
  }

  /**
   * A run that asks for executors of 2g from Workers of 1g gets none: it waits (the master would
   * start them when a Worker had room) and says so every 15 s rather than nothing. Stopped once it
   * has said it.
   */
  private void waitsAndSaysSo(String master) throws Exception {
    ClusterScripts.Run run =
        ClusterScripts.start(
            DIR.resolve("submit-waiting.out"),
            Map.of("SPARKSVM_SECRET_FILE", DIR.resolve("secret").toString()),
            "standalone.sh",
            master,
            "--conf",
            "spark.executor.memory=2g",
            "--",
            "train",
            "--iters",
            "2",
            "--out",
            out.resolve("waiting").toString());
    long deadline = System.nanoTime() + 180_000_000_000L;
    String log = "";
    try {
      while (!log.contains("waiting for executors: none after ")
          && run.process().isAlive()
          && System.nanoTime() < deadline) {
        Thread.sleep(500);
        log = Files.readString(run.log());
      }
    } finally {
      run.process().descendants().forEach(ProcessHandle::destroy);
      run.process().destroy();
      run.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
    }
    assertTrue(
        Pattern.compile(
                "waiting for executors: none after 1[5-9] s; the master "
                    + Pattern.quote(master)
                    + " starts them only on Workers with free cores")
            .matcher(log)
            .find(),
        "no waiting line:\n" + log);
    assertTrue(log.contains("spark.executor.memory=2g"), log);
  }

  /**
   * A run without the cluster's secret: exit code 1 and one line saying authentication failed, no
   * stack trace, before any executor is asked for.
   */
  private void refused(String master, String name, Map<String, String> env, String... options)
      throws Exception {
    List<String> args = new ArrayList<>(List.of(master, "train", "--iters", "2", "--out"));
    args.add(out.resolve(name).toString());
    args.addAll(List.of(options));
    ClusterScripts.Run run =
        ClusterScripts.start(
            DIR.resolve("submit-" + name + ".out"),
            env,
            "standalone.sh",
            args.toArray(String[]::new));
    int code = run.await(300);
    String log = Files.readString(run.log());
    assertEquals(1, code, name + ":\n" + log);
    List<String> errors = log.lines().filter(l -> l.startsWith("sparksvm: error: ")).toList();
    assertEquals(1, errors.size(), log);
    assertTrue(
        errors
            .get(0)
            .startsWith("sparksvm: error: authentication failed: the Spark master " + master),
        log);
    assertTrue(!log.contains("\tat ") && !log.contains("Exception"), "a stack trace:\n" + log);
    assertTrue(!Files.exists(out.resolve(name).resolve("model.bin")), name + " wrote a model");
  }

  /**
   * Checks every half second that no process of the cluster or the submission listens off loopback
   * or has the secret on its command line (ps shows it to every user of the machine).
   */
  private static Thread watchListeners(Process submit, Set<String> exposed, String secret) {
    Thread t =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted() && LoopbackSockets.available()) {
                try {
                  List<Long> pids = new ArrayList<>(ClusterScripts.recordedPids(DIR));
                  for (Long pid : List.copyOf(pids)) {
                    ProcessHandle.of(pid)
                        .ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
                  }
                  pids.add(submit.pid());
                  submit.descendants().forEach(d -> pids.add(d.pid()));
                  exposed.addAll(LoopbackSockets.nonLoopbackListeners(pids));
                  for (long pid : pids) {
                    Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
                    if (Files.isReadable(cmdline) && Files.readString(cmdline).contains(secret)) {
                      exposed.add("the secret on the command line of PID " + pid);
                    }
                  }
                  Thread.sleep(500);
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

  private static void stopCluster() {
    try {
      ClusterScripts.Run down =
          ClusterScripts.start(
              DIR.resolve("cluster-down.out"), "cluster-down.sh", "--dir", DIR.toString());
      if (down.await(120) != 0) {
        System.err.println("cluster-down.sh failed:\n" + ClusterScripts.tail(down.log(), 20));
      }
    } catch (IOException | InterruptedException | AssertionError e) {
      System.err.println("could not stop the test cluster in " + DIR + ": " + e);
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

  /** The end of each executor's stderr, for a failed submission. */
  private static String executorLogs() throws IOException {
    StringBuilder logs = new StringBuilder();
    try (Stream<Path> files = Files.walk(DIR)) {
      for (Path f : files.filter(p -> p.getFileName().toString().equals("stderr")).toList()) {
        logs.append("== ")
            .append(DIR.relativize(f))
            .append('\n')
            .append(ClusterScripts.tail(f, 30))
            .append('\n');
      }
    }
    return logs.toString();
  }
}
