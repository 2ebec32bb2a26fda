package dev.sparksvm.report;

import dev.sparksvm.core.Weights;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * PNG pictures of our results, drawn with JFreeChart: line charts (loss curves, sweeps, landscape
 * rays), heat maps (landscape planes, blue low and red high, with a colour bar), and the learned class
 * templates. Runs headless.
 */
public final class Charts {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 600;

  private Charts() {}

  /** One line of a line chart. */
  public record Series(String name, double[] x, double[] y) {}

  /**
   * A line chart of one or more series.
   *
   * @param logX logarithmic x axis (e.g. step sizes)
   * @param logY logarithmic y axis (non-positive and non-finite values are dropped)
   */
  public static byte[] lines(String title, String xLabel, String yLabel, List<Series> series,
      boolean logX, boolean logY) {
    XYSeriesCollection data = new XYSeriesCollection();
    for (Series s : series) {
      XYSeries xy = new XYSeries(s.name(), false, true);
      for (int i = 0; i < s.x().length; i++) {
        double y = s.y()[i];
        if (Double.isFinite(y) && (!logY || y > 0)) {
          xy.add(s.x()[i], y);
        }
      }
      data.addSeries(xy);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data,
        PlotOrientation.VERTICAL, series.size() > 1, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
    for (int i = 0; i < series.size(); i++) {
      renderer.setSeriesStroke(i, new BasicStroke(2f));
    }
    if (logX) {
      plot.setDomainAxis(new LogAxis(xLabel));
    }
    if (logY) {
      plot.setRangeAxis(new LogAxis(yLabel));
    } else {
      ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    }
    return png(chart);
  }

  /**
   * A heat map of {@code values[i * b.length + j]} at {@code (a[i], b[j])}, blue for low and red for
   * high, with a colour bar and both axes.
   */
  public static byte[] heatMap(String title, String aLabel, String bLabel, String valueLabel,
      double[] a, double[] b, double[] values) {
    double[][] xyz = new double[3][values.length];
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < b.length; j++) {
        int k = i * b.length + j;
        xyz[0][k] = a[i];
        xyz[1][k] = b[j];
        xyz[2][k] = values[k];
        if (Double.isFinite(values[k])) {
          low = Math.min(low, values[k]);
          high = Math.max(high, values[k]);
        }
      }
    }
    if (!(high > low)) {
      high = low + 1;
    }
    DefaultXYZDataset data = new DefaultXYZDataset();
    data.addSeries(valueLabel, xyz);
    XYBlockRenderer renderer = new XYBlockRenderer();
    renderer.setBlockWidth(a.length > 1 ? (a[a.length - 1] - a[0]) / (a.length - 1) : 1);
    renderer.setBlockHeight(b.length > 1 ? (b[b.length - 1] - b[0]) / (b.length - 1) : 1);
    BlueToRed scale = new BlueToRed(low, high);
    renderer.setPaintScale(scale);
    NumberAxis x = new NumberAxis(aLabel);
    NumberAxis y = new NumberAxis(bLabel);
    x.setAutoRangeIncludesZero(false);
    y.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    NumberAxis barAxis = new NumberAxis(valueLabel);
    barAxis.setAutoRangeIncludesZero(false);
    PaintScaleLegend bar = new PaintScaleLegend(scale, barAxis);
    bar.setPosition(RectangleEdge.RIGHT);
    bar.setStripWidth(18);
    bar.setAxisOffset(4);
    bar.setMargin(new RectangleInsets(10, 10, 10, 10));
    bar.setSubdivisionCount(128);
    chart.addSubtitle(bar);
    chart.setBackgroundPaint(Color.WHITE);
    return png(chart);
  }

  /**
   * The class templates: each row of W without its bias, rescaled to 0..255 over the whole matrix,
   * shown as a 32 x 32 colour picture (planes R, G, B as in the CIFAR-10 record), enlarged, with the
   * class name under it; all classes side by side in one PNG.
   */
  public static byte[] templates(Weights w, List<String> classNames, int side) {
    int pixels = 3 * side * side;
    if (w.features() != pixels + 1) {
      throw new IllegalArgumentException("templates need " + (pixels + 1) + " features, W has "
          + w.features());
    }
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < w.classes(); c++) {
      for (int j = 0; j < pixels; j++) {
        low = Math.min(low, w.get(c, j));
        high = Math.max(high, w.get(c, j));
      }
    }
    double span = high > low ? high - low : 1;
    int zoom = 4;
    int cell = side * zoom;
    int gap = 10;
    int label = 22;
    BufferedImage image = new BufferedImage(w.classes() * (cell + gap) + gap, cell + 2 * gap + label,
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    g.setColor(Color.BLACK);
    for (int c = 0; c < w.classes(); c++) {
      int left = gap + c * (cell + gap);
      for (int y = 0; y < side; y++) {
        for (int x = 0; x < side; x++) {
          int p = y * side + x;
          int r = (int) Math.round(255 * (w.get(c, p) - low) / span);
          int gr = (int) Math.round(255 * (w.get(c, side * side + p) - low) / span);
          int b = (int) Math.round(255 * (w.get(c, 2 * side * side + p) - low) / span);
          int rgb = (r << 16) | (gr << 8) | b;
          for (int dy = 0; dy < zoom; dy++) {
            for (int dx = 0; dx < zoom; dx++) {
              image.setRGB(left + x * zoom + dx, gap + y * zoom + dy, rgb);
            }
          }
        }
      }
      String name = c < classNames.size() ? classNames.get(c) : "class " + c;
      int width = g.getFontMetrics().stringWidth(name);
      g.drawString(name, left + (cell - width) / 2, gap + cell + label - 4);
    }
    g.dispose();
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The history's loss curve (and validation accuracy where measured, on its own axis). */
  public static byte[] lossCurve(History history) {
    List<History.Row> rows = history.rows();
    double[] it = new double[rows.size()];
    double[] loss = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      it[i] = rows.get(i).iteration();
      loss[i] = rows.get(i).loss();
    }
    return lines("Training loss", "iteration", "mini-batch loss",
        List.of(new Series("loss", it, loss)), false, true);
  }

  private static byte[] png(JFreeChart chart) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Blue (low) through cyan, green and yellow to red (high). */
  private record BlueToRed(double lowerBound, double upperBound) implements PaintScale {
    @Override
    public double getLowerBound() {
      return lowerBound;
    }

    @Override
    public double getUpperBound() {
      return upperBound;
    }

    @Override
    public Paint getPaint(double value) {
      if (!Double.isFinite(value)) {
        return Color.GRAY;
      }
      double t = Math.max(0, Math.min(1, (value - lowerBound) / (upperBound - lowerBound)));
      return Color.getHSBColor((float) (2.0 / 3.0 * (1 - t)), 1f, 1f);
    }
  }
}
