package dev.sparksvm.options;

import static dev.sparksvm.options.UsageException.require;

import java.util.OptionalLong;

/**
 * When a training run writes checkpoints, and which run it continues.
 *
 * @param every a checkpoint every this many steps ({@code --checkpoint-every}; 0: only when stopped
 *     by a signal); empty: every epoch or every {@value #AUTO_SECONDS} s of training, whichever
 *     comes first
 * @param resume the directory whose newest checkpoint the run continues from ({@code --resume}), or
 *     null for a fresh run
 */
public record CheckpointOptions(OptionalLong every, String resume) {
  /** Wall time between checkpoints by default. */
  public static final long AUTO_SECONDS = 300;

  public CheckpointOptions {
    require(
        every.isEmpty() || every.getAsLong() >= 0,
        "--checkpoint-every",
        "an integer >= 0",
        every.orElse(0));
    require(resume == null || !resume.isBlank(), "--resume", "a directory", "'" + resume + "'");
  }

  /** Checkpoints every epoch or five minutes; a fresh run. */
  public static CheckpointOptions defaults() {
    return new CheckpointOptions(OptionalLong.empty(), null);
  }

  /** No checkpoints but on a signal (tests and benchmarks that time steps). */
  public static CheckpointOptions off() {
    return defaults().withEvery(0);
  }

  /**
   * Whether checkpoints are written only when a signal stops the run ({@code --checkpoint-every
   * 0}).
   */
  public boolean onlyOnSignal() {
    return every.isPresent() && every.getAsLong() == 0;
  }

  public CheckpointOptions withEvery(long value) {
    return new CheckpointOptions(OptionalLong.of(value), resume);
  }

  public CheckpointOptions withResume(String value) {
    return new CheckpointOptions(every, value);
  }
}
