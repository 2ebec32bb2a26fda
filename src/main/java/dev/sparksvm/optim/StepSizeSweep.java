package dev.sparksvm.optim;

import dev.sparksvm.core.Candidates;
import dev.sparksvm.core.Weights;
import java.util.ArrayList;
import java.util.List;

/**
 * The loss after one step {@code W - step * grad} for a range of step sizes, all scored in one
 * pass: CS231n's table showing that small steps make slow progress and large ones overshoot.
 */
public final class StepSizeSweep {
  private StepSizeSweep() {}

  /** CS231n's step sizes, 1e-10 .. 1e-1. */
  public static double[] notesStepSizes() {
    double[] steps = new double[10];
    for (int i = 0; i < steps.length; i++) {
      steps[i] = Math.pow(10, -10 + i);
    }
    return steps;
  }

  /** One row of the table. */
  public record Row(double stepSize, double loss) {}

  /**
   * The loss at {@code w - s * gradient} for every step size s (evaluated on the batch of step 0).
   */
  public static List<Row> run(
      LossProbes objective, Weights w, Weights gradient, double[] stepSizes) {
    List<Weights> points = new ArrayList<>();
    for (double s : stepSizes) {
      Weights p = w.copy();
      p.addScaled(-s, gradient);
      points.add(p);
    }
    double[] losses = objective.losses(Candidates.of(points), 0);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < stepSizes.length; i++) {
      rows.add(new Row(stepSizes[i], losses[i]));
    }
    return rows;
  }
}
