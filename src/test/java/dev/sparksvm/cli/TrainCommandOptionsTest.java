package dev.sparksvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.core.Precision;
import dev.sparksvm.optim.UpdateRule;
import dev.sparksvm.options.AggregationDepth;
import dev.sparksvm.options.CheckpointOptions;
import dev.sparksvm.options.InitialRate;
import dev.sparksvm.options.LossKind;
import dev.sparksvm.options.StoppingOptions;
import dev.sparksvm.options.TrainOptions;
import dev.sparksvm.options.UpdateOptions;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code train}'s command line parsed into the run's options: defaults, values, bad values. */
class TrainCommandOptionsTest {

  private static TrainOptions parse(String... args) {
    TrainCommand command = new TrainCommand();
    Main.commandLine(command).parseArgs(args);
    return command.options();
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    TrainOptions p = parse();
    assertEquals(LossKind.SVM, p.loss().loss());
    assertEquals(1024, p.descent().batch());
    assertEquals(300, p.descent().iterations());
    assertEquals(InitialRate.of(6e-7), p.descent().learningRate());
    assertEquals(0.95, p.descent().lrDecay(), 0.0);
    assertEquals(0, p.loss().reg(), 0.0);
    assertEquals(1.0, p.loss().delta(), 0.0);
    assertEquals(1e-5, p.descent().initScale(), 0.0);
    assertEquals(100, p.reporting().evalEvery());
    assertEquals(50, p.reporting().printEvery());
    assertEquals(AggregationDepth.AUTO, p.descent().aggregationDepth());
    assertEquals(Precision.DOUBLE, p.descent().precision());
    assertEquals(UpdateOptions.defaults(), p.descent().update(), "the vanilla update");
    assertEquals(0.9, p.descent().update().momentum(), 0.0);
    assertEquals(42, p.data().seed());
    assertEquals(OptionalInt.empty(), p.data().partitions(), "Spark's default parallelism");
    assertEquals(1000, p.data().validation());
    assertNull(p.data().data());
    assertNull(p.data().test());
    assertEquals(StoppingOptions.defaults(), p.stopping());
    assertEquals(CheckpointOptions.defaults(), p.checkpoints());
    assertNull(p.output().dir(), "the default, runs/train-TIMESTAMP");
    assertTrue(p.output().dirOrDefault("train").startsWith("runs/train-"));
    assertEquals(TrainOptions.defaults(), p, "the command line's defaults are the record's");
    TrainOptions softmax = parse("--loss", "softmax");
    assertEquals(InitialRate.of(3e-6), softmax.descent().learningRate());
    assertEquals(30, softmax.loss().reg(), 0.0);
    assertEquals(TrainOptions.defaults(LossKind.SOFTMAX), softmax);
    assertEquals(LossKind.SOFTMAX, parse("--loss", "SOFTMAX").loss().loss(), "in any case");
  }

  @Test
  void givenValuesAreKept() {
    TrainOptions p =
        parse(
            "--loss=softmax",
            "--batch",
            "1",
            "--iters",
            "10",
            "--lr",
            "3e-6",
            "--lr-decay",
            "1",
            "--reg",
            "0",
            "--partitions",
            "4",
            "--out",
            "/tmp/x",
            "--seed",
            "-5",
            "--val",
            "0",
            "--delta",
            "2",
            "--init-scale",
            "0");
    assertEquals(LossKind.SOFTMAX, p.loss().loss());
    assertEquals(1, p.descent().batch());
    assertEquals(10, p.descent().iterations());
    assertEquals(InitialRate.of(3e-6), p.descent().learningRate());
    assertEquals(1.0, p.descent().lrDecay(), 0.0);
    assertEquals(0.0, p.loss().reg(), 0.0);
    assertEquals(2.0, p.loss().delta(), 0.0);
    assertEquals(0.0, p.descent().initScale(), 0.0);
    assertEquals(OptionalInt.of(4), p.data().partitions());
    assertEquals(0, p.data().validation());
    assertEquals("/tmp/x", p.output().dir());
    assertEquals(-5, p.data().seed());
    assertEquals(Precision.FLOAT, parse("--precision", "float").descent().precision());
    assertEquals(Precision.FLOAT, parse("--precision", "FLOAT").descent().precision());
    assertEquals(InitialRate.AUTO, parse("--lr", "auto").descent().learningRate());
    assertEquals(
        new UpdateOptions(UpdateRule.MOMENTUM, 0.9),
        parse("--update", "momentum").descent().update());
    assertEquals(
        new UpdateOptions(UpdateRule.NESTEROV, 0.5),
        parse("--update", "Nesterov", "--momentum", "0.5").descent().update());
    assertEquals(
        AggregationDepth.of(3), parse("--aggregation-depth", "3").descent().aggregationDepth());
    TrainOptions stopping =
        parse(
            "--keep",
            "best",
            "--stop-at",
            "0.5",
            "--patience",
            "3",
            "--checkpoint-every",
            "0",
            "--resume",
            "/tmp/r",
            "--master",
            "local[3]",
            "--overwrite");
    assertEquals(
        StoppingOptions.defaults()
            .withKeep(StoppingOptions.Keep.BEST)
            .withStopAt(0.5)
            .withPatience(3),
        stopping.stopping());
    assertEquals(CheckpointOptions.off().withResume("/tmp/r"), stopping.checkpoints());
    assertEquals("local[3]", stopping.spark().master());
    assertTrue(stopping.output().overwrite());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "--batch, 0",
    "--batch, -5",
    "--lr, 0",
    "--lr, -1.0",
    "--lr, NaN",
    "--lr, Infinity",
    "--lr-decay, 0",
    "--lr-decay, 1.5",
    "--lr-decay, NaN",
    "--reg, -1",
    "--reg, NaN",
    "--iters, 0",
    "--delta, 0",
    "--delta, -1",
    "--partitions, 0",
    "--val, -1",
    "--print-every, 0",
    "--eval-every, -1",
    "--aggregation-depth, -1",
    "--init-scale, -1",
    "--batch, many",
    "--lr, fast",
    "--iters, 1.5",
    "--seed, x",
    "--loss, hinge",
    "--precision, half",
    "--keep, first",
    "--stop-at, 1.5",
    "--stop-at, 0",
    "--patience, -1",
    "--checkpoint-every, -5",
    "--update, adam",
    "--momentum, 1"
  })
  void aBadValueIsRefusedNamingTheOptionAndTheValue(String option, String value) {
    RuntimeException e = assertThrows(RuntimeException.class, () -> parse(option, value));
    assertTrue(
        e instanceof CommandLine.ParameterException
            || e instanceof dev.sparksvm.options.UsageException,
        e.toString());
    assertTrue(e.getMessage().contains(option), e.getMessage());
    assertTrue(e.getMessage().contains(value), e.getMessage());
  }

  @Test
  void aMomentumWithoutAMomentumUpdateIsRefused() {
    dev.sparksvm.options.UsageException e =
        assertThrows(dev.sparksvm.options.UsageException.class, () -> parse("--momentum", "0.5"));
    assertEquals(
        "--momentum applies to --update momentum or nesterov only, and --update is sgd",
        e.getMessage());
  }

  @Test
  void blankOutIsRefused() {
    RuntimeException e = assertThrows(RuntimeException.class, () -> parse("--out", " "));
    assertTrue(e.getMessage().contains("--out"), e.getMessage());
  }
}
