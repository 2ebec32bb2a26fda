package dev.sparksvm.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The PNG charts of a scaling sweep, drawn with JFreeChart (headless): lines of measured points and
 * model predictions against the number of tasks, and stacked bars of where an iteration's time goes.
 */
public final class ScalingCharts {
  private static final int WIDTH = 1000;
  private static final int HEIGHT = 640;
  private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728),
      new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b),
      new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

  private ScalingCharts() {}

  /** How a series is drawn. */
  public enum Style {
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
   * One series of a line chart.
   *
   * @param colour index into the palette, so that a measurement and its model share a colour
   */
  public record Series(String name, double[] x, double[] y, Style style, int colour) {}

  /** A line chart; log axes are base 2 for x (task counts) and base 10 for y. */
  public static byte[] lines(String title, String xLabel, String yLabel, List<Series> series,
      boolean logX, boolean logY) {
    XYSeriesCollection data = new XYSeriesCollection();
    for (Series s : series) {
      XYSeries xy = new XYSeries(s.name(), false, true);
      for (int i = 0; i < s.x().length; i++) {
        if (Double.isFinite(s.y()[i]) && (!logY || s.y()[i] > 0)) {
          xy.add(s.x()[i], s.y()[i]);
        }
      }
      data.addSeries(xy);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data,
        PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
    for (int i = 0; i < series.size(); i++) {
      Series s = series.get(i);
      Color c = s.style() == Style.REFERENCE ? Color.GRAY : COLORS[Math.floorMod(s.colour(), COLORS.length)];
      renderer.setSeriesPaint(i, c);
      switch (s.style()) {
        case MEASURED -> {
          renderer.setSeriesStroke(i, new BasicStroke(2f));
          renderer.setSeriesShapesVisible(i, true);
        }
        case MODEL -> {
          renderer.setSeriesStroke(i, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
              BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
          renderer.setSeriesShapesVisible(i, false);
        }
        case POINTS -> {
          renderer.setSeriesLinesVisible(i, false);
          renderer.setSeriesShapesVisible(i, true);
        }
        case REFERENCE -> {
          renderer.setSeriesStroke(i, new BasicStroke(1f));
          renderer.setSeriesShapesVisible(i, false);
        }
      }
    }
    plot.setRenderer(renderer);
    if (logX) {
      LogAxis x = new LogAxis(xLabel);
      x.setBase(2);
      x.setStandardTickUnits(NumberAxis.createIntegerTickUnits()); // ticks at powers of two
      x.setNumberFormatOverride(new DecimalFormat("0"));
      x.setSmallestValue(0.5);
      plot.setDomainAxis(x);
    } else {
      NumberAxis x = (NumberAxis) plot.getDomainAxis();
      x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    }
    if (logY) {
      LogAxis y = new LogAxis(yLabel);
      y.setNumberFormatOverride(new DecimalFormat("0.##")); // the values, not 10^x
      y.setSmallestValue(1e-3);
      plot.setRangeAxis(y);
    } else {
      ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
    }
    return png(chart);
  }

  /**
   * Stacked horizontal bars: one bar per category, one segment per phase.
   *
   * @param values {@code values[bar][phase]}
   */
  public static byte[] stackedBars(String title, String valueLabel, List<String> bars,
      List<String> phases, double[][] values) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (int b = 0; b < bars.size(); b++) {
      for (int p = 0; p < phases.size(); p++) {
        data.addValue(values[b][p], phases.get(p), bars.get(b));
      }
    }
    JFreeChart chart = ChartFactory.createStackedBarChart(title, null, valueLabel, data,
        PlotOrientation.HORIZONTAL, true, false, false);
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
    StackedBarRenderer renderer = (StackedBarRenderer) plot.getRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    for (int p = 0; p < phases.size(); p++) {
      renderer.setSeriesPaint(p, COLORS[p % COLORS.length]);
    }
    int height = Math.max(HEIGHT, 120 + 28 * bars.size());
    return png(chart, WIDTH, height);
  }

  private static byte[] png(JFreeChart chart) {
    return png(chart, WIDTH, HEIGHT);
  }

  private static byte[] png(JFreeChart chart, int width, int height) {
    chart.setBackgroundPaint(Color.WHITE);
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ChartUtils.writeChartAsPNG(out, chart, width, height);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
