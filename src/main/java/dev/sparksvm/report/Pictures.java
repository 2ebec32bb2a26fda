package dev.sparksvm.report;

import dev.sparksvm.core.Weights;
import dev.sparksvm.data.ImageSchema;
import dev.sparksvm.data.ImageShape;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * The pictures that are not line charts: heat maps (landscape planes, blue low and red high, with a
 * colour bar) and the learned class templates. Runs headless.
 */
public final class Pictures {
  /** Templates per row of the template grid. */
  private static final int TEMPLATES_PER_ROW = 10;

  private Pictures() {}

  /**
   * A heat map of {@code values[i * b.length + j]} at {@code (a[i], b[j])}, blue for low and red
   * for high (grey where not finite), with a colour bar and both axes.
   */
  public static byte[] heatMap(
      String title,
      String aLabel,
      String bLabel,
      String valueLabel,
      double[] a,
      double[] b,
      double[] values) {
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
    return Png.of(chart, 900, 600);
  }

  /**
   * The class templates: each row of W without its bias, rescaled to 0..255 over the whole matrix
   * and shown as a picture of the data's shape (colour for three planes R, G, B, grey for one),
   * enlarged, with the class name under it; {@value #TEMPLATES_PER_ROW} to a row, so 100 classes
   * make a 10 x 10 grid.
   */
  public static byte[] templates(Weights w, ImageSchema schema) {
    ImageShape shape = schema.shape();
    int pixels = shape.pixels();
    if (w.features() != pixels + 1 || w.classes() != schema.classes()) {
      throw new IllegalArgumentException(
          "templates of "
              + schema.classes()
              + " classes of "
              + shape
              + " images need W of "
              + schema.classes()
              + " x "
              + (pixels + 1)
              + ", got "
              + w.classes()
              + " x "
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
    int zoom = Math.max(1, 128 / Math.max(shape.height(), shape.width()));
    int cellW = shape.width() * zoom;
    int cellH = shape.height() * zoom;
    int gap = 10;
    int label = 22;
    int columns = Math.min(TEMPLATES_PER_ROW, w.classes());
    int rows = (w.classes() + columns - 1) / columns;
    BufferedImage image =
        new BufferedImage(
            columns * (cellW + gap) + gap,
            rows * (cellH + gap + label) + gap,
            BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    g.setColor(Color.BLACK);
    int plane = shape.height() * shape.width();
    for (int c = 0; c < w.classes(); c++) {
      int left = gap + (c % columns) * (cellW + gap);
      int top = gap + (c / columns) * (cellH + gap + label);
      for (int y = 0; y < shape.height(); y++) {
        for (int x = 0; x < shape.width(); x++) {
          int p = y * shape.width() + x;
          int[] rgb = new int[3];
          for (int k = 0; k < 3; k++) {
            int channel = shape.channels() == 1 ? 0 : Math.min(k, shape.channels() - 1);
            rgb[k] = (int) Math.round(255 * (w.get(c, channel * plane + p) - low) / span);
          }
          int colour = (rgb[0] << 16) | (rgb[1] << 8) | rgb[2];
          for (int dy = 0; dy < zoom; dy++) {
            for (int dx = 0; dx < zoom; dx++) {
              image.setRGB(left + x * zoom + dx, top + y * zoom + dy, colour);
            }
          }
        }
      }
      String name = schema.classNames().get(c);
      int width = g.getFontMetrics().stringWidth(name);
      g.drawString(name, left + Math.max(0, (cellW - width) / 2), top + cellH + label - 6);
    }
    g.dispose();
    return Png.of(image);
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
