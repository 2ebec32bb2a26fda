package dev.sparksvm.report;

import dev.sparksvm.report.LineChart.Series;
import dev.sparksvm.report.LineChart.Style;
import java.util.List;

/** The charts of a training run. */
public final class TrainingCharts {
  private TrainingCharts() {}

  /**
   * The mini-batch loss per iteration on a log axis, and the validation accuracy where it was
   * measured on its own axis on the right.
   */
  public static byte[] lossCurve(History history) {
    List<History.Row> rows = history.rows();
    double[] it = new double[rows.size()];
    double[] loss = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      it[i] = rows.get(i).iteration();
      loss[i] = rows.get(i).loss();
    }
    List<History.Row> measured = rows.stream().filter(r -> r.valAccuracy() != null).toList();
    LineChart chart =
        LineChart.of("Training loss and validation accuracy", "iteration", "mini-batch loss")
            .add(Series.line("mini-batch loss", it, loss, 0))
            .logY();
    if (!measured.isEmpty()) {
      chart.rightFractions(
          "validation accuracy",
          List.of(
              new Series(
                  "validation accuracy",
                  measured.stream().mapToDouble(History.Row::iteration).toArray(),
                  measured.stream().mapToDouble(History.Row::valAccuracy).toArray(),
                  Style.MEASURED,
                  1)));
    }
    return chart.png();
  }
}
