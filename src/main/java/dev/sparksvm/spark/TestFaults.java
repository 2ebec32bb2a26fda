package dev.sparksvm.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;

/**
 * <b>Test only.</b> Failures injected into the training steps' tasks, so that tests can check what
 * a run survives on a real cluster. Inert by default: {@link #from} returns null unless one of the
 * {@code spark.sparksvm.test.*} settings below is given (e.g. {@code
 * -Dspark.sparksvm.test.failPartition=1} on the driver), and a null hook costs the tasks nothing.
 * Steps are numbered from 1, as the progress lines and {@code history.csv} number them.
 *
 * <ul>
 *   <li>{@value #EXIT_ONCE_AT_STEP}{@code =N} with {@value #MARKER_DIR}{@code =DIR}: the task of
 *       partition 0 in step N ends its executor's JVM with {@code System.exit(}{@value
 *       #EXIT_CODE}{@code )}, as Spark's own {@code DistributedSuite} crashes executors. Only the
 *       first attempt does: it creates a marker file in DIR first (a folder every executor sees),
 *       and every later attempt finds it. Refused in the driver's JVM (a {@code local} master),
 *       which it would end.
 *   <li>{@value #FAIL_PARTITION}{@code =P} (with {@value #FAIL_FROM_STEP}{@code =N}, default 1):
 *       every attempt of partition P's task from step N on throws, until Spark gives up ({@code
 *       spark.task.maxFailures}).
 * </ul>
 *
 * @param exitOnceAtStep step whose partition-0 task exits its JVM once; 0: never
 * @param markerDir where the marker of that exit goes
 * @param failPartition partition whose task fails from {@code failFromStep} on; -1: none
 * @param failFromStep first step at which it fails
 */
public record TestFaults(
    long exitOnceAtStep, String markerDir, int failPartition, long failFromStep)
    implements Serializable {
  public static final String EXIT_ONCE_AT_STEP = "spark.sparksvm.test.exitOnceAtStep";
  public static final String MARKER_DIR = "spark.sparksvm.test.markerDir";
  public static final String FAIL_PARTITION = "spark.sparksvm.test.failPartition";
  public static final String FAIL_FROM_STEP = "spark.sparksvm.test.failFromStep";

  /** The exit code of the injected crash (the one Spark's DistributedSuite uses). */
  public static final int EXIT_CODE = 42;

  public TestFaults {
    if (exitOnceAtStep > 0 && markerDir == null) {
      throw new IllegalArgumentException(
          EXIT_ONCE_AT_STEP + " needs " + MARKER_DIR + " (a folder every executor can write)");
    }
  }

  /** The faults {@code conf} asks for, or null (the normal case) when it asks for none. */
  public static TestFaults from(SparkConf conf) {
    long exitAt = conf.getLong(EXIT_ONCE_AT_STEP, 0);
    int partition = conf.getInt(FAIL_PARTITION, -1);
    if (exitAt <= 0 && partition < 0) {
      return null;
    }
    return new TestFaults(
        exitAt, conf.get(MARKER_DIR, null), partition, conf.getLong(FAIL_FROM_STEP, 1));
  }

  /** Called by a step's task before it computes: fails it when asked to. */
  void beforeStep(int partition, long zeroBasedStep) {
    long step = zeroBasedStep + 1;
    if (partition == failPartition && step >= failFromStep) {
      throw new IllegalStateException(
          "injected failure of partition "
              + partition
              + " in step "
              + step
              + " ("
              + FAIL_PARTITION
              + ")");
    }
    if (partition == 0 && step == exitOnceAtStep) {
      if ("driver".equals(SparkEnv.get().executorId())) {
        throw new IllegalStateException(
            EXIT_ONCE_AT_STEP
                + " needs executors in JVMs of their own "
                + "(a cluster or local-cluster master): here it would end the driver");
      }
      if (firstAttempt(step)) {
        System.exit(EXIT_CODE);
      }
    }
  }

  /** True for the one attempt that creates the marker of {@code step}. */
  private boolean firstAttempt(long step) {
    try {
      Files.createFile(Path.of(markerDir, "exited-at-step-" + step));
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(MARKER_DIR + " " + markerDir + ": " + e.getMessage(), e);
    }
  }
}
