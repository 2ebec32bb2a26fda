package dev.sparksvm.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Every line chart of the project, drawn with JFreeChart: loss curves, sweeps, landscape rays,
 * scaling sweeps and model selection curves. Log axes are labelled with plain values (0.5, 1, 2,
 * 50), never as powers (10^2.9). An optional second y axis on the right carries fractions
 * (validation accuracy beside the loss).
 */
public final class LineChart {
  private static final Color[] COLORS = {
    new Color(0x1f77b4),
    new Color(0xd62728),
    new Color(0x2ca02c),
    new Color(0xff7f0e),
    new Color(0x9467bd),
    new Color(0x8c564b),
    new Color(0xe377c2),
    new Color(0x7f7f7f),
    new Color(0xbcbd22),
    new Color(0x17becf)
  };

  /** How a series is drawn. */
  public enum Style {
    /** Solid line without markers. */
    LINE,
    /** Solid line with markers: measured points. */
    MEASURED,
    /** Dashed line without markers: a model. */
    MODEL,
    /** Markers only. */
    POINTS,
    /** Thin grey line: a reference such as ideal speed-up. */
    REFERENCE
  }

  /**
   * One series.
   *
   * @param colour index into the palette, so that a measurement and its model share a colour
   */
  public record Series(String name, double[] x, double[] y, Style style, int colour) {
    /** A plain line in the palette's {@code colour}. */
    public static Series line(String name, double[] x, double[] y, int colour) {
      return new Series(name, x, y, Style.LINE, colour);
    }
  }

  /**
   * Decades a log y axis spans at most, up from the smallest value: a diverging loss curve reaches
   * 1e300, and JFreeChart's own log axis then built tens of millions of ticks (it ran a 6 GB heap
   * out of memory); the part of such a curve above the top is cut off, which is what a reader wants
   * anyway.
   */
  static final int MAX_DECADES = 8;

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Series> series = new ArrayList<>();
  private final List<Series> right = new ArrayList<>();
  private String rightLabel;
  private double logXBase;
  private boolean logXCounts;
  private boolean logY;
  private boolean yFromZero;

  private LineChart(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  /** A chart with these labels and no series yet. */
  public static LineChart of(String title, String xLabel, String yLabel) {
    return new LineChart(title, xLabel, yLabel);
  }

  /** Adds series on the left axis. */
  public LineChart add(List<Series> more) {
    series.addAll(more);
    return this;
  }

  /** Adds one series on the left axis. */
  public LineChart add(Series one) {
    series.add(one);
    return this;
  }

  /**
   * Series of fractions (accuracies) on a second y axis, on the right: round ticks over a range of
   * at least five points ({@link Ticks#fraction}).
   */
  public LineChart rightFractions(String label, List<Series> more) {
    rightLabel = label;
    right.addAll(more);
    return this;
  }

  /** A logarithmic x axis of the given base (2 for task counts, 10 for step sizes). */
  public LineChart logX(double base) {
    logXBase = base;
    return this;
  }

  /**
   * A logarithmic x axis of counts (base 10, ticks at 1..9 times each power of ten, plain labels):
   * for ranges of one or two decades, where one tick per power would leave the axis bare.
   */
  public LineChart logXCounts() {
    logXCounts = true;
    return this;
  }

  /**
   * A logarithmic y axis (base 10; non-positive values are dropped), labelled at 1, 2 and 5 times
   * each power of ten, or at each power over more than three decades ({@link Ticks#log}).
   */
  public LineChart logY() {
    logY = true;
    return this;
  }

  /** A linear y axis that starts at zero (speed-ups, efficiencies). */
  public LineChart yFromZero() {
    yFromZero = true;
    return this;
  }

  /** The chart as a PNG. */
  public byte[] png() {
    XYPlot plot = new XYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.setDomainAxis(
        logXCounts
            ? logCounts(xLabel)
            : logXBase > 0 ? logX(xLabel, logXBase) : integerOrPlain(xLabel));
    plot.setDataset(0, dataset(series, logY));
    plot.setRenderer(0, renderer(series));
    plot.setRangeAxis(
        0,
        logY
            ? TickedAxes.log(yLabel, Ticks.log(values(series), MAX_DECADES))
            : linear(yLabel, yFromZero));
    if (!right.isEmpty()) {
      plot.setDataset(1, dataset(right, false));
      plot.setRenderer(1, renderer(right));
      plot.setRangeAxis(1, TickedAxes.linear(rightLabel, Ticks.fraction(values(right))));
      plot.mapDatasetToRangeAxis(1, 1);
    }
    boolean legend = series.size() + right.size() > 1;
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, legend);
    return Png.of(chart, 1000, 640);
  }

