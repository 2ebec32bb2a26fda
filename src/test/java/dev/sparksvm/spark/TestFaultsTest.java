package dev.sparksvm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test-only fault hook is inert unless asked for, and never ends the driver's JVM; a task that
 * keeps failing on a real {@code local[2]} context (where one failure is Spark's limit) is read
 * back from Spark's exception as the partition and the cause.
 */
class TestFaultsTest {
  @TempDir Path tmp;

  @Test
  void withoutTheTestSettingsThereIsNoHook() {
    assertNull(TestFaults.from(new SparkConf(false)));
    assertNull(TestFaults.from(LocalSpark.get().getConf()));
    assertNull(
        TaskFailure.of(new IllegalStateException("Task 1 in stage 2.0 failed 2 times")),
        "only Spark's own aborts");
  }

  @Test
  void aFailingPartitionIsNamedWithItsCause() {
    JavaSparkContext sc = LocalSpark.get();
    TestFaults faults =
        TestFaults.from(
            new SparkConf(false)
                .set(TestFaults.FAIL_PARTITION, "1")
                .set(TestFaults.FAIL_FROM_STEP, "25"));
    sc.parallelize(List.of(0, 1), 2)
        .foreachPartition(
            rows -> faults.beforeStep(TaskContext.getPartitionId(), 23)); // step 24: not yet
    Exception e =
        assertThrows(
            Exception.class,
            () ->
                sc.parallelize(List.of(0, 1), 2)
                    .foreachPartition(rows -> faults.beforeStep(TaskContext.getPartitionId(), 24)));
    TaskFailure failure = TaskFailure.of(e);
    assertEquals(1, failure.partition(), e.getMessage());
    assertEquals(1, failure.attempts(), "local[2] allows one failure");
    assertTrue(failure.where().endsWith("executor driver"), failure.where());
    assertEquals(
        "java.lang.IllegalStateException: injected failure of partition 1 in step 25 ("
            + TestFaults.FAIL_PARTITION
            + ")",
        failure.cause());
  }

  @Test
  void theExitHookRefusesToEndTheDriver() {
    TestFaults faults =
        TestFaults.from(
            new SparkConf(false)
                .set(TestFaults.EXIT_ONCE_AT_STEP, "10")
                .set(TestFaults.MARKER_DIR, tmp.toString()));
    LocalSpark.get(); // the driver's SparkEnv, as a local master's tasks see it
    faults.beforeStep(0, 8);
    faults.beforeStep(1, 9);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> faults.beforeStep(0, 9));
    assertTrue(e.getMessage().contains("would end the driver"), e.getMessage());
    assertTrue(!Files.exists(tmp.resolve("exited-at-step-10")), "no marker: the exit is still due");
    assertThrows(
        IllegalArgumentException.class,
        () -> TestFaults.from(new SparkConf(false).set(TestFaults.EXIT_ONCE_AT_STEP, "10")),
        "no marker folder");
  }
}
