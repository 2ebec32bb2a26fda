package dev.sparksvm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.data.InvalidDataException;
import dev.sparksvm.optim.UpdateRule;
import dev.sparksvm.options.CheckpointOptions;
import dev.sparksvm.options.TrainOptions;
import dev.sparksvm.options.TuneOptions;
import dev.sparksvm.options.UpdateOptions;
import dev.sparksvm.options.UsageException;
import dev.sparksvm.session.Workspace;
import dev.sparksvm.spark.CifarFixtures;
import dev.sparksvm.spark.LocalSpark;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tune stopped at a step and resumed from its checkpoint ends with the uninterrupted bits. */
class TuneResumeTest {
  @TempDir static Path data;
  private static JavaSparkContext sc;
  @TempDir Path out;

  @BeforeAll
  static void setUp() throws Exception {
    sc = LocalSpark.get();
    CifarFixtures.batches(data, 100);
  }

  /** 500 images, 100 held out by seed 7, 2 partitions, batch 64 (7 steps an epoch), 15 steps. */
  private static TrainOptions options(long iters) {
    return TrainOptions.defaults()
        .withData(data.toString())
        .withValidation(100)
        .withPartitions(2)
        .withSeed(7)
        .withBatch(64)
        .withIterations(iters)
        .withLrDecay(0.9)
        .withInitScale(1e-3)
        .withEvalEvery(5)
        .withPrintEvery(1000);
  }

  /** Three models that learn and one that overflows at once: its drop must survive the resume. */
  private static List<TuneOptions.Candidate> grid() {
    List<TuneOptions.Candidate> grid =
        new ArrayList<>(TuneOptions.grid(List.of(1e-6, 3e-7), List.of(1e3, 0.0)));
    grid.add(1, new TuneOptions.Candidate(1e30, 1e30)); // W grows 1e60-fold a step
    return grid;
  }

  private TuneRun.Result tune(String dir, TrainOptions o) {
    try (Workspace ws = Workspace.on(sc, o.data(), out.resolve(dir).toString())) {
      return TuneRun.run(ws, new TuneOptions(grid(), o));
    }
  }

  @Test
  void aTuneStoppedAtAStepAndResumedHasTheBitsOfTheUninterruptedOne() throws Exception {
    TuneRun.Result whole = tune("whole", options(15));
    TuneRun.Result first = tune("part", options(6)); // stops between evaluations and epochs
    assertTrue(Files.exists(out.resolve("part").resolve(Checkpoint.fileName(6))));
    TuneRun.Result resumed =
        tune(
            "part",
            options(15)
                .withCheckpoints(
                    CheckpointOptions.defaults().withResume(out.resolve("part").toString())));
    assertTrue(
        first.outcomes().get(1).diverged() && first.outcomes().get(1).divergedAt() < 6,
        "lr 1e30 at reg 1e30 overflows before the stop: " + first.outcomes().get(1));
    assertEquals(whole.best(), resumed.best());
    for (int m = 0; m < whole.weights().size(); m++) {
      assertEquals(
          whole.weights().get(m).sha256(), resumed.weights().get(m).sha256(), "model " + m);
      TuneOutcome a = whole.outcomes().get(m);
      TuneOutcome b = resumed.outcomes().get(m);
      assertEquals(a.finalLoss(), b.finalLoss(), 0.0);
      assertEquals(a.divergedAt(), b.divergedAt());
      assertEquals(a.valAccuracy(), b.valAccuracy());
      assertArrayEquals(a.losses(), b.losses(), 0.0, "the curve before the stop is kept");
    }
    assertEquals(whole.metrics().get("weights_sha256"), resumed.metrics().get("weights_sha256"));
    assertEquals(
        Files.readAllLines(out.resolve("whole").resolve("tune.csv")),
        Files.readAllLines(out.resolve("part").resolve("tune.csv")));
    assertTrue(Files.exists(out.resolve("part").resolve(Checkpoint.fileName(15))));
    assertTrue(
        !Files.exists(out.resolve("part").resolve(Checkpoint.fileName(6))),
        "the resumed-from checkpoint goes once a newer one is complete");
  }

