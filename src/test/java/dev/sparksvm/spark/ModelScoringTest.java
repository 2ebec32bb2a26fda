package dev.sparksvm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparksvm.core.Weights;
import dev.sparksvm.data.ImageSchema;
import dev.sparksvm.data.ImageShape;
import dev.sparksvm.model.LinearModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.junit.jupiter.api.Test;

/** A Spark user scores images with a loaded model in a job of their own. */
class ModelScoringTest {
  @Test
  void aModelScoresInsideAnotherSparkJob() {
    LinearModel model =
        new LinearModel(
            Weights.gaussian(3, 13, 0.1, 2),
            new SplittableRandom(3).doubles(12, 0, 255).toArray(),
            new ImageSchema(new ImageShape(2, 2, 3), List.of("a", "b", "c")),
            "softmax",
            Map.of());
    SplittableRandom random = new SplittableRandom(7);
    List<Vector> images = new ArrayList<>();
    List<Integer> onTheDriver = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Vector x = Vectors.dense(random.ints(12, 0, 256).asDoubleStream().toArray());
      images.add(x);
      onTheDriver.add(model.predict(x));
    }
    // The model travels to the executors in the task closure: it must be serializable.
    List<Integer> inTasks = LocalSpark.get().parallelize(images, 4).map(model::predict).collect();
    assertEquals(onTheDriver, inTasks);
  }
}
