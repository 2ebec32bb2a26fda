package dev.sparksvm.train;

import static dev.sparksvm.options.UsageException.require;

/**
 * When a training run writes checkpoints, and which one it resumes from.
 *
 * @param every a checkpoint every this many steps; 0: never (but on a signal); {@link #AUTO}: every
 *     epoch or every {@value #AUTO_SECONDS} s of training, whichever comes first
 * @param resume the checkpoint read to continue from, or null for a fresh run
 * @param resumeDir where it was read from (for messages), or null
 */
public record CheckpointOptions(long every, Checkpoint resume, String resumeDir) {
  /** {@code every}: checkpoints by epoch and by wall time. */
  public static final long AUTO = -1;

  /** Wall time between checkpoints in {@link #AUTO} mode. */
  public static final long AUTO_SECONDS = 300;

  public CheckpointOptions {
    require(every >= AUTO, "--checkpoint-every", "an integer >= 0", every);
  }

  /** The default: checkpoints every epoch or five minutes, a fresh run. */
  public static CheckpointOptions defaults() {
    return new CheckpointOptions(AUTO, null, null);
  }

  /** No checkpoints but on a signal (tests and benchmarks that time steps). */
  public static CheckpointOptions off() {
    return new CheckpointOptions(0, null, null);
  }
}
