package dev.sparksvm.measure;

import dev.sparksvm.baseline.MllibBaseline;
import dev.sparksvm.options.ScaleOptions;
import dev.sparksvm.scaling.DataPoint;
import dev.sparksvm.session.Session;
import dev.sparksvm.spark.ImageData;
import dev.sparksvm.spark.StorageMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MLlib's step ({@code runMiniBatchSGD}) in the data-size sweep, on the same cached data as ours,
 * when its examples (D doubles each) fit in the storage memory that is free.
 */
final class MllibPoints {
  private static final Logger LOG = LoggerFactory.getLogger(MllibPoints.class);

  /** MLlib's bytes per cached example beyond its D doubles, to decide before building them. */
  private static final double MLLIB_OVERHEAD_BYTES = 96;

  private MllibPoints() {}

  /** MLlib's step at every batch of {@code s}, or points that say why it was not measured. */
  static List<DataPoint> measure(
      Session<?> session, SweepSetting s, ImageData train, double[] mean, ScaleOptions o) {
    List<DataPoint> out = new ArrayList<>();
    int features = train.schema().features();
    double needed = s.images() * (8.0 * features + MLLIB_OVERHEAD_BYTES);
    double free = StorageMemory.freeBytes(session.sc());
    String note = "";
    if (needed > 0.9 * free) {
      note =
          String.format(
              Locale.ROOT,
              "skipped: its examples need about %.1f GB of storage "
                  + "memory (8 bytes per feature per image) and %.1f GB are free",
              needed / 1e9,
              free / 1e9);
    } else {
      long start = System.nanoTime();
      session.describe("MLlib: build and cache (label, DenseVector) examples");
      try (MllibBaseline mllib =
          new MllibBaseline(session.sc(), train, mean, train.schema().classes())) {
        double build = (System.nanoTime() - start) / 1e9;
        for (int batch : s.batches(o)) {
          String failed = "";
          IterationTimer.Timings t = null;
          try {
            double[] ms =
                mllib.stepMillis(
                    batch, o.timing().warmup(), o.timing().iterations(), o.data().seed());
            t = new IterationTimer.Timings(ms, new double[5][ms.length]);
          } catch (IllegalStateException e) {
            failed = oneLine(e.getMessage());
          }
          DataPoint p = s.point("mllib", "", batch, t, build, 0, mllib.cachedBytes(), failed);
          LOG.info(
              String.format(
                  Locale.ROOT,
                  "MLlib N=%-9d P=%-4d B=%-6d %8.2f ms/step, cached" + " %.1f bytes per image %s",
                  s.images(),
                  s.partitions(),
                  batch,
                  p.medianMs(),
                  p.cachedBytesPerImage(),
                  failed));
          out.add(p);
        }
        return out;
      } catch (IllegalStateException e) {
        note = "did not fit: " + oneLine(e.getMessage());
      }
    }
    LOG.warn("MLlib N={} P={}: {}", s.images(), s.partitions(), note);
    for (int batch : s.batches(o)) {
      out.add(s.point("mllib", "", batch, null, Double.NaN, 0, 0, note));
    }
    return out;
  }

  private static String oneLine(String message) {
    String m = String.valueOf(message).lines().findFirst().orElse("");
    return m.replace(',', ';');
  }
}
