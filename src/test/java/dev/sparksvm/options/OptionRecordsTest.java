package dev.sparksvm.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.core.Aggregation;
import dev.sparksvm.core.Precision;
import dev.sparksvm.data.Cifar100;
import dev.sparksvm.data.DataFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Each option record refuses a bad value in its constructor, naming the option and the value; the
 * choices are types with their defaults.
 */
class OptionRecordsTest {
  private static void refused(String option, String value, Supplier<?> make) {
    UsageException e = assertThrows(UsageException.class, make::get);
    assertTrue(e.getMessage().startsWith(option), e.getMessage());
    assertTrue(e.getMessage().contains(value), "names the value " + value + ": " + e.getMessage());
  }

  @Test
  void aBadValueNamesItsOptionAndTheValue() {
    refused("--val", "-1", () -> DataOptions.defaults().withValidation(-1));
    refused("--partitions", "0", () -> DataOptions.defaults().withPartitions(0));
    refused(
        "--labels",
        "cifar10",
        () ->
            DataOptions.defaults().withFormat(DataFormat.CIFAR10).withLabels(Cifar100.Labels.FINE));
    refused("--reg", "NaN", () -> LossOptions.defaults().withReg(Double.NaN));
    refused("--delta", "0.0", () -> LossOptions.defaults().withDelta(0));
    refused("--batch", "0", () -> DescentOptions.defaults().withBatch(0));
    refused("--iters", "0", () -> DescentOptions.defaults().withIterations(0));
    refused("--lr", "-1.0", () -> InitialRate.of(-1));
    refused("--lr", "NaN", () -> InitialRate.parse("NaN"));
    refused("--lr", "'fast'", () -> InitialRate.parse("fast"));
    refused("--lr-decay", "1.5", () -> DescentOptions.defaults().withLrDecay(1.5));
    refused("--init-scale", "-1.0", () -> DescentOptions.defaults().withInitScale(-1));
    refused("--momentum", "1.0", () -> UpdateOptions.defaults().withMomentum(1));
    refused("--momentum", "NaN", () -> UpdateOptions.defaults().withMomentum(Double.NaN));
    refused("--update", "null", () -> new UpdateOptions(null, 0.9));
    refused("--aggregation-depth", "-1", () -> AggregationDepth.of(-1));
    refused("--eval-every", "-1", () -> ReportingOptions.defaults().withEvalEvery(-1));
    refused("--print-every", "0", () -> ReportingOptions.defaults().withPrintEvery(0));
    refused("--stop-at", "1.5", () -> StoppingOptions.defaults().withStopAt(1.5));
    refused("--patience", "-2", () -> StoppingOptions.defaults().withPatience(-2));
    refused("--checkpoint-every", "-5", () -> CheckpointOptions.defaults().withEvery(-5));
    refused("--out", "' '", () -> OutputOptions.of(" "));
    refused("--out", "not text", () -> OutputOptions.of("runs/caf\uFFFD"));
    refused("--event-log", "''", () -> SparkOptions.defaults().withEventLog(""));
    refused("--batch", "-2", () -> BatchSize.of(-2));
    refused("--batch", "401", () -> BatchSize.of(401).resolve(400));
    refused("--iters", "0", () -> BenchOptions.defaults().timing().withIterations(0));
    refused("--warmup", "-1", () -> BenchOptions.defaults().timing().withWarmup(-1));
    refused(
        "--batches",
        "[0, 256]",
        () -> BenchOptions.defaults().withTiming(new TimingOptions(List.of(0, 256), 1, 0)));
    refused("--models", "[0]", () -> BenchOptions.defaults().withModels(List.of(0)));
    refused("--soak", "-1", () -> BenchOptions.defaults().withSoak(-1));
    refused("--images", "0", () -> GenerateOptions.of(0, "out"));
    refused("--classes", "1", () -> GenerateOptions.of(10, "out").withClasses(1));
    refused("--per-file", "10001", () -> GenerateOptions.of(10, "out").withPerFile(10_001));
  }

