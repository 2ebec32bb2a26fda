package dev.sparksvm.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.core.Precision;
import dev.sparksvm.data.Cifar100;
import dev.sparksvm.data.DataFormat;
import dev.sparksvm.optim.UpdateRule;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A training run's options as text and back: what a checkpoint can hold. */
class TrainArgsTest {
  /** Every option away from its default, and values whose text is easy to get wrong. */
  private static TrainOptions everything() {
    return TrainOptions.defaults(LossKind.SOFTMAX)
        .withData(
            DataOptions.defaults()
                .withData("hdfs://nn/data/cifar-100")
                .withTest("file:/tmp/test dir/test.bin")
                .withValidation(0)
                .withPartitions(7)
                .withSeed(-3)
                .withFormat(DataFormat.CIFAR100)
                .withLabels(Cifar100.Labels.COARSE))
        // 0.30000000000000004: the text must keep every bit.
        .withLoss(LossOptions.defaults(LossKind.SOFTMAX).withReg(0.1 + 0.2).withDelta(2.5))
        .withBatch(1)
        .withIterations(Long.MAX_VALUE)
        .withLearningRate(1.0 / 3)
        .withLrDecay(1)
        .withInitScale(0)
        .withAggregationDepth(3)
        .withPrecision(Precision.FLOAT)
        .withUpdate(new UpdateOptions(UpdateRule.NESTEROV, 0.1 + 0.7))
        .withEvalEvery(0)
        .withPrintEvery(7)
        .withStopping(
            StoppingOptions.defaults()
                .withKeep(StoppingOptions.Keep.BEST)
                .withStopAt(0.42)
                .withPatience(2))
        .withCheckpoints(CheckpointOptions.defaults().withEvery(0).withResume("runs/a"))
        .withSpark(SparkOptions.defaults().withMaster("local[3]").withEventLog("/tmp/ev"))
        .withOutput(OutputOptions.of("runs/b").withOverwrite(true));
  }

  @Test
  void everyOptionReadsBackExactly() {
    for (TrainOptions o :
        new TrainOptions[] {
          TrainOptions.defaults(),
          TrainOptions.defaults(LossKind.SOFTMAX),
          everything(),
          everything().withLearningRate(InitialRate.AUTO).withAggregationDepth(0)
        }) {
      Map<String, String> args = TrainArgs.of(o);
      assertEquals(o, TrainArgs.parse(args), args.toString());
      assertTrue(TrainArgs.NAMES.containsAll(args.keySet()), args.toString());
    }
  }

  @Test
  void theTextIsTheCommandLines() {
    Map<String, String> args = TrainArgs.of(everything());
    assertEquals("softmax", args.get("--loss"));
    assertEquals("0.30000000000000004", args.get("--reg"));
    assertEquals("0.3333333333333333", args.get("--lr"));
    assertEquals("float", args.get("--precision"));
    assertEquals("nesterov", args.get("--update"));
    assertEquals("0.7999999999999999", args.get("--momentum"));
    assertEquals("cifar100", args.get("--format"));
    assertEquals("coarse", args.get("--labels"));
    assertEquals("best", args.get("--keep"));
    assertEquals("3", args.get("--aggregation-depth"));
    assertEquals("true", args.get("--overwrite"));
    Map<String, String> defaults = TrainArgs.of(TrainOptions.defaults());
    assertEquals("6.0E-7", defaults.get("--lr"));
    assertEquals("0", defaults.get("--aggregation-depth"), "auto, as the command line says it");
    for (String unset : new String[] {"--data", "--partitions", "--stop-at", "--resume", "--out"}) {
      assertFalse(defaults.containsKey(unset), unset + " has no value by default");
    }
    assertEquals(
        "auto",
        TrainArgs.of(TrainOptions.defaults().withLearningRate(InitialRate.AUTO)).get("--lr"));
  }

  @Test
  void aMissingOptionHasTheDefaultOfItsLoss() {
    assertEquals(
        TrainOptions.defaults(LossKind.SOFTMAX), TrainArgs.parse(Map.of("--loss", "softmax")));
    assertEquals(
        TrainOptions.defaults().withBatch(64).withIterations(15),
        TrainArgs.parse(Map.of("--batch", "64", "--iters", "15")));
  }

  @Test
  void aBadNameOrValueIsNamed() {
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("--bacth", "64");
    assertTrue(
        assertThrows(UsageException.class, () -> TrainArgs.parse(bad))
            .getMessage()
            .contains("'--bacth'"));
    for (String[] nv :
        new String[][] {
          {"--batch", "many"},
          {"--batch", "0"},
          {"--lr", "fast"},
          {"--loss", "hinge"},
          {"--precision", "half"},
          {"--update", "adam"},
          {"--momentum", "1.0"},
          {"--keep", "first"},
          {"--overwrite", "yes"},
          {"--aggregation-depth", "-1"},
          {"--format", "png"}
        }) {
      UsageException e =
          assertThrows(UsageException.class, () -> TrainArgs.parse(Map.of(nv[0], nv[1])));
      assertTrue(e.getMessage().contains(nv[0]) && e.getMessage().contains(nv[1]), e.getMessage());
    }
  }
}
