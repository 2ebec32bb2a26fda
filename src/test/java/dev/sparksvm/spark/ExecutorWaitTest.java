package dev.sparksvm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** What a run that waits for executors says (the waiting itself: StandaloneClusterTest). */
class ExecutorWaitTest {
  @Test
  void aWaitForExecutorsNamesWhatTheClusterMustHaveFree() {
    assertEquals(
        "the master spark://h:7077 starts them only on Workers with free cores (all of a Worker's"
            + " per executor, spark.cores.max=1) and free memory (spark.executor.memory=2g); other"
            + " applications may hold them all: the run starts when they finish (see the master's"
            + " web UI)",
        ExecutorWait.reason(
            new SparkConf(false)
                .setMaster("spark://h:7077")
                .set("spark.cores.max", "1")
                .set("spark.executor.memory", "2g")));
  }
}
