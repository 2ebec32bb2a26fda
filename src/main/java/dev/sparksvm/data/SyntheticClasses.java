package dev.sparksvm.data;

import dev.sparksvm.core.Seeds;
import java.util.SplittableRandom;

/**
 * The noiseless picture of each class of a synthetic image set: every plane is cut into 4 x 4
 * cells, each a level above or below mid-grey. The pattern is drawn from the class index alone,
 * never from a run's seed, so that the training and test files of any seed, and every file of a
 * generated set, agree on what class c looks like. With 16 cells per plane, two classes differ in
 * about half the cells, so a linear classifier can tell them apart through any amount of per-pixel
 * noise given enough images.
 */
public final class SyntheticClasses {
  /** Cells per side of a plane. */
  public static final int CELLS = 4;

  private SyntheticClasses() {}

  /**
   * The mean picture of class {@code c}, in record order (planes, each row-major): 128 plus or
   * minus {@code contrast} in each cell.
   */
  public static double[] mean(ImageShape shape, int c, double contrast) {
    SplittableRandom cells = new SplittableRandom(Seeds.derive(7, c));
    double[] level = new double[CELLS * CELLS * shape.channels()];
    for (int k = 0; k < level.length; k++) {
      level[k] = 128 + (cells.nextBoolean() ? contrast : -contrast);
    }
    double[] mean = new double[shape.pixels()];
    int h = shape.height();
    int w = shape.width();
    for (int ch = 0; ch < shape.channels(); ch++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          mean[ch * h * w + y * w + x] =
              level[ch * CELLS * CELLS + (CELLS * y / h) * CELLS + CELLS * x / w];
        }
      }
    }
    return mean;
  }
}
