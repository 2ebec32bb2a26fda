package dev.sparksvm.report;

import dev.sparksvm.report.LineChart.Series;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * The pictures of a model search: CS231n's accuracy over (log lr, log reg), and the loss curves.
 */
public final class TuneCharts {
  private TuneCharts() {}

  /** One model: where it sits and its validation accuracy (null if never measured). */
  public record Point(double learningRate, double reg, Double valAccuracy, boolean diverged) {}

  /** One model's loss per step (NaN after it diverged). */
  public record Curve(String name, double[] losses) {}

  /**
   * Each model a dot at (log10 lr, log10 reg), coloured by its validation accuracy (dark blue low,
   * yellow high, with a colour bar); a diverged model is a black cross. A regularization of 0 is
   * drawn one decade below the smallest other, at a tick labelled 0.
   */
  public static byte[] accuracyMap(List<Point> points) {
    double zeroReg =
        points.stream().filter(p -> p.reg() > 0).mapToDouble(Point::reg).min().orElse(1) / 10;
    boolean anyZeroReg = points.stream().anyMatch(p -> p.reg() <= 0);
    List<double[]> good = new ArrayList<>();
    List<double[]> bad = new ArrayList<>();
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (Point p : points) {
      double x = Math.log10(p.learningRate());
      double y = Math.log10(p.reg() > 0 ? p.reg() : zeroReg);
      if (p.diverged() || p.valAccuracy() == null) {
        bad.add(new double[] {x, y, 0});
      } else {
        good.add(new double[] {x, y, p.valAccuracy()});
        low = Math.min(low, p.valAccuracy());
        high = Math.max(high, p.valAccuracy());
      }
    }
    if (!(high > low)) {
      high = (Double.isFinite(low) ? low : 0) + 0.01;
      low = high - 0.02;
    }
    DefaultXYZDataset data = new DefaultXYZDataset();
    data.addSeries("models", columns(good));
    data.addSeries("diverged", columns(bad));
    Viridis scale = new Viridis(low, high);
    XYShapeRenderer renderer =
        new XYShapeRenderer() {
          private static final long serialVersionUID = 1L;

          @Override
          public Paint getPaint(org.jfree.data.xy.XYDataset dataset, int series, int item) {
            return series == 1
                ? Color.BLACK
                : scale.getPaint(((DefaultXYZDataset) dataset).getZValue(series, item));
          }
        };
    renderer.setSeriesShape(0, new Ellipse2D.Double(-9, -9, 18, 18));
    renderer.setSeriesShape(1, cross());
    // Outlines: a grey ring around each dot, and the crosses, which have no inside to fill.
    renderer.setDrawOutlines(true);
    renderer.setUseOutlinePaint(true);
    renderer.setSeriesOutlinePaint(0, Color.DARK_GRAY);
    renderer.setSeriesOutlinePaint(1, Color.BLACK);
    renderer.setSeriesOutlineStroke(0, new BasicStroke(1f));
    renderer.setSeriesOutlineStroke(1, new BasicStroke(3f));
    // Log10 coordinates, ticked at whole decades (and 3 times them), labelled with the values.
    double[][] xy = columns(concat(good, bad));
    Ticks yTicks = Ticks.decades(xy[1]);
    if (anyZeroReg) {
      yTicks = yTicks.withZeroAt(Math.log10(zeroReg), Math.log10(zeroReg * 10));
    }
    ValueAxis x = TickedAxes.linear("learning rate (log scale)", Ticks.decades(xy[0]));
    ValueAxis y = TickedAxes.linear("regularization strength (log scale)", yTicks);
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart =
        new JFreeChart(
            "Validation accuracy (crosses: diverged)", JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    NumberAxis barAxis = new NumberAxis("validation accuracy");
    barAxis.setAutoRangeIncludesZero(false);
    double step = Ticks.roundStep((high - low) / 6);
    barAxis.setTickUnit(
        new NumberTickUnit(step, new DecimalFormat(step < 0.01 ? "0.000" : "0.00")));
    PaintScaleLegend bar = new PaintScaleLegend(scale, barAxis);
    bar.setPosition(RectangleEdge.RIGHT);
    bar.setStripWidth(18);
    bar.setAxisOffset(4);
    bar.setMargin(new RectangleInsets(10, 10, 10, 10));
    bar.setSubdivisionCount(128);
    chart.addSubtitle(bar);
    return Png.of(chart, 900, 640);
  }

  /** Every model's mini-batch loss per step on a log axis, one colour each. */
  public static byte[] curves(List<Curve> curves) {
    List<Series> series = new ArrayList<>();
    for (int i = 0; i < curves.size(); i++) {
      double[] losses = curves.get(i).losses();
      double[] steps = new double[losses.length];
      for (int t = 0; t < steps.length; t++) {
        steps[t] = t + 1;
      }
      series.add(Series.line(curves.get(i).name(), steps, losses, i));
    }
    return LineChart.of("Mini-batch loss of every model", "step", "mini-batch loss")
        .add(series)
        .logY()
        .png();
  }

  private static List<double[]> concat(List<double[]> a, List<double[]> b) {
    List<double[]> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static double[][] columns(List<double[]> rows) {
    double[][] xyz = new double[3][rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      for (int j = 0; j < 3; j++) {
        xyz[j][i] = rows.get(i)[j];
      }
    }
    return xyz;
  }

  private static Shape cross() {
    Path2D.Double p = new Path2D.Double();
    p.moveTo(-8, -8);
    p.lineTo(8, 8);
    p.moveTo(-8, 8);
    p.lineTo(8, -8);
    return p;
  }

  /** Dark blue (low) through green to yellow (high), as matplotlib's viridis. */
  private record Viridis(double lowerBound, double upperBound) implements PaintScale {
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
      double t = Math.max(0, Math.min(1, (value - lowerBound) / (upperBound - lowerBound)));
      int[][] stops = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
      double f = t * (stops.length - 1);
      int i = Math.min(stops.length - 2, (int) f);
      double u = f - i;
      return new Color(
          (int) Math.round(stops[i][0] + u * (stops[i + 1][0] - stops[i][0])),
          (int) Math.round(stops[i][1] + u * (stops[i + 1][1] - stops[i][1])),
          (int) Math.round(stops[i][2] + u * (stops[i + 1][2] - stops[i][2])));
    }
  }
}
