package dev.sparksvm.report;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/**
 * JFreeChart axes that draw the range and ticks of a {@link Ticks} and no others (JFreeChart's own
 * choice labelled a log axis of 1.5 .. 9 with "10" alone, and an accuracy axis every 0.0005).
 */
final class TickedAxes {
  private TickedAxes() {}

  /** A linear axis (accuracy, decades of a log value). */
  static ValueAxis linear(String label, Ticks ticks) {
    return new Linear(label, ticks);
  }

  /** A log axis of the values themselves (loss, milliseconds). */
  static ValueAxis log(String label, Ticks ticks) {
    return new Log(label, ticks);
  }

  private static List<ValueTick> ticks(Ticks ticks, RectangleEdge edge) {
    // RectangleEdge is a class of constants, not an enum.
    TextAnchor anchor;
    if (RectangleEdge.LEFT.equals(edge)) {
      anchor = TextAnchor.CENTER_RIGHT;
    } else if (RectangleEdge.RIGHT.equals(edge)) {
      anchor = TextAnchor.CENTER_LEFT;
    } else if (RectangleEdge.TOP.equals(edge)) {
      anchor = TextAnchor.BOTTOM_CENTER;
    } else {
      anchor = TextAnchor.TOP_CENTER;
    }
    List<ValueTick> out = new ArrayList<>();
    for (Ticks.Tick t : ticks.ticks()) {
      out.add(new NumberTick(TickType.MAJOR, t.value(), t.label(), anchor, anchor, 0.0));
    }
    return out;
  }

  private static final class Linear extends NumberAxis {
    private static final long serialVersionUID = 1L;
    private final Ticks ticks;

    Linear(String label, Ticks ticks) {
      super(label);
      this.ticks = ticks;
      setRange(ticks.lower(), ticks.upper());
    }

    @Override
    public List<ValueTick> refreshTicks(
        Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
      return ticks(ticks, edge);
    }
  }

  private static final class Log extends LogAxis {
    private static final long serialVersionUID = 1L;
    private final Ticks ticks;

    Log(String label, Ticks ticks) {
      super(label);
      this.ticks = ticks;
      setRange(ticks.lower(), ticks.upper());
    }

    @Override
    public List<ValueTick> refreshTicks(
        Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
      return ticks(ticks, edge);
    }
  }
}