  @Test
  void aMomentumTuneStoppedAndResumedHasTheBitsOfTheUninterruptedOne() throws Exception {
    TrainOptions momentum = options(15).withUpdate(new UpdateOptions(UpdateRule.MOMENTUM, 0.9));
    List<TuneOptions.Candidate> grid = TuneOptions.grid(List.of(1e-7, 3e-8), List.of(1e3));
    TuneRun.Result whole;
    try (Workspace ws = Workspace.on(sc, momentum.data(), out.resolve("m-whole").toString())) {
      whole = TuneRun.run(ws, new TuneOptions(grid, momentum));
    }
    try (Workspace ws = Workspace.on(sc, momentum.data(), out.resolve("m-part").toString())) {
      TuneRun.run(ws, new TuneOptions(grid, momentum.withIterations(6)));
    }
    String dir = out.resolve("m-part").toString();
    TuneCheckpoint c = TuneCheckpoint.newest(dir, sc.hadoopConfiguration());
    assertEquals(6, c.step());
    assertTrue(c.velocities().get(0).squaredNorm() > 0, "the checkpoint holds each velocity");
    TuneRun.Result resumed;
    TrainOptions again = momentum.withCheckpoints(CheckpointOptions.defaults().withResume(dir));
    try (Workspace ws = Workspace.on(sc, again.data(), dir)) {
      resumed = TuneRun.run(ws, new TuneOptions(grid, again));
    }
    for (int m = 0; m < grid.size(); m++) {
      assertEquals(
          whole.weights().get(m).sha256(), resumed.weights().get(m).sha256(), "model " + m);
    }
  }

  @Test
  void aTrainCheckpointIsNotATuneOneAndOtherModelsOrBatchAreRefused() throws Exception {
    tune("run", options(3));
    String dir = out.resolve("run").toString();
    TuneCheckpoint c = TuneCheckpoint.newest(dir, sc.hadoopConfiguration());
    assertEquals(3, c.step());
    assertEquals(grid(), c.candidates());
    InvalidDataException train =
        assertThrows(
            InvalidDataException.class,
            () -> CheckpointFormat.newest(dir, sc.hadoopConfiguration()));
    assertTrue(
        train.getMessage().contains("a tune checkpoint: resume it with tune"), train.getMessage());

    TrainOptions resume =
        options(6).withCheckpoints(CheckpointOptions.defaults().withResume(dir)).withBatch(32);
    UsageException batch =
        assertThrows(
            UsageException.class,
            () -> TuneResume.restore(new TuneOptions(grid(), resume), Set.of("--batch"), c));
    assertTrue(batch.getMessage().contains("--batch was 64"), batch.getMessage());
    List<TuneOptions.Candidate> other = TuneOptions.grid(List.of(1e-6), List.of(0.0));
    UsageException models =
        assertThrows(
            UsageException.class,
            () ->
                TuneResume.restore(
                    new TuneOptions(other, options(6).withCheckpoints(resume.checkpoints())),
                    Set.of("--lr"),
                    c));
    assertTrue(models.getMessage().contains("its models were lr 1.0E-6"), models.getMessage());
    TuneOptions restored =
        TuneResume.restore(
            new TuneOptions(other, TrainOptions.defaults().withCheckpoints(resume.checkpoints())),
            Set.of("--resume"),
            c);
    assertEquals(grid(), restored.candidates(), "--resume DIR alone restores the models");
    assertEquals(64, restored.train().descent().batch());
    assertEquals(3, restored.train().descent().iterations());
  }

  @Test
  void aFlippedByteIsRefusedAndATrainCheckpointIsNamed() throws Exception {
    tune("flip", options(2));
    Path file = out.resolve("flip").resolve(Checkpoint.fileName(2));
    byte[] b = Files.readAllBytes(file);
    TuneCheckpoint back = TuneCheckpoint.readFrom(new ByteArrayInputStream(b), "c.bin", b.length);
    assertEquals(2, back.step());
    for (int at : new int[] {200, b.length / 2, b.length - 20}) {
      byte[] flipped = b.clone();
      flipped[at] ^= 0x01;
      InvalidDataException e =
          assertThrows(
              InvalidDataException.class,
              () ->
                  TuneCheckpoint.readFrom(
                      new ByteArrayInputStream(flipped), "c.bin", flipped.length));
      assertTrue(e.getMessage().startsWith("c.bin"), e.getMessage());
    }
    byte[] trainMagic = b.clone();
    System.arraycopy(CheckpointFormat.MAGIC, 0, trainMagic, 0, CheckpointFormat.MAGIC.length);
    InvalidDataException e =
        assertThrows(
            InvalidDataException.class,
            () ->
                TuneCheckpoint.readFrom(
                    new ByteArrayInputStream(trainMagic), "c.bin", trainMagic.length));
    assertEquals("c.bin: a train checkpoint: resume it with train --resume", e.getMessage());
  }
}
