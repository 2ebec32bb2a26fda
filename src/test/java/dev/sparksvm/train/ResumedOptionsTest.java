package dev.sparksvm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.core.Precision;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Cifar10;
import dev.sparksvm.optim.EarlyStopping;
import dev.sparksvm.optim.UpdateRule;
import dev.sparksvm.options.CheckpointOptions;
import dev.sparksvm.options.LossKind;
import dev.sparksvm.options.OutputOptions;
import dev.sparksvm.options.TrainArgs;
import dev.sparksvm.options.TrainOptions;
import dev.sparksvm.options.UpdateOptions;
import dev.sparksvm.options.UsageException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code train --resume DIR} alone: every option comes back from the checkpoint, an option given
 * that changes the trajectory is refused in one line, and one that may change is taken. No Spark:
 * all of it is decided before Spark starts.
 */
class ResumedOptionsTest {
  private static final String DIR = "runs/x";

  /** The run that wrote the checkpoint: nothing in it is train's default. */
  private static final TrainOptions RUN =
      TrainOptions.defaults(LossKind.SOFTMAX)
          .withData("/data/cifar")
          .withSeed(5)
          .withValidation(100)
          .withBatch(64)
          .withIterations(120)
          .withLearningRate(1e-6)
          .withReg(2.5)
          .withPrecision(Precision.FLOAT)
          .withEvalEvery(30)
          .withOut(DIR);

  private static Checkpoint checkpointOf(TrainOptions o, long step, boolean withOptions) {
    Map<String, String> fingerprint =
        RunOptions.fingerprint(
            o, 2, Cifar10.SCHEMA, Map.of("/data/cifar/data_batch_1.bin", "records=200 crc32c=0a"));
    return new Checkpoint(
        step,
        1.0,
        1e-6,
        Weights.gaussian(10, 3073, 1e-3, 1),
        null,
        fingerprint,
        List.of(),
        new EarlyStopping.State(0, 0, null, 0),
        withOptions ? TrainArgs.of(o) : Map.of());
  }

  /** What a user types: {@code train --resume runs/x} and {@code more}; picocli's defaults else. */
  private static TrainOptions commandLine(TrainOptions given) {
    return given.withCheckpoints(CheckpointOptions.defaults().withResume(DIR));
  }

  @Test
  void resumeAloneRestoresEveryOptionAndThePartitionsUsed() {
    TrainOptions o =
        ResumedOptions.restore(
            commandLine(TrainOptions.defaults()), Set.of("--resume"), checkpointOf(RUN, 40, true));
    TrainOptions expected =
        RUN.withPartitions(2)
            .withCheckpoints(CheckpointOptions.defaults().withResume(DIR))
            .withOutput(OutputOptions.defaults());
    assertEquals(expected, o);
    assertEquals("/data/cifar", o.data().data(), "the data too");
  }

  @Test
  void aCheckpointOfTheEarlierVersionRestoresItsTrajectoryFromTheFingerprint() {
    TrainOptions o =
        ResumedOptions.restore(
            commandLine(TrainOptions.defaults().withData("/data/cifar")),
            Set.of("--resume", "--data"),
            checkpointOf(RUN, 40, false));
    assertEquals(LossKind.SOFTMAX, o.loss().loss());
    assertEquals(64, o.descent().batch());
    assertEquals(5, o.data().seed());
    assertEquals(100, o.data().validation());
    assertEquals(Precision.FLOAT, o.descent().precision());
    assertEquals(2, o.data().partitions().getAsInt());
  }

  @Test
  void optionsThatMayChangeAreTakenFromTheCommandLine() {
    TrainOptions o =
        ResumedOptions.restore(
            commandLine(TrainOptions.defaults().withIterations(500).withEvalEvery(7)),
            Set.of("--resume", "--iters", "--eval-every"),
            checkpointOf(RUN, 120, true));
    assertEquals(500, o.descent().iterations(), "--iters extends the run");
    assertEquals(7, o.reporting().evalEvery());
    assertEquals(64, o.descent().batch());
  }

  @Test
  void anOptionThatChangesTheTrajectoryIsRefusedNamingIt() {
    Checkpoint c = checkpointOf(RUN, 40, true);
    UsageException lr =
        assertThrows(
            UsageException.class,
            () ->
                ResumedOptions.restore(
                    commandLine(TrainOptions.defaults().withLearningRate(3e-6)),
                    Set.of("--resume", "--lr"),
                    c));
    assertEquals(
        "--resume runs/x: cannot continue that run with these options or data: --lr was 1.0E-6"
            + " when the checkpoint was written, and is 3.0E-6 now (leave it out to keep the"
            + " run's)",
        lr.getMessage());
    UsageException partitions =
        assertThrows(
            UsageException.class,
            () ->
                ResumedOptions.restore(
                    commandLine(TrainOptions.defaults().withPartitions(4)),
                    Set.of("--resume", "--partitions"),
                    c));
    assertEquals(
        "--resume runs/x: cannot continue that run with these options or data: --partitions was 2"
            + " when the checkpoint was written, and is 4 now (leave it out to keep the run's)",
        partitions.getMessage());
    // Given, but equal to the run's: accepted.
    assertEquals(
        64,
        ResumedOptions.restore(
                commandLine(TrainOptions.defaults().withBatch(64)),
                Set.of("--resume", "--batch"),
                c)
            .descent()
            .batch());
  }

