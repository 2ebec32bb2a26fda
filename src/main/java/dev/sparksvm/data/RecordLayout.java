package dev.sparksvm.data;

import java.io.Serializable;

/**
 * Where images and labels lie in a data file of fixed-length records: a header of {@code
 * headerBytes}, then records of {@code recordBytes}, record r starting at {@code headerBytes + r *
 * recordBytes}. An image's {@code pixels} bytes start {@code pixelOffset} into its record. Its
 * label is either a byte of the same record ({@code labelOffset >= 0}: CIFAR) or byte {@code
 * labelHeaderBytes + r} of a separate labels file ({@code labelOffset == }{@link #SEPARATE_LABELS}:
 * IDX).
 *
 * @param headerBytes bytes before the first record
 * @param recordBytes bytes of one record
 * @param labelOffset offset of the label byte in a record, or {@link #SEPARATE_LABELS}
 * @param pixelOffset offset of the first pixel byte in a record
 * @param pixels pixel bytes of one image
 * @param labelHeaderBytes bytes before the first label of a separate labels file (else 0)
 */
public record RecordLayout(
    int headerBytes,
    int recordBytes,
    int labelOffset,
    int pixelOffset,
    int pixels,
    int labelHeaderBytes)
    implements Serializable {
  /** {@link #labelOffset} of a layout whose labels are in a file of their own. */
  public static final int SEPARATE_LABELS = -1;

  public RecordLayout {
    if (headerBytes < 0
        || pixels < 1
        || pixelOffset < 0
        || pixelOffset + pixels > recordBytes
        || labelOffset < SEPARATE_LABELS
        || labelOffset >= recordBytes
        || labelHeaderBytes < 0
        || (labelOffset >= 0 && labelOffset >= pixelOffset && labelOffset < pixelOffset + pixels)) {
      throw new IllegalArgumentException(
          "inconsistent record layout: header "
              + headerBytes
              + ", record "
              + recordBytes
              + ", label at "
              + labelOffset
              + ", "
              + pixels
              + " pixels at "
              + pixelOffset
              + ", label header "
              + labelHeaderBytes);
    }
  }

  /** Records of {@code recordBytes} with the label byte and the pixels inside them, no header. */
  public static RecordLayout interleaved(
      int recordBytes, int labelOffset, int pixelOffset, int pixels) {
    return new RecordLayout(0, recordBytes, labelOffset, pixelOffset, pixels, 0);
  }

  /** Whether the labels are in a file of their own. */
  public boolean separateLabels() {
    return labelOffset == SEPARATE_LABELS;
  }

  /** Byte offset of record {@code r} in the images (or records) file. */
  public long recordOffset(long r) {
    return headerBytes + r * recordBytes;
  }

  /** Byte offset of record {@code r}'s label: in the same file, or in the labels file. */
  public long labelOffsetOf(long r) {
    return separateLabels() ? labelHeaderBytes + r : recordOffset(r) + labelOffset;
  }

  /** Length of an images (or records) file of {@code records} records. */
  public long fileBytes(long records) {
    return recordOffset(records);
  }

  /** Length of a separate labels file of {@code records} labels (0 without one). */
  public long labelFileBytes(long records) {
    return separateLabels() ? labelHeaderBytes + records : 0;
  }
}
