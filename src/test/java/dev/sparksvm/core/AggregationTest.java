package dev.sparksvm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AggregationTest {

  @Test
  void depthIsDirectUpToTheCrossover() {
    assertEquals(1, Aggregation.autoDepth(1));
    assertEquals(1, Aggregation.autoDepth(Aggregation.DIRECT_MAX_PARTITIONS));
    assertEquals(2, Aggregation.autoDepth(Aggregation.DIRECT_MAX_PARTITIONS + 1));
  }

  @Test
  void treeLevelsFollowSparksTreeAggregate() {
    // Depth 2: scale = max(ceil(sqrt(n)), 2); a level while n > scale + ceil(n / scale).
    assertEquals(List.of(), Aggregation.levels(1, 2));
    assertEquals(List.of(), Aggregation.levels(2, 2));
    assertEquals(List.of(), Aggregation.levels(5, 2)); // scale 3: 5 > 3 + 2 is false
    assertEquals(List.of(2), Aggregation.levels(6, 2)); // 6 > 3 + 2: one level of 6 / 3 tasks
    assertEquals(List.of(2), Aggregation.levels(8, 2)); // scale 3: 8 > 3 + 3, 8 / 3 = 2
    assertEquals(List.of(22), Aggregation.levels(512, 2)); // scale 23
    assertEquals(List.of(), Aggregation.levels(512, 1)); // scale 512: never
    assertEquals(List.of(64, 8), Aggregation.levels(512, 3)); // scale 8
    assertEquals(2, Aggregation.finalResults(8, 2));
    assertEquals(8, Aggregation.finalResults(512, 3));
    assertEquals(2, Aggregation.finalResults(2, 2));
  }
}
