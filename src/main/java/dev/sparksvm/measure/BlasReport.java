package dev.sparksvm.measure;

import dev.sparksvm.baseline.BlasSpeed;
import dev.sparksvm.core.LinearBatch;
import dev.sparksvm.data.ImageSchema;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bench}'s account of the BLAS: which one runs, how fast, and whether it is a bad choice.
 */
final class BlasReport {
  private static final Logger LOG = LoggerFactory.getLogger(BlasReport.class);

  private BlasReport() {}

  /**
   * The BLAS in use and netlib's Java BLAS at the step's GEMM shape; warns when native is slower.
   */
  static Map<String, Object> measure(ImageSchema schema, int rows) {
    BlasSpeed active = speed(dev.ludovic.netlib.blas.BLAS.getInstance(), schema, rows);
    System.out.println("BLAS in use: " + active.describe());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("in_use", active.name());
    m.put("gflops", active.gflops());
    if (active.name().contains("JNI") || active.name().contains("Native")) {
      BlasSpeed java = speed(dev.ludovic.netlib.blas.JavaBLAS.getInstance(), schema, rows);
      System.out.println("netlib's Java BLAS: " + java.describe());
      m.put("java_gflops", java.gflops());
      if (java.gflops() > active.gflops()) {
        LOG.warn(
            "the native BLAS netlib picked ({}) is slower than its Java BLAS ({} against {}"
                + " GFLOP/s): it is probably Debian's reference libblas3. Install OpenBLAS (apt-get"
                + " install libopenblas0; run with OPENBLAS_NUM_THREADS=1), or run the driver and"
                + " executors with -Dsparksvm.blas=java",
            active.name(),
            String.format(Locale.ROOT, "%.1f", active.gflops()),
            String.format(Locale.ROOT, "%.1f", java.gflops()));
      }
    }
    System.out.printf("(current BLAS of the training path: %s)%n", LinearBatch.blasName());
    return m;
  }

  /** {@code blas}'s GFLOP/s at the step's scores GEMM: {@code rows} x D by D x C, for 0.5 s. */
  private static BlasSpeed speed(dev.ludovic.netlib.blas.BLAS blas, ImageSchema schema, int rows) {
    return BlasSpeed.measure(blas, Math.max(1, rows), schema.features(), schema.classes(), 0.5);
  }
}