  private static XYSeriesCollection dataset(List<Series> list, boolean log) {
    XYSeriesCollection data = new XYSeriesCollection();
    for (int k = 0; k < list.size(); k++) {
      Series s = list.get(k);
      // Keyed by position, shown by name: two series may carry the same label (tune's models
      // whose lr and reg round alike), and JFreeChart refuses a second series with an equal key.
      XYSeries xy = new XYSeries(new Key(k, s.name()), false, true);
      for (int i = 0; i < s.x().length; i++) {
        double y = s.y()[i];
        if (Double.isFinite(y) && (!log || y > 0)) {
          xy.add(s.x()[i], y);
        }
      }
      data.addSeries(xy);
    }
    return data;
  }

  /** A series' key: unique by its position, shown (in the legend) as its name. */
  private record Key(int index, String name) implements Comparable<Key> {
    @Override
    public int compareTo(Key other) {
      return Integer.compare(index, other.index);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static XYLineAndShapeRenderer renderer(List<Series> list) {
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
    for (int i = 0; i < list.size(); i++) {
      Series s = list.get(i);
      renderer.setSeriesPaint(
          i,
          s.style() == Style.REFERENCE
              ? Color.GRAY
              : COLORS[Math.floorMod(s.colour(), COLORS.length)]);
      renderer.setSeriesShapesVisible(i, s.style() == Style.MEASURED || s.style() == Style.POINTS);
      renderer.setSeriesLinesVisible(i, s.style() != Style.POINTS);
      renderer.setSeriesStroke(
          i,
          switch (s.style()) {
            case MODEL ->
                new BasicStroke(
                    1.5f,
                    BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER,
                    10f,
                    new float[] {6f, 4f},
                    0f);
            case REFERENCE -> new BasicStroke(1f);
            default -> new BasicStroke(2f);
          });
    }
    return renderer;
  }

  /** A log x axis with a tick at each power of the base (task counts 1, 2, 4; step sizes 1E-10). */
  private static ValueAxis logX(String label, double base) {
    LogAxis axis = new LogAxis(label);
    axis.setBase(base);
    axis.setTickUnit(new NumberTickUnit(1), false, false); // one tick per power, in log space
    axis.setSmallestValue(base == 2 ? 0.5 : 1e-300);
    axis.setNumberFormatOverride(base == 2 ? new DecimalFormat("0") : new PlainNumberFormat());
    return axis;
  }

  /**
   * A log x axis of counts with ticks at 1, 2 .. 9 times each power of ten, labelled with plain
   * values.
   */
  private static ValueAxis logCounts(String label) {
    LogarithmicAxis axis = new LogarithmicAxis(label);
    axis.setStrictValuesFlag(false);
    axis.setExpTickLabelsFlag(false);
    axis.setLog10TickLabelsFlag(false);
    return axis;
  }

  /** Every y value of the series. */
  private static double[] values(List<Series> list) {
    return list.stream().flatMapToDouble(s -> Arrays.stream(s.y())).toArray();
  }

  private static ValueAxis linear(String label, boolean fromZero) {
    NumberAxis axis = new NumberAxis(label);
    axis.setAutoRangeIncludesZero(fromZero);
    return axis;
  }

  private static ValueAxis integerOrPlain(String label) {
    NumberAxis axis = new NumberAxis(label);
    axis.setAutoRangeIncludesZero(false);
    return axis;
  }
}
