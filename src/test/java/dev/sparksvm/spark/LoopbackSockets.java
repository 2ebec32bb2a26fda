package dev.sparksvm.spark;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The listening TCP sockets of given processes that are bound to anything but the loopback address,
 * read from Linux's /proc (socket inodes of each process's descriptors, matched against
 * /proc/net/tcp and tcp6). Empty when every listener is on 127.0.0.1 (or ::1, or ::ffff:127.0.0.1).
 */
public final class LoopbackSockets {
  private LoopbackSockets() {}

  /** Whether this machine has /proc/net/tcp to read (Linux); the check is skipped elsewhere. */
  public static boolean available() {
    return Files.isReadable(Path.of("/proc/net/tcp"));
  }

  /** "pid: address:port" for each listener of {@code pids} not bound to loopback. */
  public static List<String> nonLoopbackListeners(Iterable<Long> pids) throws IOException {
    List<String> found = new ArrayList<>();
    for (long pid : pids) {
      Set<String> inodes = socketInodes(pid);
      if (inodes.isEmpty()) {
        continue;
      }
      for (String table : List.of("tcp", "tcp6")) {
        Path file = Path.of("/proc", Long.toString(pid), "net", table);
        if (!Files.isReadable(file)) {
          continue;
        }
        List<String> lines;
        try {
          lines = Files.readAllLines(file);
        } catch (IOException e) {
          continue; // the process ended
        }
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
          String[] f = line.trim().split("\\s+", -1);
          // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
          if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9]) && !isLoopback(f[1])) {
            found.add(pid + ": " + f[1]);
          }
        }
      }
    }
    return found;
  }

  private static Set<String> socketInodes(long pid) {
    Set<String> inodes = new HashSet<>();
    try (DirectoryStream<Path> fds =
        Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
      for (Path fd : fds) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException e) {
          // closed meanwhile
        }
      }
    } catch (IOException e) {
      // the process ended or is not ours to read
    }
    return inodes;
  }

  /** Hex "ADDRESS:PORT" of /proc/net/tcp(6), address in host byte order per 32-bit word. */
  static boolean isLoopback(String hexAddressAndPort) {
    String address = hexAddressAndPort.substring(0, hexAddressAndPort.indexOf(':'));
    if (address.length() == 8) {
      return address.endsWith("7F"); // 127.x.x.x, little-endian
    }
    // IPv6: ::1, or ::ffff:127.x.x.x (IPv4-mapped)
    return address.equals("00000000000000000000000001000000")
        || (address.startsWith("0000000000000000FFFF0000") && address.endsWith("7F"));
  }
}
