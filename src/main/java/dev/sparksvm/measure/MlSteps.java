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
  private MlSteps() {}

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
          double image =
              IterationTimer.time(sc, images, mean, classes, 1, batch, seed, 0, warmup, timed, p)
                  .median();
          double dataFrame =
              IterationTimer.time(
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
                      p)
                  .median();
          System.out.printf(
              Locale.ROOT,
              "step at batch %5d, %-6s: uint8 images %7.2f ms, DataFrame rows %7.2f ms (%.2fx);"
                  + " cached %.1f vs %.1f bytes a row%n",
              batch,
              p.label(),
              image,
              dataFrame,
              dataFrame / image,
              images.cachedBytes() / (double) images.count(),
              blocks.bytesPerRow());
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("batch", batch);
          m.put("precision", p.label());
          m.put("image_ms", image);
          m.put("dataframe_ms", dataFrame);
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
