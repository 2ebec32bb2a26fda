package dev.sparksvm.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.input.ImageFiles;
import dev.sparksvm.input.RecordSelection;
import dev.sparksvm.spark.CifarFixtures;
import dev.sparksvm.spark.ImageData;
import dev.sparksvm.spark.ImageLoader;
import dev.sparksvm.spark.LocalSpark;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one timer of bench and scale, on local[2]: what it reports must fit what happened. */
class IterationTimerTest {
  @TempDir Path dir;

  @Test
  void eachStepsPhasesFitInsideItsTimeAndTheStepsInsideTheCall() throws Exception {
    JavaSparkContext sc = LocalSpark.get();
    CifarFixtures.batches(dir, 40);
    ImageFiles files =
        ImageFiles.resolve(dir.toString(), ImageFiles.Request.training(), sc.hadoopConfiguration());
    ImageData data = ImageLoader.load(sc, files, RecordSelection.all(), 2, "timer test");
    try {
      for (int models : new int[] {1, 3}) {
        long start = System.nanoTime();
        IterationTimer.Timings t =
            IterationTimer.time(sc, data, data.pixelMean(), 10, models, 32, 7, 1, 2, 5);
        double wallMillis = (System.nanoTime() - start) / 1e6;
        assertEquals(5, t.total().length, "one total per timed step");
        assertEquals(IterationTimer.PHASES, t.phases().length);
        double timed = 0;
        for (int i = 0; i < 5; i++) {
          double phases = 0;
          for (double[] phase : t.phases()) {
            assertEquals(5, phase.length, "one split per timed step");
            assertTrue(phase[i] >= 0, "step " + i + ": " + Arrays.deepToString(t.phases()));
            phases += phase[i];
          }
          // The phases are measured inside the step (evaluation, then the update of W).
          assertTrue(
              phases <= t.total()[i] * (1 + 1e-9),
              "step " + i + ": phases " + phases + " ms of " + t.total()[i] + " ms");
          assertTrue(t.phases()[1][i] > 0, "the critical task computed something");
          timed += t.total()[i];
        }
        // The timed steps ran inside the call, after the untimed warm-up: milliseconds, in all less
        // than the call took.
        assertTrue(timed < wallMillis, timed + " ms of steps in a call of " + wallMillis + " ms");
        double min = Arrays.stream(t.total()).min().orElseThrow();
        double max = Arrays.stream(t.total()).max().orElseThrow();
        assertTrue(min <= t.median() && t.median() <= max, Arrays.toString(t.total()));
        assertTrue(t.quantile(0.25) <= t.median() && t.median() <= t.quantile(0.75));
      }
    } finally {
      data.unpersist();
    }
  }
}
