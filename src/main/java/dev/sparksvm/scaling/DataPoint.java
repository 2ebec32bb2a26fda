package dev.sparksvm.scaling;

import java.util.List;

/**
 * One measured point of a data-size sweep ({@code scale --images}): how a training set of N images
 * in P partitions loaded, what it takes in memory, and the median step at one batch size, for our
 * trainer (on one aggregation path) or for MLlib on the same cached data.
 *
 * @param environment where it ran: {@code local} or the cluster manager
 * @param system {@code ours} or {@code mllib}
 * @param images N, training images
 * @param partitions P, cached blocks (ours) or partitions of the examples (MLlib: the same)
 * @param slots task slots of the application (cores)
 * @param recordBytes bytes of one record in the files
 * @param features D
 * @param classes C
 * @param loadSeconds ours: reading the files, caching the blocks and their pixel sums; MLlib:
 *     building its {@code (label, DenseVector)} examples from our cached blocks and caching them
 * @param dataBytes bytes read from the files (0 for MLlib, which reads none)
 * @param cachedBytes bytes Spark's block manager holds for the cached set
 * @param path ours: {@code direct} (the driver merges P results in partition order) or {@code tree}
 *     ({@code treeAggregate}); empty for MLlib
 * @param batch global mini-batch
 * @param iterations timed steps behind the medians (0 when not measured)
 * @param medianMs median step: broadcast, the distributed loss and gradient, the update (NaN: not
 *     measured, see {@code note})
 * @param q1Ms first quartile
 * @param q3Ms third quartile
 * @param phasesMs ours: the median step's broadcast, compute, aggregation, driver and scheduling
 *     (as in {@link ScalingPoint}); MLlib: NaN
 * @param note why a point was not measured (no commas), or empty
 */
public record DataPoint(
    String environment,
    String system,
    long images,
    int partitions,
    int slots,
    int recordBytes,
    int features,
    int classes,
    double loadSeconds,
    long dataBytes,
    long cachedBytes,
    String path,
    int batch,
    int iterations,
    double medianMs,
    double q1Ms,
    double q3Ms,
    double[] phasesMs,
    String note) {

  /** Columns of {@link #toCsv}. */
  public static final List<String> COLUMNS =
      List.of(
          "environment",
          "system",
          "images",
          "partitions",
          "slots",
          "record_bytes",
          "features",
          "classes",
          "load_seconds",
          "data_bytes",
          "load_mb_per_second",
          "cached_bytes",
          "cached_bytes_per_image",
          "path",
          "batch",
          "iterations",
          "median_ms",
          "q1_ms",
          "q3_ms",
          "broadcast_ms",
          "compute_ms",
          "aggregation_ms",
          "driver_ms",
          "scheduling_ms",
          "examples_per_second",
          "note");

  public DataPoint {
    if (!system.equals("ours") && !system.equals("mllib")) {
      throw new IllegalArgumentException("system must be ours or mllib, got " + system);
    }
    if (images < 1 || partitions < 1 || slots < 1 || batch < 1 || phasesMs.length != 5) {
      throw new IllegalArgumentException(
          "images, partitions, slots and batch must be >= 1 and there" + " are five phases");
    }
    if (note.contains(",") || note.contains("\n")) {
      throw new IllegalArgumentException("a note is one line without commas: " + note);
    }
    phasesMs = phasesMs.clone();
  }

  /** Megabytes (10^6 bytes) read from the files per second of loading (NaN for MLlib). */
  public double loadMbPerSecond() {
    return dataBytes > 0 ? dataBytes / 1e6 / loadSeconds : Double.NaN;
  }

  /** Cached bytes per image. */
  public double cachedBytesPerImage() {
    return cachedBytes / (double) images;
  }

  /** Whether the step was timed. */
  public boolean measured() {
    return Double.isFinite(medianMs);
  }

  /** The line a chart joins this point into: system, path and batch. */
  public String series() {
    return (system.equals("ours") ? "ours (" + path + ")" : "MLlib") + ", B=" + batch;
  }

  /** The CSV file: header and one line per point. */
  public static String toCsv(List<DataPoint> points) {
    return CsvTable.table(COLUMNS, points.stream().map(DataPoint::csvLine).toList());
  }

  private String csvLine() {
    return CsvTable.line(
        environment,
        system,
        images,
        partitions,
        slots,
        recordBytes,
        features,
        classes,
        loadSeconds,
        dataBytes,
        loadMbPerSecond(),
        cachedBytes,
        cachedBytesPerImage(),
        path,
        batch,
        iterations,
        medianMs,
        q1Ms,
        q3Ms,
        phasesMs[0],
        phasesMs[1],
        phasesMs[2],
        phasesMs[3],
        phasesMs[4],
        batch / (medianMs / 1000),
        note);
  }

  /** Whether {@code text} is a data-size CSV (by its header). */
  public static boolean isCsv(String text) {
    return text.startsWith(String.join(",", COLUMNS));
  }

  /** Reads a file written by {@link #toCsv}; derived columns are recomputed, not read. */
  public static List<DataPoint> fromCsv(String text) {
    return CsvTable.read(
        text,
        "data-size",
        List.of(COLUMNS),
        (header, f) ->
            new DataPoint(
                f.get(0),
                f.get(1),
                Long.parseLong(f.get(2)),
                Integer.parseInt(f.get(3)),
                Integer.parseInt(f.get(4)),
                Integer.parseInt(f.get(5)),
                Integer.parseInt(f.get(6)),
                Integer.parseInt(f.get(7)),
                Double.parseDouble(f.get(8)),
                Long.parseLong(f.get(9)),
                Long.parseLong(f.get(11)),
                f.get(13),
                Integer.parseInt(f.get(14)),
                Integer.parseInt(f.get(15)),
                Double.parseDouble(f.get(16)),
                Double.parseDouble(f.get(17)),
                Double.parseDouble(f.get(18)),
                new double[] {
                  Double.parseDouble(f.get(19)),
                  Double.parseDouble(f.get(20)),
                  Double.parseDouble(f.get(21)),
                  Double.parseDouble(f.get(22)),
                  Double.parseDouble(f.get(23))
                },
                f.get(25)));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DataPoint p && csvLine().equals(p.csvLine());
  }

  @Override
  public int hashCode() {
    return csvLine().hashCode();
  }

  @Override
  public String toString() {
    return csvLine();
  }
}
