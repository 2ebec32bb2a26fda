package dev.sparksvm.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a security reviewer checks on a cluster that {@code submit/cluster-up.sh} started: its
 * secret file, where the secret must not appear, and what its RPC ports do with garbage.
 */
final class SecurityProbes {
  private SecurityProbes() {}

  /** The secret cluster-up.sh wrote: 0600, 256 bits as 64 hex digits. */
  static String secret(Path dir) throws IOException {
    Path file = dir.resolve("secret");
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), "secret");
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("daemon.conf"))),
        "daemon.conf holds the secret too");
    String secret = Files.readString(file).strip();
    assertTrue(
        secret.matches("[0-9a-f]{64}"), "256 bits in hex, not " + secret.length() + " chars");
    return secret;
  }

  /**
   * The files under {@code roots} that hold {@code secret} (event logs read through their zstd
   * compression, Spark 4's default), leaving out the two files that are meant to hold it.
   */
  static List<Path> filesHolding(String secret, Path... roots) throws IOException {
    byte[] needle = secret.getBytes(StandardCharsets.US_ASCII);
    List<Path> found = new ArrayList<>();
    for (Path root : roots) {
      if (!Files.exists(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          String name = f.getFileName().toString();
          if (name.equals("secret") || name.equals("daemon.conf") || Files.isSymbolicLink(f)) {
            continue;
          }
          if (indexOf(read(f), needle) >= 0) {
            found.add(f);
          }
        }
      }
    }
    return found;
  }

  /** The event log's text: a directory of Spark 4's rolling, zstd-compressed event files. */
  static String eventLog(Path dir) throws IOException {
    StringBuilder text = new StringBuilder();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("events_")).toList()) {
        text.append(new String(read(f), StandardCharsets.UTF_8));
      }
    }
    return text.toString();
  }

  private static byte[] read(Path f) throws IOException {
    if (!f.getFileName().toString().endsWith(".zstd")) {
      return Files.readAllBytes(f);
    }
    try (InputStream in = new ZstdInputStream(Files.newInputStream(f))) {
      return in.readAllBytes();
    }
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** The port a cluster-up.sh daemon's log says its RPC server listens on. */
  static int rpcPort(Path log, String service) throws IOException {
    Matcher m =
        Pattern.compile("Successfully started service '" + service + "' on port (\\d+)")
            .matcher(Files.readString(log));
    assertTrue(m.find(), log + " names no port of " + service);
    return Integer.parseInt(m.group(1));
  }

  /**
   * Sends what a port scanner or an attacker would: random bytes, a frame that claims 2^63 bytes, a
   * frame of 16 bytes with a random message type, and a connection closed half-way. Each connection
   * is closed by us or by the server; nothing is expected back.
   */
  static void garbage(int port) throws IOException {
    Random random = new Random(19);
    byte[] noise = new byte[64 << 10];
    random.nextBytes(noise);
    byte[] huge = {0x7f, -1, -1, -1, -1, -1, -1, -1, 1, 2, 3};
    byte[] small = new byte[16];
    small[7] = 16;
    small[8] = (byte) random.nextInt();
    for (byte[] payload : List.of(noise, huge, small, new byte[] {0, 0, 0})) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        s.setSoTimeout(2000);
        OutputStream out = s.getOutputStream();
        out.write(payload);
        out.flush();
        s.getInputStream().read(new byte[64]);
      } catch (SocketException e) {
        // reset by the server, which drops a connection it cannot decode: as it should
      } catch (java.net.SocketTimeoutException e) {
        // the server waits for the rest of a frame: we hang up
      }
    }
  }
}
