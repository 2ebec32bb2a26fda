package dev.sparksvm.data;

/**
 * The CIFAR-100 binary layout: {@code train.bin} and {@code test.bin} hold records of 3074 bytes,
 * the coarse label (0..19), the fine label (0..99), then 3072 pixels laid out as CIFAR-10's (32 x
 * 32, red, green and blue planes). The class names lie beside them, one per line, in {@code
 * fine_label_names.txt} and {@code coarse_label_names.txt}.
 */
public final class Cifar100 {
  private Cifar100() {}

  public static final int RECORD_BYTES = 2 + Cifar10.PIXELS;

  /** File name of the training set. */
  public static final String TRAIN_FILE = "train.bin";

  /** File name of the test set. */
  public static final String TEST_FILE = "test.bin";

  /** Which of the two labels of a record a model learns ({@code --labels fine|coarse}). */
  public enum Labels {
    /** The 100 classes, second byte of a record. */
    FINE("fine", 100, 1, "fine_label_names.txt"),
    /** The 20 superclasses, first byte of a record. */
    COARSE("coarse", 20, 0, "coarse_label_names.txt");

    private final String id;
    private final int classes;
    private final int offset;
    private final String namesFile;

    Labels(String id, int classes, int offset, String namesFile) {
      this.id = id;
      this.classes = classes;
      this.offset = offset;
      this.namesFile = namesFile;
    }

    /** The name {@code --labels} takes. */
    public String id() {
      return id;
    }

    /** The labels named {@code id}, or null. */
    public static Labels named(String id) {
      for (Labels l : values()) {
        if (l.id.equals(id)) {
          return l;
        }
      }
      return null;
    }

    /** Number of classes C. */
    public int classes() {
      return classes;
    }

    /** The file of class names beside the data. */
    public String namesFile() {
      return namesFile;
    }

    /** Where the pixels and this label lie in a record. */
    public RecordLayout layout() {
      return RecordLayout.interleaved(RECORD_BYTES, offset, 2, Cifar10.PIXELS);
    }

    @Override
    public String toString() {
      return id;
    }
  }
}
