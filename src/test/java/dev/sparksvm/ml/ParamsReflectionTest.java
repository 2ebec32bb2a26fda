package dev.sparksvm.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Preprocessing;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;
import org.junit.jupiter.api.Test;

/**
 * spark.ml finds params by reflection on public methods that return a Param: the shared params'
 * accessors are default methods of {@link LinearClassifierParams}, and each owner must still list,
 * own, explain and copy all of them. No SparkContext: Params need none.
 */
class ParamsReflectionTest {
  private static final List<String> SHARED =
      List.of(
          "batchSize",
          "initScale",
          "learningRateDecay",
          "loss",
          "maxIter",
          "precision",
          "regParam",
          "seed",
          "standardization",
          "stepSize",
          "validationIndicatorCol");

  private static Map<String, Param<?>> byName(Params owner) {
    return Arrays.stream(owner.params())
        .collect(Collectors.toMap(Param::name, Function.identity()));
  }

  /** Every shared param is listed once, belongs to {@code owner} and is the accessor's object. */
  private static void assertOwnsTheSharedParams(LinearClassifierParams owner) {
    Map<String, Param<?>> params = byName(owner);
    for (String name : SHARED) {
      Param<?> p = params.get(name);
      assertTrue(p != null, name + " is found by reflection");
      assertEquals(owner.uid(), p.parent(), name + " belongs to its owner");
      assertSame(owner.getParam(name), p);
    }
    assertSame(owner.maxIter(), params.get("maxIter"));
    assertSame(owner.loss(), params.get("loss"));
  }

  @Test
  void theEstimatorListsExplainsAndCopiesEverySharedParam() {
    LinearClassifier lc = new LinearClassifier().setMaxIter(7).setLoss("svm");
    assertOwnsTheSharedParams(lc);
    String explained = lc.explainParams();
    assertTrue(
        explained.contains(
            "maxIter: gradient-descent steps (>= 1), one Spark job each (default: 800, current:"
                + " 7)"),
        explained);
    assertTrue(explained.contains("stepSize: first step size"), explained);

    LinearClassifier copy = lc.copy(ParamMap.empty().put(lc.regParam(), 0.25));
    assertOwnsTheSharedParams(copy);
    assertEquals(0.25, copy.getRegParam(), 0.0);
    assertEquals(7, copy.getMaxIter());
    assertEquals("svm", copy.getLoss());
    assertEquals(0.0, lc.getRegParam(), 0.0, "the original keeps its value");
  }

  @Test
  void theModelListsExplainsAndCopiesEverySharedParam() {
    int features = 3;
    LinearClassificationModel model =
        new LinearClassificationModel(
            "linearClassifier_test",
            Weights.zeros(2, features + 1),
            Preprocessing.centring(new double[features]),
            "softmax",
            null);
    assertOwnsTheSharedParams(model);
    assertTrue(
        model.explainParams().contains("loss: the data loss: svm (multiclass hinge, margin 1) or"),
        model.explainParams());
    LinearClassificationModel copy = model.copy(ParamMap.empty().put(model.batchSize(), 64));
    assertOwnsTheSharedParams(copy);
    assertEquals(64, copy.getBatchSize());
    assertEquals("softmax", copy.getLoss());
  }
}
