package dev.sparksvm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparksvm.spark.ExecutorLossLog.Block;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lines {@link ExecutorLossLog} writes, from the events Spark delivers in the orders they come
 * in on a cluster (LostExecutorTest sees the real ones): blocks cached by the load job on two
 * executors, steps of about 30 ms, then one executor lost.
 */
class ExecutorLossLogTest {
  private static final int TRAIN = 3;
  private static final int VALIDATION = 5;

  /** A log that has seen the load cache two blocks of each set, and 25 undisturbed 30 ms steps. */
  private static ExecutorLossLog loaded() {
    ExecutorLossLog log = new ExecutorLossLog(null);
    log.rddNamed(TRAIN, "train images");
    log.rddNamed(VALIDATION, "validation images");
    log.jobStarted(0, 1_000, "load: cache 500 images in 2 partitions", "collect at ImageLoader");
    log.blockUpdated(new Block(TRAIN, 0), "0", true);
    log.blockUpdated(new Block(TRAIN, 1), "1", true);
    log.blockUpdated(new Block(VALIDATION, 0), "1", true);
    log.blockUpdated(new Block(VALIDATION, 1), "0", true);
    log.jobEnded(0, 2_000);
    for (int step = 1; step <= 25; step++) {
      long start = 10_000 + 100L * step;
      log.jobStarted(step, start, "train svm: step " + step + "/50 (batch 64)", "sparksvm step");
      log.jobEnded(step, start + (step % 2 == 0 ? 20 : 40)); // median 30 ms over the last 20
    }
    return log;
  }

  @Test
  void anExecutorLostDuringAStepThatRebuildsItsBlockGivesTwoLines() {
    ExecutorLossLog log = loaded();
    log.jobStarted(26, 20_000, "train svm: step 26/50 (batch 64)", "sparksvm step");
    log.executorRemoved("0", "Command exited with code 42");
    log.blockUpdated(new Block(TRAIN, 0), "1", true);
    log.jobEnded(26, 21_420);
    assertEquals(
        List.of(
            "executor 0 lost (Command exited with code 42) during train svm: step 26/50 (batch 64);"
                + " it held train images partition 0, validation images partition 1: Spark rebuilds"
                + " them from the files when a task needs them",
            "train svm: step 26/50 (batch 64) took 1.42 s instead of ~0.03 s: rebuilt train images "
                + "partition 0 on executor 1"),
        log.reports());
    assertEquals(1, log.executorsLost());
    assertEquals(1, log.blocksRebuilt());
  }

  @Test
  void aBlockLostBetweenJobsIsReportedByTheJobThatRebuildsIt() {
    ExecutorLossLog log = loaded();
    log.executorRemoved("1", "Command exited with code 137");
    log.jobStarted(26, 20_000, "train svm: step 26/50 (batch 64)", "sparksvm step");
    log.blockUpdated(new Block(TRAIN, 1), "0", true);
    log.jobEnded(26, 20_100);
    log.jobStarted(27, 20_200, "train: validation accuracy", "collect at DistributedAccuracy");
    log.blockUpdated(new Block(VALIDATION, 0), "2", true);
    log.jobEnded(27, 20_900);
    assertEquals(
        List.of(
            "executor 1 lost (Command exited with code 137) between jobs; it held train images"
                + " partition 1, validation images partition 0: Spark rebuilds them from the files"
                + " when a task needs them",
            "train svm: step 26/50 (batch 64) took 0.10 s instead of ~0.03 s: rebuilt train images "
                + "partition 1 on executor 0",
            "train: validation accuracy took 0.70 s: rebuilt validation images partition 0 on"
                + " executor 2"),
        log.reports(),
        "no usual time for a kind of job never seen undisturbed");
    assertEquals(2, log.blocksRebuilt());
  }

  @Test
  void aBlockRebuiltBeforeSparkAnnouncesTheLossIsNotLostTwice() {
    // The executor's connection drops, the next step cannot read its block and rebuilds it, and
    // only
    // then does Spark remove the executor (it waits for the Worker's exit code).
    ExecutorLossLog log = loaded();
    log.jobStarted(26, 20_000, "train svm: step 26/50 (batch 64)", "sparksvm step");
    log.blockUpdated(new Block(TRAIN, 0), "1", true);
    log.jobEnded(26, 20_500);
    log.executorRemoved("0", "Command exited with code 137");
    assertEquals(
        List.of(
            "train svm: step 26/50 (batch 64) took 0.50 s instead of ~0.03 s: rebuilt "
                + "train images partition 0 on executor 1",
            "executor 0 lost (Command exited with code 137) between jobs; it held validation images"
                + " partition 1: Spark rebuilds them from the files when a task needs them; already"
                + " rebuilt elsewhere: train images partition 0"),
        log.reports());
  }

  @Test
  void aDroppedBlockIsNotLostWithItsExecutor() {
    ExecutorLossLog log = loaded();
    log.blockUpdated(new Block(VALIDATION, 0), "1", false); // unpersisted
    log.executorRemoved("1", "Executor killed by driver");
    assertEquals(
        List.of(
            "executor 1 lost (Executor killed by driver) between jobs; it held train "
                + "images partition 1: Spark rebuilds them from the files when a task needs them"),
        log.reports());
    assertEquals(0, log.blocksRebuilt());
  }

  @Test
  void anIdleExecutorLetGoOnPurposeIsNoLoss() {
    ExecutorLossLog log = loaded();
    log.executorRemoved("7", "Executor killed by driver."); // dynamic allocation, held nothing
    assertEquals(List.of(), log.reports());
    assertEquals(0, log.executorsLost());
  }
}
