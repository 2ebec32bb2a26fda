package dev.sparksvm.ml;

import dev.sparksvm.core.Precision;
import dev.sparksvm.spark.FrameBlocks;
import dev.sparksvm.spark.FrameColumns;
import dev.sparksvm.spark.FrameLoader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.BinaryAttribute;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's fits on one DataFrame: estimators that read the same columns in the same precision
 * share one load of the rows, and estimators that differ only in step size and regularization train
 * side by side ({@link GroupTraining}). The cached rows are dropped when it closes. The calling
 * thread's Spark job description is put back as it was; its job group is left alone, so a caller
 * (CrossValidator's threads, a notebook) can still cancel the jobs by their group.
 */
final class FrameFit implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FrameFit.class);
  private static final String DESCRIPTION = "spark.job.description";

  private final Dataset<Row> frame;
  private final JavaSparkContext sc;
  private final String description;
  private final Map<FitSettings.LoadKey, LoadedRows> loads = new HashMap<>();

  FrameFit(Dataset<?> dataset) {
    this.frame = dataset.toDF();
    this.sc = JavaSparkContext.fromSparkContext(frame.sparkSession().sparkContext());
    this.description = sc.getLocalProperty(DESCRIPTION);
  }

  /** The models of {@code settings}, in order, model i with uid {@code uids.get(i)}. */
  LinearClassificationModel[] fit(List<FitSettings> settings, List<String> uids) {
    Map<FitSettings, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < settings.size(); i++) {
      groups.computeIfAbsent(settings.get(i).stackKey(), key -> new ArrayList<>()).add(i);
    }
    LinearClassificationModel[] models = new LinearClassificationModel[settings.size()];
    for (List<Integer> group : groups.values()) {
      List<FitSettings> members = new ArrayList<>();
      group.forEach(i -> members.add(settings.get(i)));
      LoadedRows rows = load(members.get(0));
      List<TrainedModel> trained = GroupTraining.run(sc, rows, members);
      for (int j = 0; j < group.size(); j++) {
        int i = group.get(j);
        TrainedModel t = trained.get(j);
        models[i] =
            new LinearClassificationModel(
                uids.get(i),
                t.weights(),
                t.preprocessing(),
                settings.get(i).loss().label(),
                t.summary());
      }
    }
    return models;
  }

  /** The rows {@code s} reads, loaded once per call. */
  private LoadedRows load(FitSettings s) {
    LoadedRows rows = loads.get(s.loadKey());
    if (rows != null) {
      return rows;
    }
    Dataset<Row> input = frame;
    int parallelism = sc.defaultParallelism();
    int partitions = input.rdd().getNumPartitions();
    if (partitions > 2 * parallelism) {
      // Every step runs one task per partition: many small partitions cost scheduling, not speed.
      LOG.info(
          "LinearClassifier: the rows' {} partitions coalesced into {} (Spark's parallelism)",
          partitions,
          parallelism);
      input = input.coalesce(parallelism);
    }
    FrameColumns columns = FrameColumns.vector(s.labelCol(), s.featuresCol());
    if (s.validationCol() != null) {
      columns = columns.withValidation(s.validationCol());
    }
    sc.setJobDescription(
        "LinearClassifier: read, check and cache the rows, with their mean and std");
    long start = System.nanoTime();
    FrameBlocks blocks =
        FrameLoader.load(
            input,
            columns,
            s.precision() == Precision.FLOAT,
            classesOf(frame.schema().apply(s.labelCol())),
            "LinearClassifier rows");
    rows = new LoadedRows(blocks, (System.nanoTime() - start) / 1e9, s.precision().label());
    LOG.info(
        String.format(
            Locale.ROOT,
            "LinearClassifier: cached %,d rows of %d features as %s in %.1f s: %,d bytes (%.1f a"
                + " row)",
            blocks.rows(),
            blocks.train().features() - 1,
            rows.precision(),
            rows.loadSeconds(),
            blocks.cachedBytes(),
            blocks.bytesPerRow()));
    loads.put(s.loadKey(), rows);
    return rows;
  }

  /** C as the label column's ML attributes give it (as spark.ml's classifiers read it), else 0. */
  static int classesOf(StructField label) {
    Attribute attribute = Attribute.fromStructField(label);
    if (attribute instanceof BinaryAttribute) {
      return 2;
    }
    if (attribute instanceof NominalAttribute nominal && nominal.getNumValues().isDefined()) {
      return (Integer) nominal.getNumValues().get();
    }
    return 0;
  }

  /** Drops the cached rows and puts the job description back. */
  @Override
  public void close() {
    loads.values().forEach(rows -> rows.blocks().unpersist());
    loads.clear();
    sc.setLocalProperty(DESCRIPTION, description);
  }
}
