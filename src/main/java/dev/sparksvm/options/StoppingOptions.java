package dev.sparksvm.options;

import static dev.sparksvm.options.UsageException.require;

import dev.sparksvm.optim.EarlyStopping;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Which W a training run keeps and when it stops before {@code --iters}, judged by the validation
 * accuracy at the {@code --eval-every} points.
 *
 * @param keep the last W, or the best one seen ({@code --keep})
 * @param stopAt stop once validation accuracy reaches this ({@code --stop-at}); empty: never
 * @param patience stop after this many evaluations without a better accuracy ({@code --patience});
 *     0: never
 */
public record StoppingOptions(Keep keep, OptionalDouble stopAt, int patience) {
  /** Which W to keep. */
  public enum Keep {
    /** The W of the last step taken. */
    LAST,
    /** The W with the best validation accuracy at the evaluation points. */
    BEST;

    /** The name on the command line: {@code last} or {@code best}. */
    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public StoppingOptions {
    Objects.requireNonNull(keep, "keep");
    require(
        stopAt.isEmpty() || (stopAt.getAsDouble() > 0 && stopAt.getAsDouble() <= 1),
        "--stop-at",
        "an accuracy in (0, 1]",
        stopAt.orElse(0));
    require(patience >= 0, "--patience", "an integer >= 0", patience);
  }

  /** Keep the last W, never stop early. */
  public static StoppingOptions defaults() {
    return new StoppingOptions(Keep.LAST, OptionalDouble.empty(), 0);
  }

  public StoppingOptions withKeep(Keep value) {
    return new StoppingOptions(value, stopAt, patience);
  }

  /** The same options stopping once validation accuracy reaches {@code value}. */
  public StoppingOptions withStopAt(double value) {
    return new StoppingOptions(keep, OptionalDouble.of(value), patience);
  }

  public StoppingOptions withPatience(int value) {
    return new StoppingOptions(keep, stopAt, value);
  }

  /** The optimizer's side of these options. */
  public EarlyStopping earlyStopping() {
    return new EarlyStopping(keep == Keep.BEST, stopAt.orElse(Double.NaN), patience);
  }
}
