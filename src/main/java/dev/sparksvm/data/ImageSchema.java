package dev.sparksvm.data;

import java.io.Serializable;
import java.util.List;

/**
 * What a data set's images and labels are: the image shape (so D = pixels + 1) and the class names
 * (so C = their number). Every size in the trainer comes from here, never from a constant.
 *
 * @param shape the image shape
 * @param classNames one name per class, class 0 first
 */
public record ImageSchema(ImageShape shape, List<String> classNames) implements Serializable {

  public ImageSchema {
    if (classNames.size() < 2 || classNames.size() > ImageBlock.MAX_CLASSES) {
      throw new IllegalArgumentException(
          "a classifier needs 2.." + ImageBlock.MAX_CLASSES + " classes, got " + classNames.size());
    }
    classNames = List.copyOf(classNames);
  }

  /** Number of classes C. */
  public int classes() {
    return classNames.size();
  }

  /** Features D: pixels plus the bias. */
  public int features() {
    return shape.features();
  }
}
