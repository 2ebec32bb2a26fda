package dev.sparksvm.train;

import dev.sparksvm.spark.TaskFailure;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;

/**
 * A training run that Spark could not carry on: one task of a step failed {@code
 * spark.task.maxFailures} times, so Spark gave the job up. The command line prints the message as
 * one line (the step, the partition, the last failure and how to resume) and exits with 1. The
 * checkpoints already written are complete files and stay where they are.
 */
public final class TaskFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  TaskFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * The failure of step {@code step} (numbered from 1) of {@code iterations}, naming the newest
   * checkpoint in {@code out} to resume from.
   */
  static TaskFailedException inStep(
      TaskFailure failure,
      long step,
      long iterations,
      String out,
      Configuration conf,
      Throwable cause) {
    String resume;
    try {
      Checkpoint newest = CheckpointFormat.newest(out, conf);
      resume =
          newest == null
              ? "no checkpoint in "
                  + out
                  + " to resume from: the run must start "
                  + "again (--checkpoint-every N writes them)"
              : "resume from its checkpoint of step "
                  + newest.step()
                  + " with: train --resume "
                  + out;
    } catch (UncheckedIOException | IllegalArgumentException e) {
      resume = "resume with: train --resume " + out + " if it holds a checkpoint";
    }
    return new TaskFailedException(
        "step " + step + " of " + iterations + " failed: " + failure + "; " + resume, cause);
  }
}
