package dev.sparksvm.core;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * Which of HotSpot's compilers this JVM runs. The launchers may stop it at C1 ({@code
 * -XX:TieredStopAtLevel=1}, submit/jvm.sh) when the arithmetic runs on OpenBLAS; netlib's Java BLAS
 * needs C2 for the Vector API, so a fallback to it there deserves a warning.
 */
final class JitLevel {
  private JitLevel() {}

  /** The highest compilation tier this JVM uses (4 is C2), or 4 when it cannot be read. */
  static int stopLevel() {
    try {
      HotSpotDiagnosticMXBean hotspot =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      return hotspot == null
          ? 4
          : Integer.parseInt(hotspot.getVMOption("TieredStopAtLevel").getValue());
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      // Not HotSpot, or no such option: assume the usual compilers.
      return 4;
    }
  }

  /** True unless the JVM stops below C2. */
  static boolean hasC2() {
    return stopLevel() >= 4;
  }
}
