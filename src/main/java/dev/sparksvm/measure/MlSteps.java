package dev.sparksvm.measure;

import dev.sparksvm.core.Precision;
import dev.sparksvm.spark.FrameBlocks;
import dev.sparksvm.spark.ImageData;
import dev.sparksvm.spark.ImageFrames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The third comparison of {@code ml-bench}: a training step of the DataFrame path (standardized
 * float or double rows, as {@code LinearClassifier} caches them) against a step of the uint8 image
 * path (as {@code train} caches images), same images, same partitions, same batch, same precision:
 * both through {@link IterationTimer}, so the same objective and the same job.
 */
final class MlSteps {
  /** The compute phase's index in {@link IterationTimer.Timings#phases()}. */
  private static final int COMPUTE = 1;

  private MlSteps() {}

  /** The run of the two with the lower median step. */
  private static IterationTimer.Timings faster(IterationTimer.Timings[] runs) {
    return runs[0].median() <= runs[1].median() ? runs[0] : runs[1];
  }

  static List<Map<String, Object>> run(
      JavaSparkContext sc,
      ImageData images,
      ImageFrames frames,
      List<Integer> batches,
      int warmup,
      int timed,
      long seed) {
    int partitions = images.partitionSizes().length;
    int classes = images.classes();
    double[] mean = images.pixelMean();
    List<Map<String, Object>> out = new ArrayList<>();
    // A fresh JVM's cost per job keeps falling for a while: warm up once, untimed (as bench does).
    IterationTimer.time(
        sc, images, mean, classes, 1, batches.get(0), seed, 0, warmup + timed, 1, Precision.DOUBLE);
    for (Precision p : Precision.values()) {
      FrameBlocks blocks = frames.cache(partitions, p);
      try {
        for (int asked : batches) {
          int batch = (int) Math.min(asked, images.count()); // a small slice: all of it
          // Image, DataFrame, DataFrame, image (A B B A), each side the faster of its two runs
          // (by median step): a full-JIT JVM keeps getting faster for tens of seconds after the
          // warm-up (its second compiler), which charged whichever side ran first (the image
          // path's first double step at batch 256: 23.2 ms, 4.3 ms in its second run), and a
          // stall of this machine's can take a whole run (the DataFrame path's float step at
          // batch 256: 3.5 ms, then 21.1).
          IterationTimer.Timings[] imageRuns = new IterationTimer.Timings[2];
          IterationTimer.Timings[] frameRuns = new IterationTimer.Timings[2];
          for (int round = 0; round < 4; round++) {
            boolean imageSide = round == 0 || round == 3;
            IterationTimer.Timings t =
                imageSide
                    ? IterationTimer.time(
                        sc, images, mean, classes, 1, batch, seed, 0, warmup, timed, p)
                    : IterationTimer.time(
                        sc,
                        blocks.train(),
                        blocks.preprocessing(true),
                        classes,
                        1,
                        batch,
                        seed,
                        0,
                        warmup,
                        timed,
                        p);
            (imageSide ? imageRuns : frameRuns)[round / 2] = t;
          }
          IterationTimer.Timings imageBest = faster(imageRuns);
          IterationTimer.Timings frameBest = faster(frameRuns);
          double image = imageBest.median();
          double dataFrame = frameBest.median();
          System.out.printf(
              Locale.ROOT,
              "step at batch %5d, %-6s: uint8 images %7.2f ms (%.2f, %.2f; compute %.2f),"
                  + " DataFrame rows %7.2f ms (%.2f, %.2f; compute %.2f) (%.2fx); cached %.1f vs"
                  + " %.1f bytes a row%n",
              batch,
              p.label(),
              image,
              imageRuns[0].median(),
              imageRuns[1].median(),
              imageBest.median(COMPUTE),
              dataFrame,
              frameRuns[0].median(),
              frameRuns[1].median(),
              frameBest.median(COMPUTE),
              dataFrame / image,
              images.cachedBytes() / (double) images.count(),
              blocks.bytesPerRow());
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("batch", batch);
          m.put("precision", p.label());
          m.put("image_ms", image);
          m.put("dataframe_ms", dataFrame);
          m.put("image_runs_ms", new double[] {imageRuns[0].median(), imageRuns[1].median()});
          m.put("dataframe_runs_ms", new double[] {frameRuns[0].median(), frameRuns[1].median()});
          m.put("image_compute_ms", imageBest.median(COMPUTE));
          m.put("dataframe_compute_ms", frameBest.median(COMPUTE));
          m.put("ratio", dataFrame / image);
          m.put("image_cached_bytes_per_row", images.cachedBytes() / (double) images.count());
          m.put("dataframe_cached_bytes_per_row", blocks.bytesPerRow());
          out.add(m);
        }
      } finally {
        blocks.unpersist();
      }
    }
    return out;
  }
}
