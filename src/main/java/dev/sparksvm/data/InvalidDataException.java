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

  /**
   * A record whose label byte is not a class: names the file holding the label, the record index in
   * that file and the label's byte offset.
   */
  public static InvalidDataException badLabel(
      String file, long record, long byteOffset, int label, int classes) {
    return new InvalidDataException(
        file
            + ": record "
            + record
            + " (byte offset "
            + byteOffset
            + ") has label "
            + label
            + ", expected 0.."
            + (classes - 1));
  }
}
