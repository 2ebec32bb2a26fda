package dev.sparksvm.options;

import static dev.sparksvm.options.UsageException.require;

import java.util.List;

/**
 * How {@code bench} and {@code scale} time training steps: at which global batches, and how many
 * steps, untimed and timed, at each.
 *
 * @param batches global batch sizes ({@code --batches}; each >= 1)
 * @param iterations timed steps per measurement ({@code --iters})
 * @param warmup untimed steps first ({@code --warmup})
 */
public record TimingOptions(List<Integer> batches, int iterations, int warmup) {
  public TimingOptions {
    require(
        batches.stream().allMatch(b -> b >= 1),
        "--batches",
        "a comma-separated list of integers >= 1",
        batches);
    require(iterations >= 1, "--iters", "an integer >= 1", iterations);
    require(warmup >= 0, "--warmup", "an integer >= 0", warmup);
    batches = List.copyOf(batches);
  }

  public TimingOptions withBatches(List<Integer> value) {
    return new TimingOptions(value, iterations, warmup);
  }

  public TimingOptions withIterations(int value) {
    return new TimingOptions(batches, value, warmup);
  }

  public TimingOptions withWarmup(int value) {
    return new TimingOptions(batches, iterations, value);
  }
}
