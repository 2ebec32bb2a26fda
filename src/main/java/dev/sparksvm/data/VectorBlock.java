package dev.sparksvm.data;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One partition's feature vectors, cached compactly: every row's D values in float (4 bytes a
 * feature) or double (8), densified, row-major in pages of at most {@value #PAGE_VALUES} values,
 * and one label per row, a byte while every label of the block is below 256, else an int. Pages
 * keep each array a few MB, so a block is built row by row without a final copy of the whole and
 * its size is not bounded by Java's array limit; they cost one division per row read.
 *
 * <p>As with {@link ImageBlock}, preprocessing happens when rows are copied into a batch ({@link
 * #rows}): the training mean is subtracted, the difference scaled (standardization) and the bias
 * appended on the fly, so no second copy of the data is kept.
 */
public final class VectorBlock implements FeatureBlock, Serializable {
  private static final long serialVersionUID = 1L;

  /** Values per page: 4 MB of floats, 8 MB of doubles. */
  public static final int PAGE_VALUES = 1 << 20;

  /**
   * The most features a row may have. Rows are kept dense, each step copies chunks of them into a
   * batch matrix (128 rows of doubles or 512 of floats: 16-32 MB at this D, one per task thread,
   * kept between steps) and broadcasts W, C x (D + 1) doubles; beyond this, sparse high-dimensional
   * data (text, hashed features) is better served by a sparse-aware classifier, or by reducing D
   * first.
   */
  public static final int MAX_FEATURES = 16_384;

  /**
   * {@code features}, once it is known to be in 1..{@link #MAX_FEATURES}; else the refusal, which
   * names {@code what} (the features' column, say) and says why.
   */
  public static int checkedWidth(int features, String what) {
    if (features > MAX_FEATURES) {
      throw new InvalidDataException(
          "the features "
              + what
              + " have "
              + features
              + " values a row, more than the "
              + MAX_FEATURES
              + " this trainer takes: rows are kept dense and W ("
              + "classes x features) is broadcast every step; reduce the features first (e.g."
              + " PCA) or use a sparse-aware classifier");
    }
    if (features < 1) {
      throw new InvalidDataException("the features " + what + " are empty");
    }
    return features;
  }

  private final int features;
  private final int pageRows;
  private final int size;
  private final float[][] floatPages;
  private final double[][] doublePages;
  private final byte[] byteLabels;
  private final int[] intLabels;

  private VectorBlock(Builder b) {
    this.features = b.features;
    this.pageRows = b.pageRows;
    this.size = b.size;
    int pages = (b.size + b.pageRows - 1) / b.pageRows;
    int lastRows = b.size - (pages - 1) * b.pageRows;
    if (b.floatPages != null) {
      this.floatPages = Arrays.copyOf(b.floatPages, pages);
      this.doublePages = null;
      if (pages > 0) {
        floatPages[pages - 1] = Arrays.copyOf(floatPages[pages - 1], lastRows * features);
      }
    } else {
      this.doublePages = Arrays.copyOf(b.doublePages, pages);
      this.floatPages = null;
      if (pages > 0) {
        doublePages[pages - 1] = Arrays.copyOf(doublePages[pages - 1], lastRows * features);
      }
    }
    this.byteLabels = b.byteLabels == null ? null : Arrays.copyOf(b.byteLabels, b.size);
    this.intLabels = b.intLabels == null ? null : Arrays.copyOf(b.intLabels, b.size);
  }

  /**
   * A block of no rows, of any width: what an empty partition holds (it may not know D, no row
   * having said it). Its view takes the width of the preprocessing it is seen through.
   */
  public static VectorBlock empty(boolean floats) {
    return new VectorBlock(floats);
  }

  private VectorBlock(boolean floats) {
    this.features = 0;
    this.pageRows = 1;
    this.size = 0;
    this.floatPages = floats ? new float[0][] : null;
    this.doublePages = floats ? null : new double[0][];
    this.byteLabels = new byte[0];
    this.intLabels = null;
  }

  /** A builder of a block of rows of {@code features} values, kept as floats or as doubles. */
  public static Builder builder(int features, boolean floats) {
    return new Builder(features, floats);
  }

  @Override
  public int size() {
    return size;
  }

  /** Features D of each row (the bias not included). */
  public int features() {
    return features;
  }

  /** Whether the values are kept as floats (else doubles). */
  public boolean floats() {
    return floatPages != null;
  }

  /** Label of row {@code i}. */
  public int label(int i) {
    return byteLabels != null ? byteLabels[i] & 0xFF : intLabels[i];
  }

  /** Feature {@code j} of row {@code i}, as stored (a float widened to double when floats). */
  public double value(int i, int j) {
    int page = i / pageRows;
    int at = (i - page * pageRows) * features + j;
    return floatPages != null ? floatPages[page][at] : doublePages[page][at];
  }

  /** Copies row {@code i}'s values, as stored, into {@code out[0 .. D)} and returns it. */
  public double[] row(int i, double[] out) {
    int page = i / pageRows;
    int at = (i - page * pageRows) * features;
    if (floatPages != null) {
      float[] v = floatPages[page];
      for (int j = 0; j < features; j++) {
        out[j] = v[at + j];
      }
    } else {
      System.arraycopy(doublePages[page], at, out, 0, features);
    }
    return out;
  }

  /** Bytes held by the values and the labels. */
  public long payloadBytes() {
    long values = (long) size * features * (floatPages != null ? Float.BYTES : Double.BYTES);
    return values + (long) size * (byteLabels != null ? 1 : Integer.BYTES);
  }

  @Override
  public FeatureBlock.Rows rows(Preprocessing preprocessing) {
    if (size > 0 && preprocessing.features() != features) {
      throw new IllegalArgumentException(
          "a preprocessing of " + preprocessing.features() + " features for rows of " + features);
    }
    return new StandardizedRows(
        floatPages, doublePages, pageRows, size, byteLabels, intLabels, preprocessing);
  }

  /**
   * Fills a block row by row: values go straight into their page, labels into a growing array. A
   * value that is not finite and a label that is not a class index are refused with an {@link
   * InvalidDataException} naming the value (the caller adds where the row came from).
   */
  public static final class Builder {
    private final int features;
    private final int pageRows;
    private float[][] floatPages;
    private double[][] doublePages;
    private byte[] byteLabels = new byte[64];
    private int[] intLabels;
    private int size;

    private Builder(int features, boolean floats) {
      if (features < 1) {
        throw new IllegalArgumentException("rows need at least 1 feature, got " + features);
      }
      this.features = features;
      this.pageRows = Math.max(1, PAGE_VALUES / features);
      if (floats) {
        floatPages = new float[4][];
      } else {
        doublePages = new double[4][];
      }
    }

    /** Rows added so far. */
    public int size() {
      return size;
    }

    /** Appends a dense row of exactly D values. */
    public void add(int label, double[] values) {
      if (values.length != features) {
        throw wrongSize(values.length);
      }
      int at = slot(label);
      for (int j = 0; j < features; j++) {
        put(at + j, checked(j, values[j]));
      }
    }

    /**
     * Appends a sparse row of D values, zero except at {@code indices} (increasing, as spark.ml's
     * sparse vectors keep them): it is densified.
     */
    public void addSparse(int label, int dimension, int[] indices, double[] values) {
      if (dimension != features) {
        throw wrongSize(dimension);
      }
      int at = slot(label); // a new page is zero-filled; a reused slot is never rewritten
      for (int k = 0; k < indices.length; k++) {
        put(at + indices[k], checked(indices[k], values[k]));
      }
    }

    /** The block; the builder must not be used afterwards. */
    public VectorBlock build() {
      return new VectorBlock(this);
    }

    private InvalidDataException wrongSize(int got) {
      return new InvalidDataException(
          "a row of " + got + " features among rows of " + features + ": every row needs the same");
    }

    private double checked(int feature, double value) {
      return RowValues.feature(feature, value, floatPages != null);
    }

    /** Records the label and returns where the new row's first value goes in its (new) page. */
    private int slot(int label) {
      if (label < 0) {
        throw new InvalidDataException("label " + label + " is not a class index");
      }
      int page = size / pageRows;
      int offset = (size - page * pageRows) * features;
      if (offset == 0) {
        newPage(page);
      }
      setLabel(label);
      size++;
      return offset;
    }

    private void newPage(int page) {
      if (floatPages != null) {
        if (page == floatPages.length) {
          floatPages = Arrays.copyOf(floatPages, 2 * page);
        }
        floatPages[page] = new float[pageRows * features];
      } else {
        if (page == doublePages.length) {
          doublePages = Arrays.copyOf(doublePages, 2 * page);
        }
        doublePages[page] = new double[pageRows * features];
      }
    }

    private void put(int offset, double value) {
      int page = (size - 1) / pageRows;
      if (floatPages != null) {
        floatPages[page][offset] = (float) value;
      } else {
        doublePages[page][offset] = value;
      }
    }

    private void setLabel(int label) {
      if (byteLabels != null && label > 0xFF) {
        intLabels = new int[byteLabels.length];
        for (int i = 0; i < size; i++) {
          intLabels[i] = byteLabels[i] & 0xFF;
        }
        byteLabels = null;
      }
      if (byteLabels != null) {
        if (size == byteLabels.length) {
          byteLabels = Arrays.copyOf(byteLabels, 2 * size);
        }
        byteLabels[size] = (byte) label;
      } else {
        if (size == intLabels.length) {
          intLabels = Arrays.copyOf(intLabels, 2 * size);
        }
        intLabels[size] = label;
      }
    }
  }
}
