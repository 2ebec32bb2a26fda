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
}
