package dev.sparksvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code submit/local.sh} as a user runs it: what it can tell is wrong before it builds or starts a
 * JVM is one line and exit code 2, never SparkSubmit's or the JVM's stack trace.
 */
class LauncherTest {
  private static final Path ROOT = Path.of("").toAbsolutePath();

  /** Exit code and stderr of the launcher with {@code env} added. */
  private static String[] launch(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", "submit/local.sh"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile());
    pb.environment().remove("SPARK_HOME");
    pb.environment().putAll(env);
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher did not return");
    return new String[] {Integer.toString(p.exitValue()), err};
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"bogus", "bogus://x", "local[0]", "local[abc]", "spark://", "yarn-client"})
  void aMasterUrlSparkWouldNotTakeIsOneLineNamingMaster(String master) throws Exception {
    for (String[] args :
        List.of(
            new String[] {"train", "--master", master, "--iters", "1"},
            new String[] {"train", "--master=" + master})) {
      String[] r = launch(Map.of(), args);
      assertEquals("2", r[0], r[1]);
      assertEquals(1, r[1].strip().lines().count(), r[1]);
      assertTrue(
          r[1].startsWith("sparksvm: error: --master '" + master + "' is not a Spark master URL"),
          r[1]);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"300m", "10m", "garbage", "0", "1.5g", "449m"})
  void aDriverHeapTheJvmOrSparkWouldRefuseIsOneLineNamingTheVariable(String memory)
      throws Exception {
    String[] r = launch(Map.of("SPARKSVM_DRIVER_MEMORY", memory), "train", "--iters", "1");
    assertEquals("2", r[0], r[1]);
    assertEquals(1, r[1].strip().lines().count(), r[1]);
    assertTrue(r[1].startsWith("sparksvm: error: SPARKSVM_DRIVER_MEMORY"), r[1]);
    assertTrue(r[1].contains("450m"), "says the smallest value that works: " + r[1]);
  }

  /**
   * What {@code submit/heap.sh}'s {@code sparksvm_pick_driver_memory} leaves in the launcher's
   * shell, with {@code env} and the given memory files: {@code HEAP|NOTE}.
   */
  private static String picked(Map<String, String> env, String... files)
      throws IOException, InterruptedException {
    String script =
        "source submit/heap.sh; sparksvm_pick_driver_memory "
            + String.join(" ", files)
            + "; echo \"${SPARKSVM_DRIVER_MEMORY:-}|${SPARKSVM_DRIVER_MEMORY_NOTE:-}\"";
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).directory(ROOT.toFile());
    pb.environment().remove("SPARK_HOME");
    pb.environment().remove("SPARKSVM_DRIVER_MEMORY");
    pb.environment().putAll(env);
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the script did not return");
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  private static Path meminfo(Path dir, long kib) throws IOException {
    return Files.writeString(
        dir.resolve("meminfo-" + kib),
        "MemTotal:       " + kib + " kB\nMemFree:        1000 kB\nMemAvailable:   2000 kB\n");
  }

  @Test
  void withoutTheVariableTheDriverTakesHalfOfThePhysicalMemoryAndSaysSo(@TempDir Path dir)
      throws Exception {
    // 24 GiB = 25,165,824 kB: 24,576 MiB, half of it 12,288 MiB.
    Path none = dir.resolve("no-cgroup-limit");
    String r = picked(Map.of(), meminfo(dir, 25_165_824).toString(), none.toString());
    assertEquals(
        "12288m|sparksvm: driver heap 12288m, 50% of this machine's 24576 MiB "
            + "(SPARKSVM_DRIVER_MEMORY sets it)",
        r);
    // A container's lower limit (cgroup v2 memory.max, bytes) counts instead: 8 GiB -> 4096m.
    Path limit = Files.writeString(dir.resolve("memory.max"), (8L << 30) + "\n");
    assertTrue(
        picked(Map.of(), meminfo(dir, 25_165_824).toString(), limit.toString())
            .startsWith("4096m|"));
    // "max" (no limit) leaves the physical memory.
    Path max = Files.writeString(dir.resolve("memory.max.none"), "max\n");
    assertTrue(
        picked(Map.of(), meminfo(dir, 2_097_152).toString(), max.toString()).startsWith("1024m|"));
    // Never under Spark's floor of 450m (a 600 MiB machine would give 300m).
    assertTrue(
        picked(Map.of(), meminfo(dir, 614_400).toString(), none.toString()).startsWith("450m|"));
    // Unreadable: the old default, said as such.
    String unknown = picked(Map.of(), dir.resolve("missing").toString(), none.toString());
    assertTrue(
        unknown.startsWith("6g|sparksvm: driver heap 6g (this machine's memory could not"),
        unknown);
  }

  @Test
  void anExplicitHeapOrASparkHomeIsLeftAlone(@TempDir Path dir) throws Exception {
    String file = meminfo(dir, 25_165_824).toString();
    assertEquals("3g|", picked(Map.of("SPARKSVM_DRIVER_MEMORY", "3g"), file));
    assertEquals("|", picked(Map.of("SPARK_HOME", dir.toString()), file));
  }

  @Test
  void thePickedHeapIsNotSaidWhenTheLauncherStopsEarlier() throws Exception {
    // A bad --master stops the launcher before the heap matters: one line, the master's.
    String[] r = launch(Map.of(), "train", "--master", "bogus");
    assertEquals("2", r[0], r[1]);
    assertEquals(1, r[1].strip().lines().count(), r[1]);
  }

  /** What common.sh gives spark-submit for {@code master}: its lines, and stderr after "--". */
  private static List<String> securityArgs(String master, String noAuth)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(
                "bash",
                "-c",
                "source submit/common.sh && sparksvm_security_args \"$0\" \"$1\" 2>&1"
                    + " && echo -- && printf '%s\\n' \"${SPARKSVM_SECURITY_ARGS[@]}\"",
                master,
                noAuth)
            .directory(ROOT.toFile())
            .redirectErrorStream(true);
    pb.environment().put("SPARKSVM_SECRET_FILE", "/cluster/secret");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    return out.lines().filter(l -> !l.isEmpty()).toList();
  }

  /**
   * Authentication and AES-GCM RPC encryption for every cluster master, the secret's file (never
   * the secret) for a standalone one, nothing for local masters, and --no-auth with a warning.
   */
  @org.junit.jupiter.api.Test
  void clusterRunsAreAuthenticatedAndEncryptedUnlessNoAuth() throws Exception {
    List<String> crypto =
        List.of(
            "--conf",
            "spark.authenticate=true",
            "--conf",
            "spark.network.crypto.enabled=true",
            "--conf",
            "spark.network.crypto.cipher=AES/GCM/NoPadding",
            "--conf",
            "spark.network.crypto.authEngineVersion=2",
            "--conf",
            "spark.network.crypto.saslFallback=false",
            "--conf",
            "spark.io.encryption.enabled=true",
            "--conf",
            "spark.acls.enable=true",
            "--conf");
    List<String> standalone = securityArgs("spark://10.0.0.5:7077", "0");
    assertEquals("--", standalone.get(0), "no warning: " + standalone);
    assertEquals(crypto, standalone.subList(1, crypto.size() + 1));
    assertTrue(
        standalone.get(crypto.size() + 1).startsWith("spark.ui.view.acls="), standalone.toString());
    assertEquals(
        List.of("--conf", "spark.sparksvm.authenticate.secretFile=/cluster/secret"),
        standalone.subList(crypto.size() + 2, standalone.size()));
    List<String> yarn = securityArgs("yarn", "0");
    assertEquals(crypto, yarn.subList(1, crypto.size() + 1));
    assertEquals(crypto.size() + 2, yarn.size(), "no secret file on YARN: " + yarn);
    assertEquals(List.of("--"), securityArgs("local[2]", "0"));
    List<String> off = securityArgs("spark://10.0.0.5:7077", "1");
    assertTrue(off.get(0).startsWith("sparksvm: warning: --no-auth: "), off.toString());
    assertEquals(List.of("--", "--conf", "spark.authenticate=false"), off.subList(1, off.size()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"mkl", "openblas", "javaa"})
  void aBlasChoiceThatIsNoneOfTheThreeIsOneLineNamingTheVariable(String blas) throws Exception {
    String[] r = launch(Map.of("SPARKSVM_BLAS", blas), "train", "--iters", "1");
    assertEquals("2", r[0], r[1]);
    assertEquals(1, r[1].strip().lines().count(), r[1]);
    assertTrue(
        r[1].startsWith(
            "sparksvm: error: SPARKSVM_BLAS="
                + blas
                + " is not a BLAS choice (one of: java, native,"),
        r[1]);
  }

  /** What submit/jvm.sh's {@code sparksvm_jit_flags COMMAND CORES} gives, with {@code env}. */
  private static String jitFlags(Map<String, String> env, String command, int cores)
      throws IOException, InterruptedException {
    return flags(env, "sparksvm_jit_flags \"$0\" \"$1\"", "SPARKSVM_JIT_FLAGS", command, cores);
  }

  /**
   * What submit/jvm.sh's {@code sparksvm_gc_flags COMMAND MASTER CORES} gives, with {@code env}.
   */
  private static String gcFlags(Map<String, String> env, String command, String master, int cores)
      throws IOException, InterruptedException {
    return flags(
        env, "sparksvm_gc_flags \"$0\" \"$1\" \"$2\"", "SPARKSVM_GC_FLAGS", command, master, cores);
  }

  /** Runs {@code call} (a function of submit/jvm.sh) with {@code args}: exit code|the array. */
  private static String flags(Map<String, String> env, String call, String array, Object... args)
      throws IOException, InterruptedException {
    String script = "source submit/jvm.sh && " + call + " && echo \"${" + array + "[*]}\"";
    List<String> command = new ArrayList<>(List.of("bash", "-c", script));
    for (Object a : args) {
      command.add(String.valueOf(a));
    }
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
    pb.environment().remove("SPARKSVM_JIT");
    pb.environment().remove("SPARKSVM_GC");
    pb.environment().remove("SPARKSVM_BLAS");
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    pb.environment().remove("JDK_JAVA_OPTIONS");
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    return p.exitValue() + "|" + out;
  }

  /**
   * C1 only where OpenBLAS does the arithmetic and nothing is timed against a Java BLAS; both
   * compilers for the benchmarks, a Java BLAS, or when asked. One compiler thread on two cores or
   * fewer, the JVM's own count on more.
   */
  @Test
  void theJitStopsAtC1OnlyForOurOwnCommandsOnOpenBlas() throws Exception {
    boolean bundled =
        System.getProperty("os.name").equals("Linux")
            && List.of("amd64", "x86_64").contains(System.getProperty("os.arch"));
    String c1 = "0|-XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=0.02";
    String oneThread = c1 + " -XX:CICompilerCount=1";
    for (String command : List.of("train", "tune", "evaluate", "search")) {
      assertEquals(bundled ? c1 : "0|", jitFlags(Map.of(), command, 8), command);
      assertEquals(bundled ? oneThread : "0|", jitFlags(Map.of(), command, 2), command);
    }
    for (String command : List.of("bench", "ml-bench", "scale")) {
      assertEquals("0|", jitFlags(Map.of(), command, 2), command);
    }
    assertEquals("0|", jitFlags(Map.of("SPARKSVM_BLAS", "java"), "train", 2));
    assertEquals("0|", jitFlags(Map.of("SPARKSVM_JIT", "full"), "train", 2));
    assertEquals(c1, jitFlags(Map.of("SPARKSVM_JIT", "c1"), "bench", 4));
    assertEquals(oneThread, jitFlags(Map.of("SPARKSVM_JIT", "c1"), "bench", 1));
  }

  /**
   * The serial collector for train on a local master of at most two cores; the JVM's choice for
   * tune, the other commands, a cluster's driver and more cores, unless SPARKSVM_GC says.
   */
  @Test
  void theSerialCollectorRunsLocalTrainingOnTwoCores() throws Exception {
    String serial = "0|-XX:+UseSerialGC";
    assertEquals(serial, gcFlags(Map.of(), "train", "local[*]", 2));
    assertEquals(serial, gcFlags(Map.of(), "train", "local[2]", 1));
    assertEquals("0|", gcFlags(Map.of(), "train", "local[*]", 4));
    assertEquals("0|", gcFlags(Map.of(), "train", "spark://127.0.0.1:7077", 2));
    assertEquals("0|", gcFlags(Map.of(), "train", "yarn", 2));
    for (String command : List.of("tune", "evaluate", "bench", "ml-bench", "scale")) {
      assertEquals("0|", gcFlags(Map.of(), command, "local[*]", 2), command);
    }
    // A collector chosen for every JVM stays the only one (two would stop the JVM).
    assertEquals(
        "0|", gcFlags(Map.of("JAVA_TOOL_OPTIONS", "-Xss2m -XX:+UseG1GC"), "train", "local[*]", 2));
    assertEquals(
        "0|", gcFlags(Map.of("JDK_JAVA_OPTIONS", "-XX:+UseParallelGC"), "train", "local[*]", 2));
    assertEquals(
        serial,
        gcFlags(Map.of("JAVA_TOOL_OPTIONS", "-XX:+UseGCOverheadLimit"), "train", "local[*]", 2));
    assertEquals("0|-XX:+UseG1GC", gcFlags(Map.of("SPARKSVM_GC", "g1"), "train", "local[*]", 2));
    assertEquals(serial, gcFlags(Map.of("SPARKSVM_GC", "serial"), "tune", "yarn", 16));
  }

  @Test
  void aJitChoiceThatIsNotOneIsOneLineNamingTheVariable() throws Exception {
    String[] r = launch(Map.of("SPARKSVM_JIT", "c2"), "train", "--iters", "1");
    assertEquals("2", r[0], r[1]);
    assertEquals(1, r[1].strip().lines().count(), r[1]);
    assertTrue(r[1].startsWith("sparksvm: error: SPARKSVM_JIT=c2 is not a JIT choice"), r[1]);
    String[] cds = launch(Map.of("SPARKSVM_CDS", "maybe"), "train", "--iters", "1");
    assertEquals("2", cds[0], cds[1]);
    assertTrue(cds[1].strip().endsWith("is not a choice (one of: auto, off)"), cds[1]);
    String[] gc = launch(Map.of("SPARKSVM_GC", "zgc"), "train", "--iters", "1");
    assertEquals("2", gc[0], gc[1]);
    assertEquals(1, gc[1].strip().lines().count(), gc[1]);
    assertTrue(
        gc[1].startsWith(
            "sparksvm: error: SPARKSVM_GC=zgc is not a garbage collector choice (one of: auto,"),
        gc[1]);
  }
}
