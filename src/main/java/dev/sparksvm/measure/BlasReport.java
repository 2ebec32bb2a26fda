package dev.sparksvm.measure;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.sparksvm.baseline.BlasSpeed;
import dev.sparksvm.core.BatchKernel;
import dev.sparksvm.core.LinearBatch;
import dev.sparksvm.data.ImageSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bench}'s account of the BLAS: which one runs, and how fast it and netlib's Java BLAS run
 * the step's GEMMs, side by side in the same JVM: one partition's share of each batch (a chunk of
 * at most {@value BatchKernel#CHUNK_ROWS} rows, the double path's), and the stack of {@code
 * --models} padded models.
 */
final class BlasReport {
  private static final Logger LOG = LoggerFactory.getLogger(BlasReport.class);

  /** Rows of a model in the stacked GEMMs (C = 10 padded to 12). */
  private static final int PADDED_ROWS = 12;

  private BlasReport() {}

  /** Measures and prints; warns when the native BLAS in use is slower than the Java one. */
  static Map<String, Object> measure(
      ImageSchema schema, List<Integer> batches, int partitions, int models) {
    // LinearBatch first: it chooses, and points netlib at OpenBLAS, before anything else asks.
    String inUse = LinearBatch.blasName();
    BLAS active = LinearBatch.blasInstance();
    BLAS java = JavaBLAS.getInstance();
    boolean both = active != java;
    List<int[]> shapes = new ArrayList<>();
    for (int batch : batches) {
      shapes.add(new int[] {Math.min(BatchKernel.CHUNK_ROWS, Math.max(1, batch / partitions)), 1});
    }
    if (models > 1) {
      shapes.add(new int[] {shapes.get(0)[0], models});
    }
    System.out.println("BLAS in use: " + inUse);
    System.out.printf(
        Locale.ROOT,
        "GFLOP/s, scores GEMM / gradient GEMM: %-22s %-28s%s%n",
        "rows x D x classes",
        java.getClass().getSimpleName(),
        both ? inUse : "");
    List<Map<String, Object>> rows = new ArrayList<>();
    BlasSpeed first = null;
    BlasSpeed firstJava = null;
    for (int[] shape : shapes) {
      int classes = shape[1] == 1 ? schema.classes() : shape[1] * PADDED_ROWS;
      BlasSpeed j = BlasSpeed.measure(java, shape[0], schema.features(), classes, 0.3);
      BlasSpeed a = both ? BlasSpeed.measure(active, shape[0], schema.features(), classes, 0.3) : j;
      String label = shape[0] + " x " + schema.features() + " x " + classes;
      System.out.printf(
          Locale.ROOT,
          "  %-22s %-28s %s%n",
          label + (shape[1] > 1 ? " (" + shape[1] + " models)" : ""),
          pair(j),
          both ? pair(a) + String.format(Locale.ROOT, "  (x%.2f)", a.gflops() / j.gflops()) : "");
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("shape", label);
      row.put("java_scores_gflops", j.scoresGflops());
      row.put("java_gradient_gflops", j.gradientGflops());
      row.put("in_use_scores_gflops", a.scoresGflops());
      row.put("in_use_gradient_gflops", a.gradientGflops());
      rows.add(row);
      first = first == null ? a : first;
      firstJava = firstJava == null ? j : firstJava;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("in_use", inUse);
    m.put("gflops", first.gflops());
    m.put("java_gflops", firstJava.gflops());
    m.put("shapes", rows);
    if (both && firstJava.gflops() > first.gflops()) {
      LOG.warn(
          "the native BLAS ({}) is slower than netlib's Java BLAS here ({} against {} GFLOP/s):"
              + " run the driver and executors with -Dsparksvm.blas=java (or SPARKSVM_BLAS=java)",
          inUse,
          String.format(Locale.ROOT, "%.1f", first.gflops()),
          String.format(Locale.ROOT, "%.1f", firstJava.gflops()));
    }
    return m;
  }

  private static String pair(BlasSpeed s) {
    return String.format(Locale.ROOT, "%.1f / %.1f", s.scoresGflops(), s.gradientGflops());
  }
}
