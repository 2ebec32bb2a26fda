package dev.sparksvm.data;

/**
 * Input data that cannot be used, with a message naming the file and, where it applies, the record.
 * The command line prints the message as one line and exits with code 2.
 */
public class InvalidDataException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidDataException(String message) {
    super(message);
  }

  /** A record whose label byte is not a class: names the file, the record index and its offset. */
  public static InvalidDataException badLabel(String file, long record, int label) {
    return new InvalidDataException(file + ": record " + record + " (byte offset "
        + record * Cifar10.RECORD_BYTES + ") has label " + label + ", expected 0.."
        + (Cifar10.CLASSES - 1));
  }
}
