package dev.sparksvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.core.Precision;
import dev.sparksvm.options.DataOptions;
import dev.sparksvm.options.LossKind;
import dev.sparksvm.options.LossOptions;
import dev.sparksvm.options.TrainOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code train}'s command line parsed into the run's options: defaults, values, bad values. */
class TrainCommandOptionsTest {

  private record Parsed(DataOptions data, LossOptions loss, TrainOptions train, String out) {}

  private static Parsed parse(String... args) {
    TrainCommand command = new TrainCommand();
    Main.commandLine(command).parseArgs(args);
    LossOptions loss = command.experiment.lossOptions();
    return new Parsed(
        command.experiment.data.options(),
        loss,
        command.trainOptions(loss),
        command.experiment.output.out("train"));
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    Parsed p = parse();
    assertEquals(LossKind.SVM, p.loss().loss());
    assertEquals(1024, p.train().batch());
    assertEquals(800, p.train().iterations());
    assertEquals(3e-7, p.train().learningRate(), 0.0);
    assertEquals(0.95, p.train().lrDecay(), 0.0);
    assertEquals(0, p.loss().reg(), 0.0);
    assertEquals(1.0, p.loss().delta(), 0.0);
    assertEquals(1e-5, p.train().initScale(), 0.0);
    assertEquals(100, p.train().evalEvery());
    assertEquals(50, p.train().printEvery());
    assertEquals(0, p.train().aggregationDepth(), "0: chosen from the partition count");
    assertEquals(Precision.DOUBLE, p.train().precision());
    assertEquals(42, p.data().seed());
    assertEquals(0, p.data().partitions());
    assertEquals(1000, p.data().validation());
    assertNull(p.data().data());
    assertNull(p.data().test());
    assertTrue(p.out().startsWith("runs/train-"), p.out());
    Parsed softmax = parse("--loss", "softmax");
    assertEquals(3e-6, softmax.train().learningRate(), 0.0);
    assertEquals(30, softmax.loss().reg(), 0.0);
  }

  @Test
  void givenValuesAreKept() {
    Parsed p =
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
    assertEquals(1, p.train().batch());
    assertEquals(10, p.train().iterations());
    assertEquals(3e-6, p.train().learningRate(), 0.0);
    assertEquals(1.0, p.train().lrDecay(), 0.0);
    assertEquals(0.0, p.loss().reg(), 0.0);
    assertEquals(2.0, p.loss().delta(), 0.0);
    assertEquals(0.0, p.train().initScale(), 0.0);
    assertEquals(4, p.data().partitions());
    assertEquals(0, p.data().validation());
    assertEquals("/tmp/x", p.out());
    assertEquals(-5, p.data().seed());
    assertEquals(Precision.FLOAT, parse("--precision", "float").train().precision());
    assertEquals(
        Precision.FLOAT,
        parse("--precision", "float", "--lr", "auto").train().withLearningRate(1e-7).precision(),
        "a chosen step size keeps the precision");
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
    "--precision, FLOAT"
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
  void blankOutIsRefused() {
    RuntimeException e = assertThrows(RuntimeException.class, () -> parse("--out", " "));
    assertTrue(e.getMessage().contains("--out"), e.getMessage());
  }
}
