package dev.sparksvm.scaling;

import java.util.List;
import java.util.Locale;

/**
 * A {@link DataSetPrediction} written out: the CSV file, the table a person reads, and what the
 * prediction assumes and leaves out.
 */
public final class PredictionReport {

  private PredictionReport() {}

  /** {@code prediction-NAME.csv}. */
  public static String csv(DataSetPrediction.Target t, List<DataSetPrediction.Row> rows) {
    StringBuilder out =
        new StringBuilder(
            """
            data_set,images,classes,features,executors,batch,path,load_seconds,\
            cached_mb_per_executor,executor_heap_mb,driver_result_mb,broadcast_ms,compute_ms,\
            aggregation_ms,driver_ms,scheduling_ms,data_ms,step_ms,epoch_seconds,\
            mllib_cached_mb_per_executor,mllib_data_ms
            """);
    for (DataSetPrediction.Row r : rows) {
      CostModel.Prediction s = r.step();
      out.append(
          String.format(
              Locale.ROOT,
              "%s,%d,%d,%d,%d,%d,%s,%.3f,%.1f,%.0f,%.1f,%.3f,%.3f,"
                  + "%.3f,%.3f,%.3f,%.3f,%.3f,%.1f,%.1f,%.3f%n",
              t.name(),
              t.images(),
              t.classes(),
              t.features(),
              r.executors(),
              r.batch(),
              r.path(),
              r.loadSeconds(),
              r.cachedMbPerExecutor(),
              r.executorHeapMb(),
              r.driverResultMb(),
              s.broadcastMs(),
              s.computeMs(),
              s.aggregationMs(),
              s.driverMs(),
              s.schedulingMs(),
              r.dataMs(),
              r.stepMs(),
              r.epochSeconds(),
              r.mllibCachedMbPerExecutor(),
              r.mllibDataMs()));
    }
    return out.toString();
  }

  /** The predictions as a table, then what they rest on and leave out. */
  public static String describe(
      DataSetPrediction.Target t, String environment, List<DataSetPrediction.Row> rows) {
    StringBuilder out =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "PREDICTION (not a measurement) for %s: %,d images, %d classes, D = %d, from the %s"
                    + " constants of this machine%n",
                t.name(),
                t.images(),
                t.classes(),
                t.features(),
                environment));
    out.append(
        String.format(
            Locale.ROOT,
            "  %5s %6s %6s %8s %10s %10s %11s %9s %8s %10s %12s%n",
            "n",
            "batch",
            "path",
            "load s",
            "cache MB/ex",
            "heap MB/ex",
            "driver MB",
            "step ms",
            "data ms",
            "epoch s",
            "MLlib MB/ex"));
    for (DataSetPrediction.Row r : rows) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %5d %6d %6s %8.1f %10.0f %10.0f %11.0f %9.1f %8.2f %10.0f %12.0f%n",
              r.executors(),
              r.batch(),
              r.path(),
              r.loadSeconds(),
              r.cachedMbPerExecutor(),
              r.executorHeapMb(),
              r.driverResultMb(),
              r.stepMs(),
              r.dataMs(),
              r.epochSeconds(),
              r.mllibCachedMbPerExecutor()));
    }
    out.append(limits(t, rows));
    return out.toString();
  }

  /** What the prediction assumes and leaves out, with the limits it runs into. */
  static String limits(DataSetPrediction.Target t, List<DataSetPrediction.Row> rows) {
    StringBuilder out = new StringBuilder("limits:\n");
    out.append(
        "  - every constant was measured on one machine (loopback, shared cores, at most the "
            + "executors it had); the n-dependent terms are extrapolated, not measured\n");
    out.append(
        "  - load assumes each executor reads its share at this machine's speed; a cluster "
            + "reads from HDFS or object storage at its own\n");
    if (t.classes() > 256) {
      out.append("  - ")
          .append(t.classes())
          .append(
              " classes do not fit the one-byte labels sparksvm stores and caches: reading this set"
                  + " needs a two-byte label layout (not implemented); memory assumes two bytes per"
                  + " label\n");
    }
    for (DataSetPrediction.Row r : rows) {
      if (r.driverResultMb() > DataSetPrediction.MAX_RESULT_MB
          && r.batch() == rows.get(0).batch()) {
        out.append(
            String.format(
                Locale.ROOT,
                "  - n = %d (%s): the driver collects %.0f MB of task"
                    + " results per step, above spark.driver.maxResultSize (%.0f MB in "
                    + "conf/spark-defaults.conf): raise it, and give the driver that much heap%n",
                r.executors(),
                r.path(),
                r.driverResultMb(),
                DataSetPrediction.MAX_RESULT_MB));
      }
    }
    return out.toString();
  }
}
