package dev.sparksvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.spark.CifarFixtures;
import dev.sparksvm.spark.LoopbackSockets;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark UI of a local run is not reachable from the network: started as the launcher starts it
 * (SPARK_LOCAL_IP=127.0.0.1) it listens on 127.0.0.1 and its port refuses connections on every
 * other address of this machine; started without SPARK_LOCAL_IP (where Spark 4.2 would bind it to
 * 0.0.0.0) it is off, and says so. Skipped, saying why, on a machine with no address but loopback.
 */
@Tag("process")
class LocalUiTest {
  private static List<InetAddress> others;
  @TempDir Path tmp;

  @BeforeAll
  static void nonLoopbackAddresses() throws IOException {
    others = new ArrayList<>();
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (nic.isUp()) {
        for (InetAddress a : Collections.list(nic.getInetAddresses())) {
          if (!a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
            others.add(a);
          }
        }
      }
    }
    if (others.isEmpty()) {
      System.out.println("LocalUiTest: skipped: this machine has no address but loopback");
    }
    Assumptions.assumeFalse(others.isEmpty(), "no address but loopback to try the UI's port on");
    System.out.println("LocalUiTest: the UI's port is tried on " + others);
  }

  @Test
  void asTheLauncherStartsItTheUiListensOnLoopbackOnly() throws Exception {
    int port = freePort();
    Process p = train(port, Map.of("SPARK_LOCAL_IP", "127.0.0.1"));
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      while (!accepts(InetAddress.getLoopbackAddress(), port)) {
        assertTrue(p.isAlive(), "train ended: " + Files.readString(tmp.resolve("err.txt")));
        assertTrue(System.nanoTime() < deadline, "no UI on 127.0.0.1:" + port + " in 180 s");
        Thread.sleep(200);
      }
      for (InetAddress a : others) {
        assertThrows(ConnectException.class, () -> connect(a, port), a + ":" + port);
      }
      assertEquals(List.of(), LoopbackSockets.nonLoopbackListeners(List.of(p.pid())));
    } finally {
      p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void withoutSparkLocalIpTheUiIsOffAndSaysWhy() throws Exception {
    int port = freePort();
    Map<String, String> env = new HashMap<>();
    env.put("SPARK_LOCAL_IP", null);
    Process p = train(port, env);
    try {
      Path log = tmp.resolve("out.txt");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      while (!Files.readString(log).contains("iter 20/")) {
        assertTrue(p.isAlive(), "train ended: " + Files.readString(tmp.resolve("err.txt")));
        assertTrue(System.nanoTime() < deadline, "no 20 steps in 180 s: " + Files.readString(log));
        Thread.sleep(200);
      }
      assertTrue(
          Files.readString(log)
              .contains(
                  "Spark UI off: Spark would bind it to every address of this machine, as"
                      + " SPARK_LOCAL_IP is not set;"),
          Files.readString(log));
      for (InetAddress a : others) {
        assertThrows(ConnectException.class, () -> connect(a, port), a + ":" + port);
      }
      assertEquals(
          List.of(),
          LoopbackSockets.nonLoopbackListeners(List.of(p.pid())),
          "the driver's RPC and block manager stay on 127.0.0.1 (spark.driver.bindAddress)");
    } finally {
      p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** A train run that goes on until stopped, with its UI (if any) on {@code port}. */
  private Process train(int port, Map<String, String> env) throws Exception {
    Path data = CifarFixtures.batches(tmp.resolve("data"), 20);
    return MainProcess.start(
        tmp.resolve("out.txt"),
        tmp.resolve("err.txt"),
        List.of("-Dspark.ui.port=" + port),
        env,
        null,
        "train",
        "--master",
        "local[2]",
        "--data",
        data.toString(),
        "--val",
        "20",
        "--batch",
        "16",
        "--iters",
        "1000000",
        "--eval-every",
        "0",
        "--print-every",
        "10",
        "--checkpoint-every",
        "0",
        "--out",
        tmp.resolve("run").toString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static boolean accepts(InetAddress address, int port) {
    try {
      connect(address, port);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void connect(InetAddress address, int port) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(address, port), 3000);
    }
  }
}
