package dev.sparksvm.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In a Pipeline after VectorAssembler, saved and loaded in spark.ml's layout, on local[2]. */
class PipelineTest {
  private static final Dataset<Row> TRAIN = GeneratedFrame.frame(600, 2, 1);
  private static final Dataset<Row> TEST = GeneratedFrame.frame(200, 2, 2);
  @TempDir Path dir;

  private static Pipeline pipeline(String loss) {
    String[] columns = new String[GeneratedFrame.D];
    for (int j = 0; j < columns.length; j++) {
      columns[j] = "x" + j;
    }
    VectorAssembler assembler = new VectorAssembler().setInputCols(columns).setOutputCol("v");
    LinearClassifier lc =
        new LinearClassifier()
            .setFeaturesCol("v")
            .setLoss(loss)
            .setMaxIter(50)
            .setBatchSize(200)
            .setRegParam(0.01)
            .setStepSize(0.5);
    return new Pipeline().setStages(new PipelineStage[] {assembler, lc});
  }

  @Test
  void aFittedPipelineSavedAndLoadedPredictsTheSameRowForRow() throws IOException {
    for (String loss : List.of("softmax", "svm")) {
      PipelineModel fitted = pipeline(loss).fit(TRAIN);
      String path = dir.resolve("pipeline-" + loss).toString();
      fitted.write().save(path);
      PipelineModel loaded = PipelineModel.load(path);
      assertInstanceOf(LinearClassificationModel.class, loaded.stages()[1]);
      String[] out =
          loss.equals("softmax")
              ? new String[] {"prediction", "rawPrediction", "probability"}
              : new String[] {"prediction", "rawPrediction"};
      List<Row> before = fitted.transform(TEST).select("label", out).collectAsList();
      List<Row> after = loaded.transform(TEST).select("label", out).collectAsList();
      assertEquals(before, after, loss);
      assertTrue(GeneratedFrame.accuracy(loaded.transform(TEST)) > 0.85, loss);
      LinearClassificationModel original = (LinearClassificationModel) fitted.stages()[1];
      LinearClassificationModel restored = (LinearClassificationModel) loaded.stages()[1];
      assertEquals(original.uid(), restored.uid());
      assertEquals(loss, restored.getLoss());
      assertEquals(0.01, restored.getRegParam(), 0.0);
      assertEquals("v", restored.getFeaturesCol());
      assertArrayEquals(
          original.coefficientMatrix().toArray(), restored.coefficientMatrix().toArray(), 0.0);
      assertArrayEquals(
          original.interceptVector().toArray(), restored.interceptVector().toArray(), 0.0);
      assertFalse(restored.hasSummary(), "the summary is not saved");
      assertThrows(IllegalStateException.class, restored::summary);
      assertFalse(
          Arrays.asList(loaded.transform(TEST).columns()).contains("probability")
              && loss.equals("svm"));
    }
  }

  @Test
  void aModelAndAnEstimatorLoadOnTheirOwn() throws IOException {
    LinearClassifier lc =
        new LinearClassifier().setMaxIter(30).setStandardization(false).setPrecision("double");
    LinearClassificationModel model = lc.fit(TRAIN);
    String path = dir.resolve("model").toString();
    model.write().save(path);
    LinearClassificationModel loaded = LinearClassificationModel.load(path);
    assertEquals(
        model.transform(TEST).select("rawPrediction").collectAsList(),
        loaded.transform(TEST).select("rawPrediction").collectAsList());
    assertFalse(loaded.getStandardization());
    assertThrows(IOException.class, () -> model.write().save(path), "no overwrite unasked");
    model.write().overwrite().save(path);

    String estimatorPath = dir.resolve("estimator").toString();
    lc.setValidationIndicatorCol("held").write().save(estimatorPath);
    LinearClassifier restored = LinearClassifier.load(estimatorPath);
    assertEquals(lc.uid(), restored.uid());
    assertEquals("held", restored.getValidationIndicatorCol());
    assertEquals(30, restored.getMaxIter());
    assertTrue(Double.isNaN(restored.getStepSize()), "unset stays unset");
    assertEquals(lc.extractParamMap().toString(), restored.extractParamMap().toString());
  }

  @Test
  void afterAStandardScalerTheDataIsAlreadyScaled() {
    Pipeline scaled =
        new Pipeline()
            .setStages(
                new PipelineStage[] {
                  new StandardScaler().setInputCol("features").setOutputCol("scaled"),
                  new LinearClassifier().setFeaturesCol("scaled").setMaxIter(60)
                });
    PipelineModel model = scaled.fit(TRAIN);
    assertTrue(GeneratedFrame.accuracy(model.transform(TEST)) > 0.85);
    Vector raw = (Vector) model.transform(TEST).select("rawPrediction").first().get(0);
    assertEquals(GeneratedFrame.CLASSES, raw.size());
  }
}
