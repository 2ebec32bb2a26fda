package dev.sparksvm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sparksvm.core.Weights;
import dev.sparksvm.data.ClassNames;
import dev.sparksvm.data.ImageSchema;
import dev.sparksvm.data.ImageShape;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The class templates of any shape and class count, drawn in a grid. */
class PicturesTest {

  @Test
  void hundredGrayscaleTemplatesMakeATenByTenGrid() throws Exception {
    ImageSchema schema = new ImageSchema(new ImageShape(28, 28, 1), ClassNames.numbered(100));
    double[] values = new double[100 * 785];
    // Class c is bright in row c % 28 only: its picture shows a white line there, the rest black.
    for (int c = 0; c < 100; c++) {
      for (int x = 0; x < 28; x++) {
        values[c * 785 + (c % 28) * 28 + x] = 1.0;
      }
    }
    values[784] = 50.0; // the bias is not drawn, so it does not change the scale
    Weights w = new Weights(100, 785, values);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(Pictures.templates(w, schema)));
    int cell = 4 * 28; // 28 pixels zoomed 4x
    assertEquals(10 * (cell + 10) + 10, image.getWidth());
    assertEquals(10 * (cell + 10 + 22) + 10, image.getHeight());
    for (int c : new int[] {0, 37, 99}) {
      int left = 10 + (c % 10) * (cell + 10);
      int top = 10 + (c / 10) * (cell + 10 + 22);
      int row = c % 28;
      assertEquals(
          0xFFFFFF,
          image.getRGB(left + 50, top + 4 * row + 1) & 0xFFFFFF,
          "class " + c + ", its bright row");
      assertEquals(
          0x000000,
          image.getRGB(left + 50, top + 4 * ((row + 5) % 28) + 1) & 0xFFFFFF,
          "class " + c + ", another row");
    }
  }

  @Test
  void weightsOfAnotherShapeAreRefused() {
    ImageSchema schema = new ImageSchema(new ImageShape(28, 28, 1), ClassNames.numbered(10));
    assertThrows(
        IllegalArgumentException.class, () -> Pictures.templates(Weights.zeros(10, 3073), schema));
  }
}
