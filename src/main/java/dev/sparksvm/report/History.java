package dev.sparksvm.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The training curve, one row per iteration, written as {@code history.csv}. */
public final class History {
  /**
   * One iteration (1-based: the number of updates done): the mini-batch loss it descended from,
   * seconds of training so far, its step size, and the validation accuracy after it if measured.
   */
  public record Row(
      long iteration, double loss, double seconds, double learningRate, Double valAccuracy) {}

  private final List<Row> rows = new ArrayList<>();

  public void add(Row row) {
    rows.add(row);
  }

  public List<Row> rows() {
    return List.copyOf(rows);
  }

  /**
   * CSV with header {@code iteration,loss,seconds,learning_rate,val_accuracy}; empty cell if
   * unmeasured. Seconds to the microsecond: a step is a few milliseconds, and per-step figures (the
   * median of steps 300-800 that docs/tools/time_to_accuracy.py takes, train's step set against
   * bench's) need finer than whole milliseconds.
   */
  public String toCsv() {
    StringBuilder out = new StringBuilder("iteration,loss,seconds,learning_rate,val_accuracy\n");
    for (Row r : rows) {
      out.append(r.iteration())
          .append(',')
          .append(r.loss())
          .append(',')
          .append(String.format(Locale.ROOT, "%.6f", r.seconds()))
          .append(',')
          .append(r.learningRate())
          .append(',')
          .append(r.valAccuracy() == null ? "" : r.valAccuracy().toString())
          .append('\n');
    }
    return out.toString();
  }
}