  @Test
  void scaleNamesTheOptionAndTheValue() {
    ScaleOptions d = ScaleOptions.defaults();
    refused(
        "--executors",
        "[0, 1]",
        () ->
            new ScaleOptions.ExecutorAxis(
                List.of(0, 1), ScaleOptions.Vary.EXECUTORS, 0, List.of()));
    refused(
        "--weak-batch",
        "-1",
        () ->
            new ScaleOptions.ExecutorAxis(List.of(1), ScaleOptions.Vary.EXECUTORS, -1, List.of()));
    refused("--models", "1x256", () -> new ScaleOptions.ModelSize(1, 256));
    refused("--context-warmup", "-1", () -> d.withContextWarmup(-1));
    refused(
        "--predict-classes",
        "[1]",
        () ->
            new ScaleOptions.Refit(
                new dev.sparksvm.scaling.ScalingReport(List.of(1), List.of(256), List.of(1)),
                null,
                null));
    refused("--images", "[0]", () -> DataAxis.of(List.of(0), "w"));
    refused(
        "--partitions-list", "[0]", () -> DataAxis.of(List.of(10), "w").withPartitions(List.of(0)));
    // auto picks the direct path up to 64 partitions and a tree above: one cost model cannot fit
    // both
    int above = Aggregation.DIRECT_MAX_PARTITIONS + 1;
    refused(
        "--aggregation-depth 0",
        "[1, " + above + "]",
        () ->
            d.withDepth(AggregationDepth.AUTO)
                .withExecutors(
                    new ScaleOptions.ExecutorAxis(
                        List.of(1, above), ScaleOptions.Vary.PARTITIONS, 0, List.of())));
    assertEquals(
        AggregationDepth.AUTO,
        d.withDepth(AggregationDepth.of(0)).depth(),
        "scale takes 0 as auto, as train and bench do");
  }

  @Test
  void choicesAreTypesWithTheirDefaults() {
    assertEquals(OptionalInt.empty(), AggregationDepth.of(0).levels());
    assertEquals(Aggregation.autoDepth(2), AggregationDepth.AUTO.resolve(2));
    assertEquals(Aggregation.autoDepth(500), AggregationDepth.AUTO.resolve(500));
    assertEquals(3, AggregationDepth.of(3).resolve(500));
    assertEquals(0, AggregationDepth.AUTO.value(), "SparkObjective's auto");
    assertEquals(400, BatchSize.ALL.resolve(400));
    assertEquals(BatchSize.ALL, BatchSize.of(0), "the command line's --batch 0: all");
    assertEquals(64, BatchSize.of(64).resolve(400));
    assertEquals(InitialRate.AUTO, InitialRate.parse("auto"));
    assertEquals(InitialRate.of(3e-7), InitialRate.parse("3e-7"));
    assertEquals(1, DataAxis.Path.DIRECT.depth(500));
    assertEquals(2, DataAxis.Path.TREE.depth(1));
    assertEquals(Aggregation.autoDepth(9), DataAxis.Path.AUTO.depth(9));
    assertEquals("double", Precision.DOUBLE.toString(), "what the help lists");
    assertEquals(
        List.of(Precision.DOUBLE, Precision.FLOAT),
        BenchOptions.defaults()
            .withPrecisions(List.of(Precision.DOUBLE, Precision.FLOAT, Precision.DOUBLE))
            .precisions());
    assertEquals(1e-4, dev.sparksvm.explore.SearchRun.Strategy.RANDOM.defaultScale(), 0.0);
  }

  @Test
  void tuneModelsAreTrainRunsWithTheirOwnRateAndReg() {
    TuneOptions t =
        new TuneOptions(
            TuneOptions.grid(List.of(1e-6, 3e-7), List.of(1e3)),
            TrainOptions.defaults().withBatch(64));
    assertEquals(
        TrainOptions.defaults().withBatch(64).withLearningRate(3e-7).withReg(1e3), t.model(1));
  }
}
