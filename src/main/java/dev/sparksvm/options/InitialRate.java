package dev.sparksvm.options;

import static dev.sparksvm.options.UsageException.require;

/**
 * {@code --lr X|auto}: the step size training starts from (it then decays per epoch), given, or
 * chosen by a step-size sweep from the initial W ({@code optim.StepSizeChoice}).
 */
public sealed interface InitialRate permits InitialRate.Fixed, InitialRate.Auto {
  /** Chosen by a step-size sweep when the run begins (a resumed run keeps the choice it made). */
  InitialRate AUTO = new Auto();

  /** A given step size. */
  static InitialRate of(double value) {
    return new Fixed(value);
  }

  /**
   * The rate as the command line writes it: {@code auto}, or a finite number > 0.
   *
   * @throws UsageException naming {@code --lr} and {@code text}
   */
  static InitialRate parse(String text) {
    if (text.equals("auto")) {
      return AUTO;
    }
    double value;
    try {
      value = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new UsageException("--lr must be a number or auto, got '" + text + "'");
    }
    require(!Double.isNaN(value), "--lr", "a finite number > 0", text);
    return of(value);
  }

  /** As the command line writes it ({@link #parse} reads it back exactly). */
  String text();

  /**
   * A given step size.
   *
   * @param value the step size, a finite number > 0
   */
  record Fixed(double value) implements InitialRate {
    public Fixed {
      require(value > 0 && Double.isFinite(value), "--lr", "a finite number > 0 or auto", value);
    }

    @Override
    public String text() {
      return Double.toString(value);
    }
  }

  /** Chosen by a step-size sweep from the initial W. */
  record Auto() implements InitialRate {
    @Override
    public String text() {
      return "auto";
    }
  }
}
