package dev.sparksvm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.model.LinearModel;
import dev.sparksvm.optim.UpdateRule;
import dev.sparksvm.options.CheckpointOptions;
import dev.sparksvm.options.InitialRate;
import dev.sparksvm.options.TrainOptions;
import dev.sparksvm.options.UpdateOptions;
import dev.sparksvm.session.Workspace;
import dev.sparksvm.spark.CifarFixtures;
import dev.sparksvm.spark.LocalSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --update momentum|nesterov} on local[2]: what the outputs record, {@code --lr
 * auto}'s rate, and a run stopped at a step and resumed from its checkpoint (W and the velocity)
 * against the uninterrupted one, bit for bit.
 */
class MomentumTrainingTest {
  @TempDir static Path data;
  private static JavaSparkContext sc;
  @TempDir Path out;

  @BeforeAll
  static void setUp() throws Exception {
    sc = LocalSpark.get();
    CifarFixtures.batches(data, 100);
  }

  private TrainingResult train(String name, TrainOptions options) {
    try (Workspace ws = Workspace.on(sc, options.data(), out.resolve(name).toString())) {
      return TrainingRun.run(ws, options);
    }
  }

  /**
   * The SVM (reg 1e3) on the 500 images, 100 held out, 2 partitions, batch 64 (7 steps an epoch, so
   * the rate decays within the run), {@code update}.
   */
  private static TrainOptions options(long iterations, UpdateOptions update) {
    return TrainOptions.defaults()
        .withData(data.toString())
        .withValidation(100)
        .withPartitions(2)
        .withReg(1e3)
        .withBatch(64)
        .withIterations(iterations)
        .withLearningRate(1e-7)
        .withLrDecay(0.9)
        .withInitScale(1e-3)
        .withEvalEvery(10)
        .withPrintEvery(1000)
        .withUpdate(update);
  }

  @Test
  void aMomentumRunResumedFromItsCheckpointEndsWithTheUninterruptedBits() throws Exception {
    for (UpdateOptions update :
        new UpdateOptions[] {
          new UpdateOptions(UpdateRule.MOMENTUM, 0.9), new UpdateOptions(UpdateRule.NESTEROV, 0.8)
        }) {
      String name = update.rule().label();
      TrainingResult whole = train(name + "-whole", options(30, update));
      // Stopped after step 12, between evaluations and epochs, its velocity far from zero.
      train(name + "-part", options(12, update));
      Path part = out.resolve(name + "-part");
      Checkpoint c = CheckpointFormat.newest(part.toString(), sc.hadoopConfiguration());
      assertEquals(12, c.step());
      assertNotNull(c.velocity(), "a momentum checkpoint holds the velocity");
      assertTrue(c.velocity().squaredNorm() > 0);
      assertEquals(name, c.fingerprint().get("--update"));
      TrainingResult resumed =
          train(
              name + "-resumed",
              options(30, update)
                  .withCheckpoints(CheckpointOptions.defaults().withResume(part.toString())));
      assertEquals(whole.weights().sha256(), resumed.weights().sha256(), name);
      assertEquals(whole.metrics().get("val_accuracy"), resumed.metrics().get("val_accuracy"));

      Map<String, Object> m = whole.metrics();
      assertEquals(name, m.get("update"));
      assertEquals(update.momentum(), m.get("momentum"));
      @SuppressWarnings("unchecked")
      Map<String, Object> shaped = (Map<String, Object>) m.get("options");
      assertEquals(name, shaped.get("update"));
      Map<String, String> provenance =
          LinearModel.load(out.resolve(name + "-whole").toString(), sc.hadoopConfiguration())
              .provenance();
      assertEquals(name, provenance.get("option.update"));
      assertEquals(Double.toString(update.momentum()), provenance.get("option.momentum"));
    }
    TrainingResult vanilla = train("sgd", options(30, UpdateOptions.defaults()));
    assertEquals("sgd", vanilla.metrics().get("update"));
    assertFalse(vanilla.metrics().containsKey("momentum"), "no momentum for sgd");
    assertNull(
        CheckpointFormat.newest(out.resolve("sgd").toString(), sc.hadoopConfiguration()).velocity(),
        "the vanilla update has no velocity to keep");
    assertTrue(
        Files.readString(out.resolve("sgd").resolve("metrics.json"))
            .contains("\"update\": \"sgd\""));
  }

  @Test
  void momentumTakesOtherStepsAndLearnsAtLeastAsTheVanillaUpdateOfItsSteadyStep() {
    TrainingResult vanilla =
        train("v", options(60, UpdateOptions.defaults()).withLearningRate(1e-6));
    // lr 1e-7 at mu 0.9: a steady step of lr / (1 - mu) = 1e-6, the vanilla run's.
    TrainingResult momentum =
        train("m", options(60, UpdateOptions.of(UpdateRule.MOMENTUM)).withLearningRate(1e-7));
    assertNotEquals(vanilla.weights().sha256(), momentum.weights().sha256());
    double v = (double) vanilla.metrics().get("val_accuracy");
    double m = (double) momentum.metrics().get("val_accuracy");
    assertTrue(m > 0.5, "synthetic classes are learnable: " + momentum.metrics());
    // Measured: 0.96 against 0.84 (the velocity builds up over the first steps, then averages
    // the mini-batches' noise); at least as well, with room for another BLAS's bits.
    assertTrue(m >= v - 0.05, "momentum " + m + " against vanilla " + v);
  }

  @Test
  void autoTakesOneMinusMuOfTheSweepsVanillaRate() {
    TrainOptions auto = options(1, UpdateOptions.defaults()).withLearningRate(InitialRate.AUTO);
    double vanilla = (double) train("auto-sgd", auto).metrics().get("learning_rate");
    Map<String, Object> m =
        train("auto-momentum", auto.withUpdate(new UpdateOptions(UpdateRule.MOMENTUM, 0.75)))
            .metrics();
    assertEquals(vanilla * 0.25, (double) m.get("learning_rate"), 0.0);
    assertTrue(
        ((String) m.get("learning_rate_chosen_by")).endsWith(" times 1 - momentum 0.250"),
        m.get("learning_rate_chosen_by").toString());
  }
}
