package dev.sparksvm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Splitting an evaluation along its critical task. */
class IterationPhasesTest {

  @Test
  void theTaskReadyLastIsCriticalAndThePartsAddUp() {
    // Task 0: starts at t = 1000 us, reads for 2 ms, computes 10 ms: ready at 13000 us.
    // Task 1: starts at t = 3000 us, reads for 1 ms, computes 11 ms: ready at 15000 us (critical).
    List<TaskTiming> tasks =
        List.of(
            new TaskTiming(0, 1_000, 2_000_000, 10_000_000, 5),
            new TaskTiming(1, 3_000, 1_000_000, 11_000_000, 5));
    IterationPhases p = IterationPhases.split(30_000_000, 500_000, 19_000, 2_000_000, tasks);
    assertEquals(1_500_000, p.broadcastNanos(), "create 0.5 ms + critical read 1 ms");
    assertEquals(11_000_000, p.computeNanos());
    assertEquals(4_000_000, p.aggregationNanos(), "ready at 15000 us, returned at 19000 us");
    assertEquals(2_000_000, p.driverNanos());
    assertEquals(30_000_000, p.totalNanos());
    assertEquals(11_500_000, p.schedulingNanos());
    assertEquals(2, p.tasks());
    assertEquals(32_000_000, p.plusDriver(2_000_000).totalNanos());
  }

  @Test
  void clockDisagreementNeverMakesAPartNegative() {
    List<TaskTiming> tasks = List.of(new TaskTiming(0, 50_000, 0, 1_000_000, 5));
    // The driver's clock says the job ended before the task was ready: aggregation 0.
    IterationPhases early = IterationPhases.split(5_000_000, 0, 40_000, 0, tasks);
    assertEquals(0, early.aggregationNanos());
    assertEquals(4_000_000, early.schedulingNanos());
    // ... or long after the evaluation could have: aggregation takes the whole rest, scheduling 0.
    IterationPhases late = IterationPhases.split(5_000_000, 0, 900_000, 0, tasks);
    assertEquals(4_000_000, late.aggregationNanos());
    assertEquals(0, late.schedulingNanos());
  }
}