  @Test
  void doublePrecisionGivenOverAFloatRunIsRefusedAndFewerItersToo() {
    Checkpoint c = checkpointOf(RUN, 40, true);
    UsageException precision =
        assertThrows(
            UsageException.class,
            () ->
                ResumedOptions.restore(
                    commandLine(TrainOptions.defaults().withPrecision(Precision.DOUBLE)),
                    Set.of("--resume", "--precision"),
                    c));
    assertEquals(
        "--resume runs/x: cannot continue that run with these options or data: --precision was"
            + " float when the checkpoint was written, and is double now (leave it out to keep the"
            + " run's)",
        precision.getMessage());
    UsageException iters =
        assertThrows(
            UsageException.class,
            () ->
                ResumedOptions.restore(
                    commandLine(TrainOptions.defaults().withIterations(30)),
                    Set.of("--resume", "--iters"),
                    c));
    assertEquals(
        "--iters 30 is fewer than the 40 steps the checkpoint in runs/x has taken",
        iters.getMessage());
  }

  @Test
  void theUpdateAndItsMomentumAreRestoredAndAnotherOneIsRefused() {
    TrainOptions nesterov =
        RUN.withUpdate(new UpdateOptions(UpdateRule.NESTEROV, 0.95)).withPartitions(2);
    Checkpoint c = checkpointOf(nesterov, 40, true);
    assertEquals("nesterov", c.fingerprint().get("--update"));
    assertEquals("0.95", c.fingerprint().get("--momentum"));
    TrainOptions o =
        ResumedOptions.restore(commandLine(TrainOptions.defaults()), Set.of("--resume"), c);
    assertEquals(new UpdateOptions(UpdateRule.NESTEROV, 0.95), o.descent().update());
    UsageException sgd =
        assertThrows(
            UsageException.class,
            () ->
                ResumedOptions.restore(
                    commandLine(TrainOptions.defaults()), Set.of("--resume", "--update"), c));
    assertEquals(
        "--resume runs/x: cannot continue that run with these options or data: --update was"
            + " nesterov when the checkpoint was written, and is sgd now (leave it out to keep the"
            + " run's)",
        sgd.getMessage());
    UsageException mu =
        assertThrows(
            UsageException.class,
            () ->
                ResumedOptions.restore(
                    commandLine(
                        TrainOptions.defaults()
                            .withUpdate(new UpdateOptions(UpdateRule.NESTEROV, 0.9))),
                    Set.of("--resume", "--update", "--momentum"),
                    c));
    assertTrue(
        mu.getMessage().contains("--momentum was 0.95 when the checkpoint was written, and is 0.9"),
        mu.getMessage());
    // A run of the vanilla update (and every checkpoint before --update) has no --update in its
    // fingerprint: momentum over it is refused as a change of update, not as something unset.
    Checkpoint vanilla = checkpointOf(RUN, 40, false);
    assertNull(vanilla.fingerprint().get("--update"));
    UsageException momentum =
        assertThrows(
            UsageException.class,
            () ->
                ResumedOptions.restore(
                    commandLine(
                        TrainOptions.defaults()
                            .withData("/data/cifar")
                            .withUpdate(UpdateOptions.of(UpdateRule.MOMENTUM))),
                    Set.of("--resume", "--data", "--update"),
                    vanilla));
    assertTrue(
        momentum
            .getMessage()
            .contains("--update was sgd when the checkpoint was written, and is" + " momentum now"),
        momentum.getMessage());
  }

  @Test
  void aCallerThatSetsEveryOptionHasEachOneCheckedAndNoneRestored() {
    TrainOptions all = commandLine(RUN.withPartitions(2));
    assertEquals(all, ResumedOptions.restore(all, TrainArgs.NAMES, checkpointOf(RUN, 40, true)));
    assertThrows(
        UsageException.class,
        () ->
            ResumedOptions.restore(all.withSeed(6), TrainArgs.NAMES, checkpointOf(RUN, 40, true)));
  }

  @Test
  void otherDataIsRefusedFromItsRecordCountsBeforeSparkStarts() {
    Checkpoint c = checkpointOf(RUN, 40, true);
    // The same file moved elsewhere is the same data (its checksum is compared later).
    ResumedOptions.checkData(c, DIR, Cifar10.SCHEMA, Map.of("/elsewhere/data_batch_1.bin", 200L));
    UsageException fewer =
        assertThrows(
            UsageException.class,
            () ->
                ResumedOptions.checkData(
                    c, DIR, Cifar10.SCHEMA, Map.of("/data/cifar/data_batch_1.bin", 150L)));
    assertEquals(
        "--resume runs/x: cannot continue that run with this data: data file 1 was"
            + " data_batch_1.bin records=200 when the checkpoint was written, and is"
            + " data_batch_1.bin records=150 now",
        fewer.getMessage());
    Map<String, Long> two = new java.util.LinkedHashMap<>();
    two.put("/data/cifar/data_batch_1.bin", 200L);
    two.put("/data/cifar/data_batch_2.bin", 200L);
    UsageException more =
        assertThrows(
            UsageException.class, () -> ResumedOptions.checkData(c, DIR, Cifar10.SCHEMA, two));
    assertEquals(
        "--resume runs/x: cannot continue that run with this data: data file 2 was absent when"
            + " the checkpoint was written, and is data_batch_2.bin records=200 now",
        more.getMessage());
  }
}
