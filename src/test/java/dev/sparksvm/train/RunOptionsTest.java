package dev.sparksvm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sparksvm.core.Precision;
import dev.sparksvm.data.Cifar10;
import dev.sparksvm.options.InitialRate;
import dev.sparksvm.options.LossKind;
import dev.sparksvm.options.TrainOptions;
import dev.sparksvm.options.TuneOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The options a run's outputs record: the fingerprint keeps the keys and values checkpoints have
 * always held (an older checkpoint must still resume), and train and tune record a model's options
 * the same way.
 */
class RunOptionsTest {
  private static final Map<String, String> FILES =
      Map.of("file:/data/cifar/data_batch_1.bin", "records=100 crc32c=0a1b2c3d");

  /** The fingerprint as checkpoints written before the options records hold it, key by key. */
  private static Map<String, String> legacy(String... keysAndValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    m.put("--partitions", "2");
    m.put("classes", "10");
    m.put("features", "3073");
    m.put("data file 1", "data_batch_1.bin records=100 crc32c=0a1b2c3d");
    return m;
  }

  @Test
  void theFingerprintIsTheOneCheckpointsHaveAlwaysHeld() {
    assertEquals(
        legacy(
            "--loss",
            "svm",
            "--delta",
            "1.0",
            "--reg",
            "0.0",
            "--batch",
            "1024",
            "--lr",
            "6.0E-7",
            "--lr-decay",
            "0.95",
            "--init-scale",
            "1.0E-5",
            "--seed",
            "42",
            "--val",
            "1000"),
        RunOptions.fingerprint(TrainOptions.defaults(), 2, Cifar10.SCHEMA, FILES));
    // Softmax has no --delta; --precision appears only when it is not double; auto stays auto.
    TrainOptions softmax =
        TrainOptions.defaults(LossKind.SOFTMAX)
            .withPrecision(Precision.FLOAT)
            .withLearningRate(InitialRate.AUTO)
            .withBatch(256)
            .withSeed(-5)
            .withValidation(0)
            .withIterations(5)
            .withEvalEvery(7);
    assertEquals(
        legacy(
            "--loss",
            "softmax",
            "--reg",
            "30.0",
            "--batch",
            "256",
            "--lr",
            "auto",
            "--lr-decay",
            "0.95",
            "--init-scale",
            "1.0E-5",
            "--precision",
            "float",
            "--seed",
            "-5",
            "--val",
            "0"),
        RunOptions.fingerprint(softmax, 2, Cifar10.SCHEMA, FILES));
    // What may change between a run and its resumption is not in it.
    assertEquals(
        RunOptions.fingerprint(softmax, 2, Cifar10.SCHEMA, FILES),
        RunOptions.fingerprint(
            softmax.withIterations(900).withEvalEvery(1).withOut("elsewhere"),
            2,
            Cifar10.SCHEMA,
            FILES));
  }

  @Test
  void trainAndTuneRecordAModelsOptionsAlike() {
    TuneOptions tune =
        new TuneOptions(
            TuneOptions.grid(List.of(1e-6, 3e-6), List.of(5.0)),
            TrainOptions.defaults(LossKind.SOFTMAX)
                .withDescent(TrainOptions.defaults(LossKind.SOFTMAX).descent().withBatch(64)));
    Map<String, Object> shaped = RunOptions.shaping(tune.model(1), 2, 3e-6);
    assertEquals(
        List.of(
            "loss",
            "reg",
            "batch",
            "iters",
            "lr",
            "lr-decay",
            "init-scale",
            "seed",
            "val",
            "partitions",
            "precision",
            "update"),
        List.copyOf(shaped.keySet()),
        "no delta (and no momentum for the vanilla update) for softmax, in train and in tune");
    assertEquals("sgd", shaped.get("update"));
    assertEquals("softmax", shaped.get("loss"));
    assertEquals(5.0, shaped.get("reg"));
    assertEquals(64, shaped.get("batch"));
    assertEquals(300L, shaped.get("iters"));
    assertEquals(3e-6, shaped.get("lr"));
    assertEquals(2, shaped.get("partitions"));
    assertEquals("double", shaped.get("precision"));
    assertEquals(
        shaped,
        RunOptions.shaping(
            TrainOptions.defaults(LossKind.SOFTMAX).withBatch(64).withLearningRate(3e-6).withReg(5),
            2,
            3e-6),
        "the same options given to train");
    Map<String, Object> svm = RunOptions.shaping(TrainOptions.defaults(), 4, 3e-7);
    assertEquals(1.0, svm.get("delta"), "the SVM's margin");
    Map<String, Object> auto =
        RunOptions.shaping(TrainOptions.defaults().withLearningRate(InitialRate.AUTO), 4, 2.5e-7);
    assertEquals("auto (2.5E-7)", auto.get("lr"));
    assertNull(RunOptions.shaping(TrainOptions.defaults(LossKind.SOFTMAX), 1, 1).get("delta"));
  }
}
