package dev.sparksvm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class LineChartTest {
  @Test
  void aLogAxisDrawsACurveThatDivergesTo1e300() throws Exception {
    double[] steps = new double[40];
    double[] fine = new double[40];
    double[] diverging = new double[40];
    for (int t = 0; t < 40; t++) {
      steps[t] = t + 1;
      fine[t] = 50.0 / (1 + t);
      diverging[t] = 50.0 * Math.pow(1e8, t); // 1e300 by step 38, then infinite
    }
    // Uncapped, JFreeChart's log axis built ~70 million ticks for such a range and ran out of heap.
    byte[] png =
        assertTimeoutPreemptively(
            Duration.ofSeconds(60),
            () ->
                LineChart.of("loss", "step", "loss")
                    .add(
                        List.of(
                            LineChart.Series.line("fine", steps, fine, 0),
                            LineChart.Series.line("diverging", steps, diverging, 1)))
                    .logY()
                    .png());
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(1000, image.getWidth());
    assertEquals(640, image.getHeight());
  }

  /** Two series may share a name (two models whose values round alike): both are drawn. */
  @Test
  void twoSeriesOfTheSameNameAreBothDrawn() throws Exception {
    double[] x = {1, 2, 3};
    byte[] png =
        LineChart.of("loss", "step", "loss")
            .add(
                List.of(
                    LineChart.Series.line("lr 1e-07 reg 0", x, new double[] {3, 2, 1}, 0),
                    LineChart.Series.line("lr 1e-07 reg 0", x, new double[] {4, 3, 2}, 1)))
            .logY()
            .png();
    assertEquals(1000, ImageIO.read(new ByteArrayInputStream(png)).getWidth());
  }

  /** A chart that cannot be drawn is a warning and no picture, never an exception. */
  @Test
  void aPictureThatFailsIsNothingButAWarning() {
    double[] x = {1, 2, 3};
    double[] tooShort = {1};
    assertEquals(
        java.util.Optional.empty(),
        Figures.tryDraw(
            "broken.png",
            () ->
                LineChart.of("loss", "step", "loss")
                    .add(LineChart.Series.line("broken", x, tooShort, 0))
                    .png()));
    assertEquals(
        3,
        Figures.tryDraw("ok.png", () -> new byte[] {1, 2, 3}).orElseThrow().length,
        "a picture that is drawn is handed on");
  }
}
