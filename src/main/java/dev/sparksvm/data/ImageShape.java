package dev.sparksvm.data;

import java.io.Serializable;

/**
 * The shape of an image as its bytes are laid out: {@code channels} planes of {@code height x
 * width} pixels, each plane row-major (CIFAR's layout: all red, then all green, then all blue;
 * grayscale is one plane). A feature vector is the {@link #pixels()} bytes in this order, centred,
 * plus the bias 1.
 *
 * @param height rows of pixels
 * @param width columns of pixels
 * @param channels planes: 1 (grayscale) or 3 (RGB)
 */
public record ImageShape(int height, int width, int channels) implements Serializable {

  public ImageShape {
    if (height < 1 || width < 1 || channels < 1 || (long) height * width * channels > 1 << 24) {
      throw new IllegalArgumentException(
          "implausible image shape " + height + " x " + width + " x " + channels);
    }
  }

  /** Bytes of one image: {@code height * width * channels}. */
  public int pixels() {
    return height * width * channels;
  }

  /** Features D of the linear model: the pixels plus the bias feature. */
  public int features() {
    return pixels() + 1;
  }

  @Override
  public String toString() {
    return height + "x" + width + "x" + channels;
  }
}
