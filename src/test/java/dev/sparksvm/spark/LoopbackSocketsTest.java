package dev.sparksvm.spark;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The /proc reader that the cluster and HDFS tests rely on finds a wildcard listener, and only it.
 */
class LoopbackSocketsTest {
  @Test
  void reportsAWildcardListenerButNotALoopbackOne() throws Exception {
    Assumptions.assumeTrue(LoopbackSockets.available(), "no /proc/net/tcp on this system");
    long self = ProcessHandle.current().pid();
    try (ServerSocket loopback = new ServerSocket()) {
      loopback.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      String port = String.format("%04X", loopback.getLocalPort());
      assertFalse(
          LoopbackSockets.nonLoopbackListeners(List.of(self)).stream()
              .anyMatch(s -> s.endsWith(":" + port)),
          "a 127.0.0.1 listener is fine");
      try (ServerSocket wildcard = new ServerSocket(0)) {
        String wild = String.format("%04X", wildcard.getLocalPort());
        assertTrue(
            LoopbackSockets.nonLoopbackListeners(List.of(self)).stream()
                .anyMatch(s -> s.endsWith(":" + wild)),
            "a 0.0.0.0 listener is reported");
      }
    }
  }

  @Test
  void decodesProcAddresses() {
    assertTrue(LoopbackSockets.isLoopback("0100007F:1F90"));
    assertFalse(LoopbackSockets.isLoopback("00000000:1F90"));
    assertTrue(LoopbackSockets.isLoopback("0000000000000000FFFF00000100007F:1F90"));
    assertTrue(LoopbackSockets.isLoopback("00000000000000000000000001000000:1F90"));
    assertFalse(LoopbackSockets.isLoopback("00000000000000000000000000000000:1F90"));
  }
}
