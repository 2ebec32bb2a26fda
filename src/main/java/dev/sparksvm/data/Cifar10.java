package dev.sparksvm.data;

import java.util.List;

/**
 * The CIFAR-10 binary layout: each record is 3073 bytes, one label byte (0..9) then 1024 red, 1024
 * green and 1024 blue pixel bytes of a 32 x 32 image, each plane row-major. A feature vector is the
 * 3072 pixels (in record order) minus the training mean, followed by the constant 1 of the bias
 * trick.
 */
public final class Cifar10 {
  private Cifar10() {}

  public static final int SIDE = 32;
  public static final int PIXELS = 3 * SIDE * SIDE;
  public static final int RECORD_BYTES = 1 + PIXELS;

  /** Pixels plus the bias feature. */
  public static final int FEATURES = PIXELS + 1;

  public static final int CLASSES = 10;

  /** File name pattern of the training batches inside the official directory. */
  public static final String TRAIN_PATTERN = "data_batch_*.bin";

  /** File name of the official test batch. */
  public static final String TEST_FILE = "test_batch.bin";

  /** The class names, one per line, beside the batches; the built-in list when it is absent. */
  public static final String NAMES_FILE = "batches.meta.txt";

  public static final List<String> CLASS_NAMES =
      List.of(
          "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

  /** 32 x 32 pixels in three planes (R, G, B). */
  public static final ImageShape SHAPE = new ImageShape(SIDE, SIDE, 3);

  /** The shape and the ten class names. */
  public static final ImageSchema SCHEMA = new ImageSchema(SHAPE, CLASS_NAMES);

  /** Label byte first, then the pixels; no header. */
  public static final RecordLayout LAYOUT = RecordLayout.interleaved(RECORD_BYTES, 0, 1, PIXELS);

  /** Where to get the real data set, printed when the synthetic default is used. */
  public static final String DOWNLOAD_URL =
      "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz";

  /** MD5 of that tarball as published on the CIFAR-10 page. */
  public static final String DOWNLOAD_MD5 = "c32a1d4ab5d03f1284b67883e8d87530";
}
