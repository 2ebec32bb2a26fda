package dev.sparksvm.measure;

import dev.sparksvm.input.ImageFiles;
import dev.sparksvm.options.ScaleOptions;
import dev.sparksvm.scaling.DataPoint;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training-set size in one partition count of the data-size sweep: what every point of it
 * shares.
 *
 * @param environment where it runs ({@code local}, {@code standalone}, ...)
 * @param images N, the training-set size
 * @param partitions the partitions the set is cached in
 * @param slots the application's task slots
 * @param files the first N images' files
 */
record SweepSetting(String environment, long images, int partitions, int slots, ImageFiles files) {
  private static final Logger LOG = LoggerFactory.getLogger(SweepSetting.class);

  /** The batches of {@code o} that fit N images (the others are skipped, with a warning). */
  List<Integer> batches(ScaleOptions o) {
    List<Integer> batches = o.timing().batches();
    List<Integer> fit = batches.stream().filter(b -> b <= images).toList();
    if (fit.size() < batches.size()) {
      LOG.warn(
          "N={}: skipping batches larger than the data: {}",
          images,
          batches.stream().filter(b -> b > images).toList());
    }
    return fit;
  }

  /** A point of this setting; {@code t} null: not measured ({@code note} says why). */
  DataPoint point(
      String system,
      String path,
      int batch,
      IterationTimer.Timings t,
      double loadSeconds,
      long dataBytes,
      long cachedBytes,
      String note) {
    double[] phases = new double[5];
    for (int i = 0; i < phases.length; i++) {
      phases[i] = t == null || system.equals("mllib") ? Double.NaN : t.median(i);
    }
    return new DataPoint(
        environment,
        system,
        images,
        partitions,
        slots,
        files.layout().recordBytes(),
        files.schema().features(),
        files.schema().classes(),
        loadSeconds,
        dataBytes,
        cachedBytes,
        path,
        batch,
        t == null ? 0 : t.total().length,
        t == null ? Double.NaN : t.median(),
        t == null ? Double.NaN : t.quantile(0.25),
        t == null ? Double.NaN : t.quantile(0.75),
        phases,
        note);
  }
}
